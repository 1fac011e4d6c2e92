import { describe, expect, it } from "vitest";
import type { Dependency, SchedulePreview, Task } from "./api";
import { drawnLinks, ghostsOf } from "./model";

const link = (id: string, from: string, to: string): Dependency => ({
  id,
  predecessor_id: from,
  successor_id: to,
  type: "FS",
  lag_days: 0,
  version: 1,
});

describe("timeline model", () => {
  it("marks a link critical when it joins consecutive tasks of the critical path", () => {
    const links = [link("1", "a", "b"), link("2", "b", "c"), link("3", "a", "c")];
    const drawn = drawnLinks(links, [], ["a", "b", "c"]);
    expect(drawn.map((each) => [each.id, each.critical])).toEqual([
      ["1", true],
      ["2", true],
      ["3", false],
    ]);
  });

  it("puts a ghost only where the preview moves a task", () => {
    const task = (id: string, start: string, finish: string) =>
      ({ id, start_date: start, finish_date: finish }) as Task;
    const tasks = new Map([
      ["a", task("a", "2026-03-02", "2026-03-03")],
      ["b", task("b", "2026-03-04", "2026-03-04")],
    ]);
    const scheduled = (task_id: string, start: string, finish: string, critical: boolean) => ({
      task_id,
      key: task_id,
      start_date: start,
      finish_date: finish,
      early_start: start,
      early_finish: finish,
      late_start: start,
      late_finish: finish,
      total_slack_days: 0,
      free_slack_days: 0,
      critical,
    });
    const preview = {
      tasks: [
        scheduled("a", "2026-03-02", "2026-03-03", true),
        scheduled("b", "2026-03-05", "2026-03-05", true),
      ],
      moved_task_ids: ["b"],
    } as unknown as SchedulePreview;
    const ghosts = ghostsOf(preview, tasks);
    expect([...ghosts.keys()]).toEqual(["b"]);
    expect(ghosts.get("b")?.critical).toBe(true);
    expect(ghostsOf(undefined, tasks).size).toBe(0);
  });
});
