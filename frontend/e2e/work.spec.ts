import type { Page } from "@playwright/test";
import { expect, screenshot, test } from "./fixtures";

/** A few animation frames: what a drag library needs to measure after a key. */
async function nextFrames(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let left = 3;
        const tick = () => (--left === 0 ? resolve() : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }),
  );
}

const lead = { name: "Lin Chen", email: "lin@example.com", password: "a long enough secret" };
const reviewer = { name: "Omar Haddad", email: "omar@example.com", password: "another secret 42" };

test("daily work: project, tasks, board, task detail, mention, my work", async ({
  page,
  playwright,
  baseURL,
}) => {
  // The reviewer's own request context: its cookies never reach the browser's session.
  const reviewerApi = await playwright.request.newContext({ baseURL });
  await test.step("a reviewer has an account", async () => {
    expect((await reviewerApi.post("/api/v1/auth/signup", { data: reviewer })).status()).toBe(202);
    const signedIn = await reviewerApi.post("/api/v1/auth/login", {
      data: { email: reviewer.email, password: reviewer.password },
    });
    expect(signedIn.status()).toBe(200);
  });

  let workspaceUrl = "";
  await test.step("sign up and create a workspace", async () => {
    await page.goto("/signup");
    await page.getByLabel("Full name").fill(lead.name);
    await page.getByLabel("Work email").fill(lead.email);
    await page.getByLabel("Password").fill(lead.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/new$/);
    await page.getByLabel("Workspace name").fill("Northwind");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await expect(page).toHaveURL(/\/w\/[0-9a-f-]+\/my-work$/);
    workspaceUrl = page.url().replace(/\/my-work$/, "");
    await expect(page.getByText("Nothing on your plate")).toBeVisible();
  });

  await test.step("invite the reviewer, who accepts", async () => {
    const csrf = (await page.context().cookies()).find((cookie) => cookie.name === "wl_csrf");
    const workspaceId = workspaceUrl.split("/w/")[1];
    const invited = await page.request.post(`/api/v1/workspaces/${workspaceId}/invitations`, {
      headers: { "X-CSRF-Token": csrf?.value ?? "" },
      data: { email: reviewer.email, role: "member" },
    });
    expect(invited.status()).toBe(201);
    const theirCsrf = (await reviewerApi.storageState()).cookies.find((c) => c.name === "wl_csrf");
    const accepted = await reviewerApi.post("/api/v1/invitations/accept", {
      headers: { "X-CSRF-Token": theirCsrf?.value ?? "" },
      data: { token: (await invited.json()).token },
    });
    expect(accepted.status()).toBe(200);
    await reviewerApi.dispose();
  });

  await test.step("create a project", async () => {
    await page.getByRole("link", { name: "Projects" }).click();
    await expect(page.getByText("No projects yet")).toBeVisible();
    await page.getByRole("button", { name: "New project" }).first().click();
    const dialog = page.getByRole("dialog", { name: "New project" });
    await dialog.getByLabel("Name").fill("Website relaunch");
    await expect(dialog.getByLabel("Key")).toHaveValue("WR");
    await dialog.getByRole("button", { name: "Target" }).click();
    await page.locator('button[data-direction="next"]').click();
    await page.getByRole("button", { name: /^15 \w+ \d{4}$/ }).click();
    await dialog.getByRole("button", { name: "Create project" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("heading", { name: "Website relaunch", level: 1 })).toBeVisible();
    await expect(page.getByText("No tasks yet")).toBeVisible();
  });

  await test.step("add tasks with the keyboard", async () => {
    await page.keyboard.press("c");
    const dialog = page.getByRole("dialog", { name: "New task" });
    await dialog.getByLabel("Create more").check();
    for (const title of ["Draft the sitemap", "Write homepage copy", "Pick a hosting plan"]) {
      await dialog.getByLabel("Title").fill(title);
      await dialog.getByRole("button", { name: "Create task" }).click();
      await expect(page.getByText(/^Created WR-\d+$/).last()).toBeVisible();
      await expect(dialog.getByLabel("Title")).toHaveValue("");
    }
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("row", { name: /Draft the sitemap/ })).toBeVisible();
    await expect(page.getByRole("row", { name: /Pick a hosting plan/ })).toBeVisible();
    await page.getByRole("button", { name: /^Priority of WR-2/ }).click();
    await page.getByRole("option", { name: "High" }).click();
    await expect(page.getByRole("button", { name: "Priority of WR-2: High" })).toBeVisible();
    await screenshot(page, "20-project-list");
  });

  await test.step("drag a task to another column on the board, and it stays moved", async () => {
    await page.getByRole("tab", { name: "Board" }).click();
    await expect(page).toHaveURL(/\/board$/);
    const todo = page.getByRole("region", { name: "Todo column" });
    const doing = page.getByRole("region", { name: "In Progress column" });
    const card = page.getByRole("button", { name: /^WR-1 Draft the sitemap/ });
    await expect(todo.getByText("Draft the sitemap")).toBeVisible();
    const from = await card.boundingBox();
    const to = await doing.boundingBox();
    if (!from || !to) throw new Error("board not laid out");
    const saved = page.waitForResponse(
      (response) => response.request().method() === "PATCH" && response.url().includes("/tasks/"),
    );
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2, { steps: 4 });
    await page.mouse.move(to.x + to.width / 2, to.y + 60, { steps: 12 });
    await page.mouse.up();
    expect((await saved).status()).toBe(200);
    await expect(doing.getByText("Draft the sitemap")).toBeVisible();
    await page.reload();
    await expect(
      page.getByRole("region", { name: "In Progress column" }).getByText("Draft the sitemap"),
    ).toBeVisible();
    await screenshot(page, "21-project-board");
  });

  await test.step("move cards with the keyboard, within and across columns", async () => {
    const todo = page.getByRole("region", { name: "Todo column" });
    const doing = page.getByRole("region", { name: "In Progress column" });
    const cardKeys = (column: typeof todo) =>
      column
        .locator("[data-task-id]")
        .evaluateAll((cards) =>
          cards.map((card) => card.getAttribute("aria-label")?.split(" ")[0]),
        );
    await expect.poll(() => cardKeys(todo)).toEqual(["WR-2", "WR-3"]);

    // Within the column: WR-2 goes below WR-3.
    let saved = page.waitForResponse(
      (response) => response.request().method() === "PATCH" && response.url().includes("/tasks/"),
    );
    const second = page.getByRole("button", { name: /^WR-2 Write homepage copy/ });
    await second.focus();
    await page.keyboard.press("Space");
    await expect(second).toHaveAttribute("aria-pressed", "true");
    // dnd-kit measures the cards in the frames after a pick-up and after each move; a key sent
    // before that (a busy machine) moves nothing, so let the frames pass as a person would.
    await nextFrames(page);
    await page.keyboard.press("ArrowDown");
    await nextFrames(page);
    await page.keyboard.press("Space");
    expect((await saved).status()).toBe(200);
    await expect.poll(() => cardKeys(todo)).toEqual(["WR-3", "WR-2"]);

    // Across columns: WR-3 goes to In Progress.
    saved = page.waitForResponse(
      (response) => response.request().method() === "PATCH" && response.url().includes("/tasks/"),
    );
    const third = page.getByRole("button", { name: /^WR-3 Pick a hosting plan/ });
    await third.focus();
    await page.keyboard.press("Space");
    await expect(third).toHaveAttribute("aria-pressed", "true");
    await nextFrames(page);
    await page.keyboard.press("ArrowRight");
    await expect(page.getByText("WR-3 is over In Progress.")).toBeAttached();
    await page.keyboard.press("Space");
    expect((await saved).status()).toBe(200);
    await expect(doing.getByText("Pick a hosting plan")).toBeVisible();
    await expect(page).not.toHaveURL(/\?task=/);

    await page.reload();
    await expect.poll(() => cardKeys(todo)).toEqual(["WR-2"]);
    await expect(
      page.getByRole("region", { name: "In Progress column" }).getByText("Pick a hosting plan"),
    ).toBeVisible();

    // Escape puts a picked-up card back where it was.
    const again = page.getByRole("button", { name: /^WR-2 Write homepage copy/ });
    await again.focus();
    await page.keyboard.press("Space");
    await expect(again).toHaveAttribute("aria-pressed", "true");
    await nextFrames(page);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Escape");
    await expect(page.getByText("Moving WR-2 was cancelled.")).toBeAttached();
    await expect.poll(() => cardKeys(todo)).toEqual(["WR-2"]);
  });

  await test.step("open the task, assign it with `a`, comment with a mention", async () => {
    await page.getByRole("button", { name: /^WR-1 Draft the sitemap/ }).click();
    await expect(page).toHaveURL(/\?task=WR-1$/);
    const panel = page.getByRole("dialog");
    await expect(panel.getByLabel("Title")).toHaveValue("Draft the sitemap");

    await page.keyboard.press("a");
    const picker = page.getByRole("dialog", { name: "Assign WR-1" });
    await picker.getByRole("combobox", { name: "Assign" }).fill("Lin");
    await page.keyboard.press("Enter");
    await expect(
      page.getByRole("button", { name: `Assignees of WR-1: ${lead.name}` }),
    ).toBeVisible();
    await expect(picker).toBeHidden();

    await panel.getByRole("button", { name: "Add a description" }).click();
    await panel
      .getByRole("textbox", { name: "Description" })
      .fill(
        "## Scope\n\n- every **public** page\n- redirects from the old URLs\n\n<script>alert(1)</script>",
      );
    await panel.getByRole("button", { name: "Save", exact: true }).click();
    await expect(panel.getByRole("heading", { name: "Scope" })).toBeVisible();

    const composer = panel.getByRole("textbox", { name: "Write a comment" });
    await composer.click();
    await composer.pressSequentially("Looks good. @Om");
    await page.getByRole("option", { name: new RegExp(reviewer.name) }).click();
    await composer.pressSequentially("can you review the redirects?");
    await panel.getByRole("button", { name: "Comment", exact: true }).click();
    const comment = panel.getByTestId("comment").last();
    await expect(comment.getByText(`@${reviewer.name}`)).toBeVisible();
    await expect(comment).toContainText("can you review the redirects?");
    await screenshot(page, "22-task-detail");
  });

  await test.step("the task page and its activity", async () => {
    await page.goto(`${workspaceUrl}/tasks/WR-1`);
    await expect(page.getByLabel("Title")).toHaveValue("Draft the sitemap");
    await page.getByRole("tab", { name: "Activity" }).click();
    await expect(page.getByText("changed status from Todo to In Progress")).toBeVisible();
    await expect(page.getByText(`assigned ${lead.name}`)).toBeVisible();
    await expect(page.getByText(`@${reviewer.name}`)).toBeHidden();
  });

  await test.step("my work and projects", async () => {
    await page.getByRole("link", { name: "My work" }).click();
    await expect(page.getByRole("region", { name: "No date" })).toContainText("Draft the sitemap");
    await screenshot(page, "23-my-work");
    await page.getByRole("link", { name: "Projects" }).click();
    await expect(page.getByRole("link", { name: "Website relaunch" })).toBeVisible();
    await expect(page.getByText("0/3")).toBeVisible();
    await screenshot(page, "24-projects");
  });

  await test.step("the project's phase history", async () => {
    await page.getByRole("link", { name: "Website relaunch" }).click();
    for (const [from, to] of [
      ["Initiation", "Planning"],
      ["Planning", "Execution"],
    ]) {
      await page.getByRole("button", { name: `Phase: ${from}. Change phase` }).click();
      await page.getByRole("menuitem", { name: to }).click();
      await expect(page.getByRole("button", { name: `Phase: ${to}. Change phase` })).toBeVisible();
    }
    await page.getByRole("tab", { name: "Settings" }).click();
    const history = page.getByLabel("Phase history");
    await expect(history).toContainText("Planning → Execution");
    await expect(history).toContainText("Initiation → Planning");
    await expect(history).toContainText(lead.name);
    await screenshot(page, "25-project-phase-history");
  });
});
