import { expect, screenshot, test } from "./fixtures";

test.use({ viewport: { width: 1366, height: 800 } });

const person = { name: "Margaret Hamilton", password: "apollo guidance computer" };
const NEW_PASSWORD = "lunar module software";

test("account: change the password, sign out everywhere; a workspace caps token lifetimes", async ({
  page,
  browser,
  baseURL,
}) => {
  // A fresh address each time, so the spec can repeat on one database (`--repeat-each`).
  const email = `margaret+${Date.now()}@example.com`;
  let workspaceUrl = "";
  await test.step("sign up and create a workspace", async () => {
    await page.goto("/signup");
    await page.getByLabel("Full name").fill(person.name);
    await page.getByLabel("Work email").fill(email);
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/new$/);
    await page.getByLabel("Workspace name").fill("Mission Control");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await expect(page).toHaveURL(/\/w\/[0-9a-f-]+\/my-work$/);
    workspaceUrl = page.url().replace(/\/my-work$/, "");
  });

  // Another browser, signed in as the same person.
  const laptop = await browser.newContext({ baseURL });
  const signIn = await laptop.request.post("/api/v1/auth/login", {
    data: { email, password: person.password },
  });
  expect(signIn.status()).toBe(200);
  const laptopIsSignedIn = async () => (await laptop.request.get("/api/v1/me")).status() === 200;

  await test.step("the longest token lifetime, set in General, shapes the token dialog", async () => {
    await page.getByRole("link", { name: "General" }).click();
    await page.getByRole("textbox", { name: "Longest API token lifetime" }).click();
    await page.getByRole("option", { name: "30 days" }).click();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Workspace settings saved")).toBeVisible();
    await screenshot(page, "account-01-general-token-lifetime");
    await page.getByRole("link", { name: "API tokens" }).click();
    await page.getByRole("button", { name: "Create token" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Create an API token" });
    await expect(dialog.getByText("This workspace allows at most 30 days.")).toBeVisible();
    await dialog.getByLabel("Name").fill("Nightly export");
    await dialog.getByRole("textbox", { name: "Expires" }).click();
    await expect(page.getByRole("option", { name: "No expiry" })).toHaveCount(0);
    await screenshot(page, "account-02-token-dialog-capped");
    await page.keyboard.press("Escape");
    await dialog.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByTestId("token-secret")).toHaveText(/^wl_pat_/);
    await page.getByRole("button", { name: "Done" }).click();
  });

  await test.step("change the password: the other browser is signed out, this one stays", async () => {
    await page.getByRole("link", { name: "Account" }).click();
    await expect(page).toHaveURL(`${workspaceUrl}/settings/account`);
    await page.getByLabel("Current password").fill(person.password);
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
    await screenshot(page, "account-03-change-password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText(/Password changed/)).toBeVisible();
    await expect(page.getByLabel("Current password")).toHaveValue("");
    expect(await laptopIsSignedIn()).toBe(false);
    await page.reload();
    await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
  });

  await test.step("sign out everywhere: every browser is signed out", async () => {
    const again = await laptop.request.post("/api/v1/auth/login", {
      data: { email, password: NEW_PASSWORD },
    });
    expect(again.status()).toBe(200);
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    const confirm = page.getByRole("dialog", { name: "Sign out everywhere?" });
    await screenshot(page, "account-04-sign-out-everywhere");
    await confirm.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/login$/);
    expect(await laptopIsSignedIn()).toBe(false);
  });

  await test.step("the new password signs in", async () => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/w\/[0-9a-f-]+\/my-work$/);
  });
  await laptop.close();
});
