import type { Page } from "@playwright/test";
import { expect, screenshot, test } from "./fixtures";
import { apiAs, mondayIn, signUp } from "./plan";

const HOLIDAYS = "../tests/data/ics/holidays-2026.ics";

function addDays(iso: string, days: number): string {
  const [year = 1970, month = 1, day = 1] = iso.split("-").map(Number);
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return date.toISOString().slice(0, 10);
}

/** Step the year view to `year` with its arrows. */
async function showYear(page: Page, year: number) {
  const label = page.getByText(/^\d{4}$/, { exact: true }).first();
  for (let step = 0; step < 10; step++) {
    const shown = Number(await label.textContent());
    if (shown === year) return;
    await page.getByRole("button", { name: shown < year ? "Next year" : "Previous year" }).click();
  }
  await expect(label).toHaveText(String(year));
}

/** How far the second bar starts after the first on the timeline, in pixels. */
async function gap(page: Page, first: string, second: string): Promise<number> {
  const a = await page.getByTestId(`bar-${first}`).boundingBox();
  const b = await page.getByTestId(`bar-${second}`).boundingBox();
  if (!a || !b) throw new Error("bars not visible");
  return b.x - a.x;
}

test("calendars: a clicked holiday moves the timeline, an .ics import, a start preview", async ({
  page,
  consoleErrors,
}) => {
  const workspaceId = await signUp(page, "Greta Lindqvist", "Lindqvist Logistics");
  const api = await apiAs(page);
  const base = `/api/v1/workspaces/${workspaceId}`;
  const start = mondayIn(7);
  const holiday = addDays(start, 1);

  const berlin = await api.post(`${base}/calendars`, { name: "Berlin office" });
  await api.post(`${base}/calendars`, {
    name: "Leipzig warehouse (six-day week)",
    working_weekdays: [1, 2, 3, 4, 5, 6],
    hours_per_day: 7.5,
  });
  await api.post(`${base}/calendars`, { name: "Night shift", hours_per_day: 6 });
  const project = await api.post(`${base}/projects`, {
    key: "HQ",
    name: "Headquarters move to Friedrichshain",
    kind: "project",
    start_date: start,
    target_date: addDays(start, 60),
    calendar_id: berlin.id,
  });
  for (const name of [
    "Customer portal relaunch with self-service returns",
    "ISO 27001 certification audit preparation",
    "Quarterly stock take",
  ]) {
    await api.post(`${base}/projects`, {
      key: name
        .slice(0, 3)
        .toUpperCase()
        .replace(/[^A-Z]/g, "X"),
      name,
      kind: "project",
      start_date: start,
      target_date: addDays(start, 90),
      calendar_id: berlin.id,
    });
  }
  for (const name of ["Meeting room Spree", "Forklift 3", "Label printer bay"]) {
    await api.post(`${base}/resources`, {
      kind: name.startsWith("Meeting") ? "room" : "equipment",
      name,
      capacity_hours_per_day: 8,
      calendar_id: berlin.id,
    });
  }
  const tasks = [
    ["Clear out the old office and archive the paper records", 5],
    ["Network cabling and access points on three floors", 3],
    ["Move furniture and set up 60 desks", 2],
  ] as const;
  const ids: string[] = [];
  for (const [title, duration] of tasks) {
    const task = await api.post(`${base}/tasks`, {
      project_id: project.id,
      title,
      duration_days: duration,
    });
    ids.push(task.id);
  }
  await api.post(`${base}/dependencies`, { predecessor_id: ids[0], successor_id: ids[1] });
  await api.post(`${base}/dependencies`, { predecessor_id: ids[1], successor_id: ids[2] });

  let before = 0;
  await test.step("the timeline before", async () => {
    await page.goto(`/w/${workspaceId}/projects/${project.id}/timeline`);
    await expect(page.getByTestId("bar-HQ-2")).toBeVisible();
    before = await gap(page, "HQ-1", "HQ-2");
  });

  await test.step("click a working day in the year view: a holiday", async () => {
    await page.getByRole("link", { name: "Calendars" }).click();
    await page.getByRole("tab", { name: "Berlin office" }).click();
    await expect(page.getByRole("heading", { name: "Berlin office" })).toBeVisible();
    await showYear(page, Number(holiday.slice(0, 4)));
    const day = page.locator(`button[data-date="${holiday}"]`);
    await expect(day).toHaveAttribute("data-kind", "working");
    await day.click();
    await expect(day).toHaveAttribute("data-kind", "holiday");
  });

  await test.step("the timeline's bars moved past the holiday", async () => {
    await page.goto(`/w/${workspaceId}/projects/${project.id}/timeline`);
    await expect(page.getByTestId("bar-HQ-2")).toBeVisible();
    await expect.poll(() => gap(page, "HQ-1", "HQ-2")).toBeGreaterThan(before);
    const moved = await api.get(`${base}/tasks/HQ-1`);
    expect(moved.finish_date).toBe(addDays(start, 7));
  });

  await test.step("import a public-holiday file", async () => {
    await page.goto(`/w/${workspaceId}/settings/calendars?calendar=${berlin.id}`);
    await showYear(page, 2026);
    await page.getByRole("button", { name: "Import .ics" }).click();
    const dialog = page.getByRole("dialog", { name: "Import into Berlin office" });
    await dialog.locator('input[type="file"]').setInputFiles(HOLIDAYS);
    await dialog.getByRole("button", { name: "Import", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(/22 holidays added; 10 already days off/)).toBeVisible();
    await expect(page.locator('button[data-date="2026-04-03"]')).toHaveAttribute(
      "data-kind",
      "holiday",
    );
    await expect(page.getByRole("cell", { name: "Karfreitag", exact: true })).toBeVisible();
    await expect(page.getByText("4 projects")).toBeVisible();
    await screenshot(page, "calendars-year-view");
  });

  await test.step("a calendar in use cannot be deleted: the 409 says who uses it", async () => {
    await page.getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitem", { name: "Delete calendar" }).click();
    await page.getByRole("button", { name: "Delete calendar" }).click();
    await expect(page.getByText("4 projects and 3 resources follow it")).toBeVisible();
    // The browser logs the refused request; that refusal is what this step expects.
    const refused = consoleErrors.findIndex((error) => error.includes("status of 409"));
    expect(refused).toBeGreaterThanOrEqual(0);
    consoleErrors.splice(refused, 1);
  });

  await test.step("move the project's start and see the schedule preview", async () => {
    await page.goto(`/w/${workspaceId}/projects/${project.id}`);
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: /^Edit Headquarters/ });
    await expect(dialog.getByRole("textbox", { name: "Calendar" })).toHaveValue("Berlin office");
    const later = addDays(start, 7);
    await dialog.getByRole("button", { name: "Start", exact: true }).click();
    if (later.slice(5, 7) !== start.slice(5, 7)) {
      await page.locator('button[data-direction="next"]').click();
    }
    const [year, month, date] = later.split("-").map(Number);
    const monthName = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, 1)).toLocaleString("en-US", {
      month: "long",
      timeZone: "UTC",
    });
    await page.getByRole("button", { name: `${date} ${monthName} ${year}`, exact: true }).click();
    const preview = dialog.getByTestId("start-preview");
    await expect(preview).toContainText(/The finish moves from .+ to .+; 3 tasks move\./);
    const sentence = preview.locator(".mantine-Alert-message");
    const onBerlin = await sentence.textContent();
    await dialog.getByRole("textbox", { name: "Calendar" }).click();
    await page.getByRole("option", { name: "Leipzig warehouse (six-day week)" }).click();
    await expect(preview).toContainText("on Leipzig warehouse (six-day week)");
    // Saturdays are worked there: the finish comes sooner than on the Berlin calendar.
    await expect(sentence).not.toHaveText(onBerlin ?? "");
    await expect(preview).toContainText(/The finish moves from .+ to .+; 3 tasks move\./);
    await screenshot(page, "project-form-start-preview");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog).toBeHidden();
    const moved = await api.get(`${base}/tasks/HQ-1`);
    expect(moved.start_date).toBe(later);
    const saved = await api.get(`${base}/projects/${project.id}`);
    expect(saved.calendar_id).not.toBe(berlin.id);
  });
});
