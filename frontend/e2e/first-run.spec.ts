import { expect, screenshot, test } from "./fixtures";

const owner = { name: "Ada Lovelace", email: "ada@example.com", password: "correct horse battery" };
const colleague = {
  name: "Grace Hopper",
  email: "grace@example.com",
  password: "another long secret",
};

test("first run: sign up, set up a workspace, sign out and back in", async ({ page, browser }) => {
  await test.step("signed out, the app asks to sign in", async () => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("heading", { name: "Sign in to Worklane" })).toBeVisible();
    await screenshot(page, "01-sign-in");
  });

  await test.step("sign up", async () => {
    await page.getByRole("link", { name: "Create an account" }).click();
    await expect(page).toHaveURL(/\/signup$/);
    await page.getByLabel("Full name").fill(owner.name);
    await page.getByLabel("Work email").fill(owner.email);
    await page.getByLabel("Password").fill(owner.password);
    await screenshot(page, "02-sign-up");
    await page.getByRole("button", { name: "Create account" }).click();
  });

  let workspaceUrl = "";
  await test.step("create the first workspace", async () => {
    await expect(page).toHaveURL(/\/new$/);
    await expect(page.getByRole("heading", { name: "Create your workspace" })).toBeVisible();
    await page.getByLabel("Workspace name").fill("Acme Operations");
    await screenshot(page, "03-create-workspace");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await expect(page).toHaveURL(/\/w\/[0-9a-f-]+\/my-work$/);
    workspaceUrl = page.url().replace(/\/my-work$/, "");
    await expect(page.getByText("Nothing on your plate")).toBeVisible();
    await page.getByRole("link", { name: "General" }).click();
    await expect(page.getByRole("heading", { name: "General", level: 1 })).toBeVisible();
    await expect(page.getByLabel("Workspace name")).toHaveValue("Acme Operations");
    await screenshot(page, "04-general-settings");
  });

  await test.step("add teams", async () => {
    await page.getByRole("link", { name: "Teams" }).click();
    await expect(page.getByText("No teams yet")).toBeVisible();
    await screenshot(page, "05-teams-empty");

    await page.getByRole("button", { name: "Create team" }).click();
    const dialog = page.getByRole("dialog", { name: "Create a team" });
    await dialog.getByLabel("Name").fill("Engineering");
    await dialog.getByRole("button", { name: "Create team" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("button", { name: /^Engineering/ })).toBeVisible();

    await page.getByRole("button", { name: "Actions for Engineering" }).click();
    await page.getByRole("menuitem", { name: "Add sub-team" }).click();
    const sub = page.getByRole("dialog", { name: "Create a team" });
    await sub.getByLabel("Name").fill("Platform");
    await sub.getByRole("button", { name: "Create team" }).click();
    await expect(sub).toBeHidden();
    await expect(page.getByRole("button", { name: /^Platform/ })).toBeVisible();

    await page.getByRole("button", { name: /^Platform/ }).click();
    const drawer = page.getByRole("dialog", { name: /Platform/ });
    await drawer.getByRole("textbox", { name: "Add a member to this team" }).click();
    await page.getByRole("option", { name: new RegExp(owner.name) }).click();
    await expect(drawer.getByText(owner.email)).toBeVisible();
    await screenshot(page, "06-team-drawer");
    await page.keyboard.press("Escape");
    await expect(drawer).toBeHidden();
    await screenshot(page, "07-teams");
  });

  let link = "";
  await test.step("members: invite a colleague and copy the link", async () => {
    await page.getByRole("link", { name: "Members" }).click();
    await expect(page.getByRole("cell", { name: owner.email })).toBeVisible();
    await page.getByRole("button", { name: "Invite" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite someone" });
    await dialog.getByLabel("Email").fill(colleague.email);
    await dialog.getByRole("button", { name: "Invite" }).click();
    const passOn = page.getByRole("dialog", { name: "Pass the invitation on" });
    link = (await passOn.getByTestId("invitation-link").textContent()) ?? "";
    expect(link).toMatch(/\/invitations\/accept#wl_inv_/);
    await passOn.getByRole("button", { name: "Copy link" }).click();
    await screenshot(page, "08-invitation-link");
    await passOn.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("table", { name: "Pending invitations" })).toContainText(
      colleague.email,
    );
  });

  await test.step("the colleague signs up from the link, in their own browser, and accepts", async () => {
    const theirs = await browser.newContext();
    const them = await theirs.newPage();
    await them.goto(link);
    await expect(them).toHaveURL(/\/login\?next=/);
    await them.getByRole("link", { name: "Create an account" }).click();
    await them.getByLabel("Full name").fill(colleague.name);
    await them.getByLabel("Work email").fill(colleague.email);
    await them.getByLabel("Password").fill(colleague.password);
    await them.getByRole("button", { name: "Create account" }).click();
    await expect(them.getByRole("heading", { name: "Join a workspace" })).toBeVisible();
    await them.getByRole("button", { name: "Accept invitation" }).click();
    await expect(them).toHaveURL(/\/w\/[0-9a-f-]+\/my-work$/);
    await theirs.close();
  });

  await test.step("members: the colleague joined; make them an admin", async () => {
    await page.reload();
    await expect(page.getByRole("cell", { name: colleague.email })).toBeVisible();
    await expect(page.getByRole("table", { name: "Pending invitations" })).toBeHidden();

    await page.getByRole("textbox", { name: `Role of ${colleague.name}` }).click();
    await page.getByRole("option", { name: "Admin" }).click();
    await expect(page.getByText(`${colleague.name} is now Admin`)).toBeVisible();
    await screenshot(page, "08-members");
  });

  await test.step("create an API token and see its secret once", async () => {
    await page.getByRole("link", { name: "API tokens" }).click();
    await expect(page.getByText("No API tokens")).toBeVisible();
    await page.getByRole("button", { name: "Create token" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Create an API token" });
    await dialog.getByLabel("Name").fill("CI deploy script");
    await dialog.getByRole("checkbox", { name: /tasks:read/ }).check();
    await screenshot(page, "09-create-token");
    await dialog.getByRole("button", { name: "Create token" }).click();
    const secret = page.getByRole("dialog", { name: "Copy your new token" });
    await expect(secret.getByTestId("token-secret")).toHaveText(/^wl_pat_/);
    await screenshot(page, "10-token-secret");
    await secret.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("cell", { name: /^CI deploy script/ })).toBeVisible();
    await screenshot(page, "11-api-tokens");
  });

  await test.step("switch to the dark theme from the command palette", async () => {
    await page.getByRole("link", { name: "Teams" }).click();
    await expect(page.getByRole("button", { name: /^Engineering/ })).toBeVisible();
    await page.keyboard.press("Control+K");
    await page.getByPlaceholder("Search tasks, projects, screens and actions…").fill("dark");
    await page.keyboard.press("Enter");
    await expect(page.locator("html")).toHaveAttribute("data-mantine-color-scheme", "dark");
    await screenshot(page, "13-teams-dark");
  });

  await test.step("sign out from the command palette", async () => {
    await page.keyboard.press("Control+K");
    const search = page.getByPlaceholder("Search tasks, projects, screens and actions…");
    await expect(search).toBeVisible();
    await screenshot(page, "12-command-palette");
    await search.fill("sign out");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/login$/);
  });

  await test.step("a deep link survives signing in again", async () => {
    await page.goto(`${workspaceUrl}/settings/teams`);
    await expect(page).toHaveURL(/\/login\?next=/);
    await page.getByLabel("Email").fill(owner.email);
    await page.getByLabel("Password").fill(owner.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${workspaceUrl}/settings/teams`);
    await expect(page.getByRole("button", { name: /^Engineering/ })).toBeVisible();
  });
});
