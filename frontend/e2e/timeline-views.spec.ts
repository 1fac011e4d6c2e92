import { expect, screenshot, test } from "./fixtures";
import { apiAs, seedRealisticProject, signUp } from "./plan";

test.use({ viewport: { width: 1366, height: 800 } });

test("the timeline of a realistic project, light and dark, at laptop size", async ({ page }) => {
  const workspaceId = await signUp(page, "Greta Lindqvist", "Nordlager");
  const api = await apiAs(page);
  const { projectId } = await seedRealisticProject(api, workspaceId);
  const schedule = await api.get(
    `/api/v1/workspaces/${workspaceId}/projects/${projectId}/schedule`,
  );

  await test.step("week zoom, critical path on", async () => {
    await page.goto(`/w/${workspaceId}/projects/${projectId}/timeline`);
    await expect(page.getByTestId("bar-WMS-1")).toBeVisible();
    await expect(page.getByTestId("schedule-summary")).toContainText("Finish");
    await screenshot(page, "timeline-01-week");
  });

  await test.step("hover a bar for its slack", async () => {
    // A leaf task with slack (summaries show their span instead).
    const summaries = new Set(["WMS-1", "WMS-6", "WMS-11", "WMS-17", "WMS-21"]);
    const slack = schedule.tasks.find(
      (task: { critical: boolean; key: string }) => !task.critical && !summaries.has(task.key),
    );
    const box = await page.getByTestId(`bar-${slack.key}`).boundingBox();
    if (!box) throw new Error("bar not drawn");
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.getByRole("tooltip")).toContainText("Total slack");
    await screenshot(page, "timeline-02-hover");
  });

  await test.step("day and month zoom", async () => {
    await page.mouse.move(0, 0);
    await page.getByText("Day", { exact: true }).click();
    await screenshot(page, "timeline-03-day");
    await page.getByText("Month", { exact: true }).click();
    await screenshot(page, "timeline-04-month");
    await page.getByText("Week", { exact: true }).click();
  });

  await test.step("dark theme, with a what-if", async () => {
    await page.evaluate(() => localStorage.setItem("mantine-color-scheme-value", "dark"));
    await page.reload();
    await expect(page.getByTestId("bar-WMS-1")).toBeVisible();
    await screenshot(page, "timeline-05-dark");
    await page.getByLabel("Draft").check();
    await page.getByRole("row", { name: /^WMS-8 / }).click();
    const grid = page.getByTestId("timeline-grid");
    await grid.press("]");
    await grid.press("]");
    await expect(page.getByTestId("draft-summary")).toContainText("would move");
    await screenshot(page, "timeline-06-dark-draft");
  });
});
