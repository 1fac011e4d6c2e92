import { expect, screenshot, test } from "./fixtures";
import { apiAs, seedRealisticProject, signUp } from "./plan";

test("a task's duration and a predecessor with a lag are set from its detail, which says what drives the start", async ({
  page,
}) => {
  const workspaceId = await signUp(page, "Rosa Quartermaine", "Harbour Logistics");
  const api = await apiAs(page);
  const { projectId, ids } = await seedRealisticProject(api, workspaceId);
  const base = `/api/v1/workspaces/${workspaceId}`;
  const created = await api.post(`${base}/tasks`, {
    project_id: projectId,
    title: "Floor markings and signage for the new picking zones",
    due_date: null,
  });
  const project = await api.get(`${base}/projects/${projectId}`);

  await page.goto(`/w/${workspaceId}/tasks/${created.key}`);
  const drives = page.getByRole("group", { name: "What drives the start" });
  await expect(drives).toContainText("because the project starts");

  const duration = page.getByLabel(`Duration of ${created.key} in working days`);
  await duration.fill("3");
  await duration.press("Enter");
  await expect
    .poll(async () => (await api.get(`${base}/tasks/${created.key}`)).duration_days)
    .toBe(3);

  const ui = await api.get(`${base}/tasks/${ids.get("ui")}`);
  await page.getByRole("textbox", { name: "Add a predecessor" }).fill(ui.key);
  await page.getByRole("option", { name: new RegExp(ui.key) }).click();
  await page.getByLabel("Lag of the new predecessor link in working days").fill("2");
  await page.getByRole("button", { name: "Add", exact: true }).first().click();

  await expect(page.getByRole("group", { name: `Predecessor ${ui.key}` })).toBeVisible();
  await expect(drives).toContainText(`${ui.key} finishes`);
  await expect(drives).toContainText("(FS +2d)");
  const moved = await api.get(`${base}/tasks/${created.key}`);
  expect(moved.start_date > project.start_date).toBe(true);
  expect(moved.start_date > ui.finish_date).toBe(true);
  const [year, month, day] = moved.start_date.split("-").map(Number);
  const shown = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric" }).format(
    new Date(year, month - 1, day),
  );
  await expect(drives).toContainText(`Starts ${shown}`);
  await expect(
    page.getByRole("button", { name: new RegExp(`Start date of ${created.key}: ${shown}`) }),
  ).toBeVisible();

  await screenshot(page, "task-detail-scheduling");

  await page.getByRole("tab", { name: "Activity" }).click();
  await expect(page.getByRole("list", { name: "Activity" })).toContainText(
    `because ${ui.key} → ${created.key} (FS +2d) was added`,
  );
  await page.setViewportSize({ width: 1366, height: 768 });
  await screenshot(page, "task-detail-scheduling-activity-1366");

  // A new task says where it will start before it is created.
  await page.getByRole("button", { name: "New task" }).first().click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Duration (working days)")).toHaveValue("1");
  await expect(dialog.getByTestId("start-hint")).toContainText("Starts at the project start");
  await screenshot(page, "create-task-scheduling-1366");
  await page.keyboard.press("Escape");

  // A task in the middle of the plan, with links both ways and slack.
  const arch = await api.get(`${base}/tasks/${ids.get("data")}`);
  await page.goto(`/w/${workspaceId}/tasks/${arch.key}`);
  await expect(page.getByRole("group", { name: "What drives the start" })).toContainText("because");
  await screenshot(page, "task-detail-scheduling-linked-1366");

  // The same task in the project's side panel, with a constraint set.
  const review = await api.get(`${base}/tasks/${ids.get("review")}`);
  await page.goto(`/w/${workspaceId}/projects/${projectId}?task=${review.key}`);
  await expect(page.getByRole("group", { name: "What drives the start" })).toContainText("because");
  await screenshot(page, "task-panel-scheduling-1366");
});
