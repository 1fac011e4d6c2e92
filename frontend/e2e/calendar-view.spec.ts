import type { Page } from "@playwright/test";
import { expect, screenshot, test } from "./fixtures";
import { type Api, apiAs, seedRealisticProject, signUp } from "./plan";

test.use({ viewport: { width: 1366, height: 800 } });

interface TaskRow {
  id: string;
  key: string;
  parent_id: string | null;
  start_date: string;
  finish_date: string;
  duration_days: number;
  scheduling_mode: string;
  position: number;
}

interface ScheduledTask {
  task_id: string;
  key: string;
  start_date: string;
  total_slack_days: number;
  free_slack_days: number;
  critical: boolean;
}

interface Link {
  predecessor_id: string;
  successor_id: string;
  type: string;
}

/** Six more tasks with long names after the design review: about thirty in all. */
const MORE: [string, number][] = [
  ["Procure 120 handheld scanners and charging cradles from the framework supplier", 6],
  ["Rewrite the standard operating procedures for inbound, putaway and cycle counts", 4],
  ["Label every bin location in aisles A to K with the new barcode scheme", 5],
  ["Agree the cut-over communication plan with customer service and the carriers", 2],
  ["Dry-run the stock migration on a copy of last month's production data", 3],
  ["Decommission the old warehouse servers and archive the transaction history", 2],
];

async function seed(api: Api, workspaceId: string) {
  const base = `/api/v1/workspaces/${workspaceId}`;
  const { projectId, ids } = await seedRealisticProject(api, workspaceId);
  let previous = ids.get("review");
  for (const [title, duration] of MORE) {
    const task = await api.post(`${base}/tasks`, {
      project_id: projectId,
      title,
      duration_days: duration,
    });
    await api.post(`${base}/dependencies`, {
      predecessor_id: previous,
      successor_id: task.id,
      type: "FS",
      lag_days: 0,
    });
    previous = task.id;
  }
  return projectId;
}

function weekday(iso: string): number {
  const [year = 1970, month = 1, day = 1] = iso.split("-").map(Number);
  return new Date(year, month - 1, day).getDay();
}

/** Monday of the week holding `iso`, as a day count (weeks start on Monday by default). */
function mondayOf(iso: string): number {
  const [year = 1970, month = 1, day = 1] = iso.split("-").map(Number);
  const days = Date.UTC(year, month - 1, day) / 86_400_000;
  return days - ((weekday(iso) + 6) % 7);
}

function todayIso(): string {
  const now = new Date();
  const month = String(now.getMonth() + 1).padStart(2, "0");
  const day = String(now.getDate()).padStart(2, "0");
  return `${now.getFullYear()}-${month}-${day}`;
}

/** Show the week holding `iso` in the week view. */
async function showWeekOf(page: Page, iso: string) {
  await page.getByRole("button", { name: "Today" }).click();
  const weeks = Math.round((mondayOf(iso) - mondayOf(todayIso())) / 7);
  const button = page.getByRole("button", { name: weeks < 0 ? "Previous week" : "Next week" });
  for (let i = 0; i < Math.abs(weeks); i++) await button.click();
  await expect(page.locator(`td.fc-daygrid-day[data-date="${iso}"]`)).toBeVisible();
}

/** The event of `key` in the day cell of `iso` (an event is drawn in the cell it starts in). */
function eventIn(page: Page, iso: string, key: string) {
  return page.locator(`td.fc-daygrid-day[data-date="${iso}"] [data-task-key="${key}"]`);
}

test("plan on the calendar: drag a task, its successor follows; plan columns in the list", async ({
  page,
}) => {
  const workspaceId = await signUp(page, "Marta Kowalski", "Nordlager Logistik");
  const api = await apiAs(page);
  const projectId = await seed(api, workspaceId);
  const base = `/api/v1/workspaces/${workspaceId}`;
  const scheduleOf = async () =>
    new Map<string, ScheduledTask>(
      (await api.get(`${base}/projects/${projectId}/schedule`)).tasks.map((task: ScheduledTask) => [
        task.task_id,
        task,
      ]),
    );
  const tasks: TaskRow[] = (await api.get(`${base}/tasks?project_id=${projectId}&limit=200`)).items;
  const links: Link[] = (await api.get(`${base}/dependencies?project_id=${projectId}&limit=200`))
    .items;
  expect(tasks.length).toBeGreaterThanOrEqual(30);
  const schedule = await scheduleOf();

  // A task that drives a successor (no free slack, an FS link to a leaf) and starts early in
  // its week, so a two-day drag stays in the row.
  const parents = new Set(tasks.map((task) => task.parent_id));
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const leaf = (task: TaskRow | undefined) =>
    task && !parents.has(task.id) && task.duration_days > 0 && task.scheduling_mode === "auto";
  const pick = links
    .filter((link) => link.type === "FS")
    .map((link) => ({
      task: byId.get(link.predecessor_id),
      successor: byId.get(link.successor_id),
    }))
    .find(
      ({ task, successor }) =>
        leaf(task) &&
        leaf(successor) &&
        task &&
        [1, 2, 3].includes(weekday(task.start_date)) &&
        schedule.get(task.id)?.free_slack_days === 0,
    );
  if (!pick?.task || !pick.successor) throw new Error("no task drives a successor");
  const { task, successor } = pick;

  await test.step("the month, coloured by status", async () => {
    await page.goto(`/w/${workspaceId}/projects/${projectId}/calendar`);
    await expect(page.getByRole("tab", { name: "Calendar" })).toHaveAttribute(
      "aria-selected",
      "true",
    );
    await expect(page.locator("[data-task-key]").first()).toBeVisible();
    await screenshot(page, "calendar-01-month");
  });

  await test.step("the week, coloured by the critical path", async () => {
    await page.getByText("Critical path", { exact: true }).click();
    await page.getByText("Week", { exact: true }).click();
    await showWeekOf(page, task.start_date);
    await expect(eventIn(page, task.start_date, task.key)).toBeVisible();
    await screenshot(page, "calendar-02-week");
  });

  await test.step("drag the task two days later: it and its successor move", async () => {
    const event = eventIn(page, task.start_date, task.key);
    const box = await event.boundingBox();
    const cell = await page
      .locator(`td.fc-daygrid-day[data-date="${task.start_date}"]`)
      .boundingBox();
    if (!box || !cell) throw new Error("event not drawn");
    const from = { x: box.x + Math.min(30, box.width / 2), y: box.y + box.height / 2 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) {
      await page.mouse.move(from.x + (2 * cell.width * step) / 10, from.y);
    }
    await page.mouse.up();
    await expect(page.getByText(`${task.key} now starts`)).toBeVisible({ timeout: 30_000 });

    const moved = await api.get(`${base}/tasks/${task.id}`);
    expect(moved.start_date > task.start_date).toBe(true);
    await expect(eventIn(page, moved.start_date, task.key)).toBeVisible();

    const follower = await api.get(`${base}/tasks/${successor.id}`);
    expect(follower.start_date > successor.start_date).toBe(true);
    await showWeekOf(page, follower.start_date);
    await expect(eventIn(page, follower.start_date, successor.key)).toBeVisible();
    await screenshot(page, "calendar-03-moved");
  });

  await test.step("slack and critical columns in the list agree with the schedule", async () => {
    await page.getByRole("tab", { name: "List" }).click();
    await page.getByRole("button", { name: "Columns" }).click();
    for (const name of ["Duration", "Start", "Finish", "Total slack", "Critical"]) {
      await page.getByRole("checkbox", { name, exact: true }).check();
    }
    await page.keyboard.press("Escape");
    // Among the first rows: the list draws only the rows in view.
    const now = await scheduleOf();
    const first = [...tasks]
      .sort((a, b) => a.position - b.position)
      .slice(0, 10)
      .flatMap((each) => now.get(each.id) ?? []);
    const slack = first.find(
      (each) => !each.critical && each.total_slack_days > 0 && !parents.has(each.task_id),
    );
    const critical = first.find((each) => each.critical);
    if (!slack || !critical) throw new Error("schedule without slack or critical tasks");
    const cell = (taskId: string, column: string) =>
      page.locator(`tr[data-task-id="${taskId}"] td[data-column="${column}"]`);
    await expect(cell(slack.task_id, "slack")).toHaveText(`${slack.total_slack_days}d`);
    await expect(cell(slack.task_id, "critical")).toHaveText("—");
    await expect(cell(critical.task_id, "critical")).toHaveText("Critical");
    await expect(cell(critical.task_id, "slack")).toHaveText(`${critical.total_slack_days}d`);
    await screenshot(page, "calendar-04-list-columns");

    // The choice is kept for next time.
    await page.reload();
    await expect(cell(slack.task_id, "slack")).toHaveText(`${slack.total_slack_days}d`);
  });
});
