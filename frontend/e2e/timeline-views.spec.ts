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
    const critical = schedule.tasks.find((task: { critical: boolean }) => !task.critical);
    await page.getByTestId(`bar-${critical.key}`).hover();
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

  await test.step("dark theme", async () => {
    await page.evaluate(() => localStorage.setItem("mantine-color-scheme-value", "dark"));
    await page.reload();
    await expect(page.getByTestId("bar-WMS-1")).toBeVisible();
    await screenshot(page, "timeline-05-dark");
  });
});
