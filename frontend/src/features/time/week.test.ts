import { describe, expect, it } from "vitest";
import { buildWeekGrid, weekDays, weekStartOf } from "./week";

describe("weeks", () => {
  it("finds the first day of the week for any week start", () => {
    // 2026-11-26 is a Thursday.
    expect(weekStartOf("2026-11-26", 1)).toBe("2026-11-23");
    expect(weekStartOf("2026-11-26", 7)).toBe("2026-11-22");
    expect(weekStartOf("2026-11-26", 4)).toBe("2026-11-26");
    expect(weekStartOf("2026-11-23", 1)).toBe("2026-11-23");
    expect(weekStartOf("2026-11-29", 1)).toBe("2026-11-23");
  });

  it("lists seven days across a month end", () => {
    expect(weekDays("2026-11-30")).toEqual([
      "2026-11-30",
      "2026-12-01",
      "2026-12-02",
      "2026-12-03",
      "2026-12-04",
      "2026-12-05",
      "2026-12-06",
    ]);
  });
});

describe("buildWeekGrid", () => {
  const entry = (project_id: string, task_id: string | null, date: string, minutes: number) => ({
    project_id,
    task_id,
    date,
    minutes,
  });

  it("sums rows by project and task, days, and the week", () => {
    const grid = buildWeekGrid(
      [
        entry("web", "t2", "2026-11-23", 60),
        entry("web", "t1", "2026-11-23", 30),
        entry("web", "t1", "2026-11-23", 15),
        entry("web", null, "2026-11-25", 45),
        entry("ops", "t9", "2026-11-29", 120),
        entry("ops", "t9", "2026-11-30", 999), // next week
      ],
      "2026-11-23",
      { project: (id) => id, task: (id) => id },
    );
    expect(grid.total).toBe(270);
    expect(grid.days).toEqual([105, 0, 45, 0, 0, 0, 120]);
    expect(grid.projects.map((project) => project.projectId)).toEqual(["ops", "web"]);
    const [ops, web] = grid.projects;
    expect(ops?.total).toBe(120);
    expect(web?.total).toBe(150);
    expect(web?.days).toEqual([105, 0, 45, 0, 0, 0, 0]);
    expect(web?.rows.map((row) => [row.taskId, row.total])).toEqual([
      [null, 45],
      ["t1", 45],
      ["t2", 60],
    ]);
    expect(web?.rows[1]?.days).toEqual([45, 0, 0, 0, 0, 0, 0]);
  });

  it("is empty for a week without time", () => {
    expect(buildWeekGrid([], "2026-11-23")).toEqual({
      projects: [],
      days: [0, 0, 0, 0, 0, 0, 0],
      total: 0,
    });
  });
});
