import { describe, expect, it } from "vitest";
import { dayOf } from "./calendar";
import { outlineRows } from "./outline";

const task = (
  id: string,
  parent_id: string | null,
  start: string | null,
  finish: string | null,
  duration = 1,
  done = false,
) => ({ id, parent_id, start_date: start, finish_date: finish, duration_days: duration, done });

const tasks = [
  task("a", null, "2026-03-02", "2026-03-03", 2),
  task("b", null, "2026-03-02", "2026-03-02", 1),
  task("a1", "a", "2026-03-04", "2026-03-10", 5, true),
  task("a2", "a", "2026-03-02", "2026-03-02", 1),
  task("a1x", "a1", "2026-03-11", "2026-03-12", 2),
  task("orphan", "elsewhere", null, null, 3),
];

describe("outline rows", () => {
  it("puts subtasks under their parent, in project order, indented", () => {
    const rows = outlineRows(tasks, new Set(), (t) => t.done);
    expect(rows.map((row) => [row.task.id, row.depth])).toEqual([
      ["a", 0],
      ["a1", 1],
      ["a1x", 2],
      ["a2", 1],
      ["b", 0],
      ["orphan", 0],
    ]);
  });

  it("spans a summary over its subtasks and weighs their done share by working days", () => {
    const rows = outlineRows(tasks, new Set(), (t) => t.done);
    const a = rows[0];
    expect(a?.parent).toBe(true);
    expect(a?.start).toBe(dayOf("2026-03-02"));
    expect(a?.finish).toBe(dayOf("2026-03-12"));
    // a1x (2 days, open) and a2 (1 day, open) are leaves; a1 is a summary (its own done flag
    // does not count): nothing done yet.
    expect(a?.done).toBe(0);
    const withDone = outlineRows(tasks, new Set(), (t) => t.id === "a1x");
    expect(withDone[0]?.done).toBeCloseTo(2 / 3);
  });

  it("leaves out the subtasks of a collapsed task", () => {
    const rows = outlineRows(tasks, new Set(["a"]), () => false);
    expect(rows.map((row) => row.task.id)).toEqual(["a", "b", "orphan"]);
    expect(rows[0]?.expanded).toBe(false);
    expect(rows[5]).toBeUndefined();
  });

  it("has no bar for an undated task", () => {
    const rows = outlineRows(tasks, new Set(), () => false);
    expect(rows.at(-1)?.start).toBeNull();
  });
});
