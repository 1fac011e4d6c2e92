import { expect, screenshot, test } from "./fixtures";

const tracker = { name: "Tomás Ruiz", password: "a secret for timesheets" };

test("time tracking: log time, run a timer, submit the week", async ({ page }) => {
  // A fresh address each time, so the spec can repeat on one database (`--repeat-each`).
  const email = `tomas+${Date.now()}@example.com`;
  let workspaceId = "";
  await test.step("sign up and create a workspace", async () => {
    await page.goto("/signup");
    await page.getByLabel("Full name").fill(tracker.name);
    await page.getByLabel("Work email").fill(email);
    await page.getByLabel("Password").fill(tracker.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/new$/);
    await page.getByLabel("Workspace name").fill("Timewise");
    await page.getByRole("button", { name: "Create workspace" }).click();
    await expect(page).toHaveURL(/\/w\/[0-9a-f-]+\/my-work$/);
    workspaceId = page.url().split("/w/")[1]?.split("/")[0] ?? "";
  });

  await test.step("a project with a task, through the API", async () => {
    const csrf = (await page.context().cookies()).find((cookie) => cookie.name === "wl_csrf");
    const headers = { "X-CSRF-Token": csrf?.value ?? "" };
    const project = await page.request.post(`/api/v1/workspaces/${workspaceId}/projects`, {
      headers,
      data: { key: "CR", name: "Client retainer", kind: "ongoing" },
    });
    expect(project.status()).toBe(201);
    const { id: projectId } = await project.json();
    const task = await page.request.post(`/api/v1/workspaces/${workspaceId}/tasks`, {
      headers,
      data: { project_id: projectId, title: "Monthly report" },
    });
    expect(task.status()).toBe(201);
    // Made behind the app's back: load it afresh.
    await page.reload();
  });

  await test.step("log time through the form and see it in the week", async () => {
    await page.getByRole("link", { name: "My time" }).click();
    await expect(page.getByRole("heading", { name: "My time", level: 1 })).toBeVisible();
    await expect(page.getByText("No time logged this week.")).toBeVisible();
    await page.getByRole("button", { name: "Add time" }).click();
    const dialog = page.getByRole("dialog", { name: "Log time" });
    await dialog.getByLabel("Duration").fill("1h30");
    await dialog.getByRole("textbox", { name: "Project" }).click();
    await page.getByRole("option", { name: "CR · Client retainer" }).click();
    await dialog.getByRole("textbox", { name: "Task" }).click();
    await page.getByRole("option", { name: "CR-1 Monthly report" }).click();
    await dialog.getByRole("textbox", { name: "Work type" }).click();
    await page.getByRole("option", { name: "Meeting" }).click();
    await dialog.getByLabel("Billable").check();
    await dialog.getByLabel("Description").fill("Review with the client");
    await dialog.getByRole("button", { name: "Log time" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("Logged 1:30")).toBeVisible();
    const row = page.getByRole("row", { name: /CR-1 Monthly report/ });
    await expect(row.getByRole("cell").last()).toHaveText("1:30");
    await expect(page.getByLabel("Week total")).toHaveText("1:30");
    await expect(page.getByTestId("time-entry")).toContainText("Review with the client");
    await screenshot(page, "30-my-time");
  });

  await test.step("start and stop a timer from the header", async () => {
    await page.getByRole("banner").getByRole("button", { name: "Start timer" }).click();
    const form = page.getByRole("dialog", { name: "Start timer" });
    await form.getByRole("textbox", { name: "Project" }).click();
    await page.getByRole("option", { name: "CR · Client retainer" }).click();
    await form.getByRole("textbox", { name: "Task" }).click();
    await page.getByRole("option", { name: "CR-1 Monthly report" }).click();
    await form.getByLabel("Description").fill("Drafting");
    await form.getByRole("button", { name: "Start", exact: true }).click();
    const running = page.getByRole("group", { name: "Running timer" });
    await expect(running).toContainText("CR-1");
    await expect(running.getByRole("timer")).toHaveText(/^0:00:0[1-9]$/);
    await screenshot(page, "31-timer-running");
    await running.getByRole("button", { name: "Stop timer" }).click();
    await expect(page.getByText(/^Logged \d+:\d\d on CR-1$/)).toBeVisible();
    await expect(
      page.getByRole("banner").getByRole("button", { name: "Start timer" }),
    ).toBeVisible();
    await expect(page.getByTestId("time-entry")).toHaveCount(2);
  });

  await test.step("start a timer from a task, then discard it", async () => {
    await page.goto(`/w/${workspaceId}/tasks/CR-1`);
    await expect(page.getByLabel("Title")).toHaveValue("Monthly report");
    await page.getByRole("main").getByRole("button", { name: "Start timer" }).click();
    await expect(page.getByText("Timer started on CR-1")).toBeVisible();
    const running = page.getByRole("group", { name: "Running timer" });
    await expect(running).toContainText("CR-1");
    await running.getByRole("button", { name: "Discard timer" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Discard timer" }).click();
    await expect(
      page.getByRole("banner").getByRole("button", { name: "Start timer" }),
    ).toBeVisible();
    await page.getByRole("link", { name: "My time" }).click();
    await expect(page.getByTestId("time-entry")).toHaveCount(2);
  });

  await test.step("submit the week: it is locked", async () => {
    await page.getByRole("button", { name: "Submit week" }).click();
    await expect(page.getByText("Week submitted for approval")).toBeVisible();
    await expect(page.getByText("This week is submitted for approval")).toBeVisible();
    await expect(page.getByLabel("Timesheet status: Submitted")).toBeVisible();
    await expect(page.getByRole("button", { name: "Add time" })).toBeHidden();
    await expect(page.getByRole("button", { name: /^Edit / })).toHaveCount(0);
    await screenshot(page, "32-week-submitted");
  });

  await test.step("the owner sees it waiting for approval", async () => {
    await page.getByRole("link", { name: "Approvals" }).click();
    await expect(page.getByRole("heading", { name: "Approvals", level: 1 })).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(tracker.name) })).toBeVisible();
    await page.getByRole("button", { name: new RegExp(`^Review ${tracker.name}`) }).click();
    const drawer = page.getByRole("dialog");
    await expect(drawer.getByRole("row", { name: /CR-1 Monthly report/ })).toBeVisible();
    await expect(drawer.getByRole("button", { name: "Approve week" })).toBeVisible();
    await screenshot(page, "33-approvals");
  });

  await test.step("reports: the logged hours by project and work type, and the estimates", async () => {
    await page.keyboard.press("Escape");
    await page.getByRole("link", { name: "Reports" }).click();
    await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
    await expect(page.getByRole("rowheader", { name: "Client retainer" })).toBeVisible();
    await page.getByRole("textbox", { name: "Add a grouping" }).click();
    await page.getByRole("option", { name: "Work type" }).click();
    const meeting = page.getByRole("row").filter({ hasText: "Meeting" });
    await expect(meeting.getByRole("cell").nth(1)).toHaveText("1:30");
    await screenshot(page, "34-time-report");

    await page.getByRole("tab", { name: "Estimates" }).click();
    await page.getByRole("textbox", { name: "Project" }).click();
    await page.getByRole("option", { name: "CR · Client retainer" }).click();
    await expect(page.getByRole("row", { name: /CR-1 Monthly report/ })).toBeVisible();
    await expect(page.getByRole("img", { name: /^Weekly burn/ })).toBeVisible();
    await screenshot(page, "35-estimates-report");
  });
});
