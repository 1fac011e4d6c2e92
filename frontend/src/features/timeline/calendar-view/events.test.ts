import { describe, expect, it } from "vitest";
import type { components } from "@/api/schema";
import { makeTask } from "@/testing/tasks";
import { WorkingCalendar } from "../calendar";
import { moveChange, openingDay, resizeChange, taskEvents } from "./events";

type Schedule = components["schemas"]["Schedule"];
type WorkflowStatus = components["schemas"]["WorkflowStatus"];

const statuses: WorkflowStatus[] = [
  { id: "s-todo", project_id: "p1", name: "To do", category: "todo", position: 1, version: 1 },
  { id: "s-done", project_id: "p1", name: "Done", category: "done", position: 2, version: 1 },
];

// 2026-03-02 is a Monday; the project works Monday to Friday, and 2026-03-11 is a holiday.
const weekdays = new WorkingCalendar({
  workingWeekdays: [1, 2, 3, 4, 5],
  exceptions: new Map([["2026-03-11", false]]),
});

const scheduleOf = (...rows: [string, boolean, number][]): Schedule =>
  ({
    tasks: rows.map(([task_id, critical, total_slack_days]) => ({
      task_id,
      critical,
      total_slack_days,
    })),
  }) as unknown as Schedule;

const statusColours = { colourBy: "status", readOnly: false } as const;

describe("tasks as calendar events", () => {
  it("spans a task from its start through its finish, the end being the day after", () => {
    const task = makeTask({
      start_date: "2026-03-05",
      finish_date: "2026-03-09",
      duration_days: 3,
    });
    const [event] = taskEvents([task], undefined, statuses, statusColours).events;
    expect(event).toMatchObject({ start: "2026-03-05", end: "2026-03-10", allDay: true });
    expect(event?.extendedProps).toMatchObject({ kind: "task", finish: "2026-03-09", duration: 3 });
  });

  it("leaves out undated tasks and counts them", () => {
    const dated = makeTask({ id: "a", start_date: "2026-03-02", finish_date: "2026-03-02" });
    const undated = makeTask({ id: "b" });
    const set = taskEvents([dated, undated], undefined, statuses, statusColours);
    expect(set.events.map((event) => event.id)).toEqual(["a"]);
    expect(set.undated).toBe(1);
  });

  it("makes a task without duration a milestone that moves but does not stretch", () => {
    const milestone = makeTask({
      start_date: "2026-03-06",
      finish_date: "2026-03-06",
      duration_days: 0,
    });
    const [event] = taskEvents([milestone], undefined, statuses, statusColours).events;
    expect(event?.extendedProps.kind).toBe("milestone");
    expect(event?.end).toBe("2026-03-07");
    expect(event?.startEditable).toBe(true);
    expect(event?.durationEditable).toBe(false);
  });

  it("spans a summary over its subtasks and keeps it still: they set its dates", () => {
    const parent = makeTask({ id: "p", start_date: "2026-03-02", finish_date: "2026-03-02" });
    const first = makeTask({
      id: "a",
      parent_id: "p",
      start_date: "2026-03-02",
      finish_date: "2026-03-04",
    });
    const second = makeTask({
      id: "b",
      parent_id: "p",
      start_date: "2026-03-05",
      finish_date: "2026-03-10",
    });
    const [summary, subtask] = taskEvents(
      [parent, first, second],
      undefined,
      statuses,
      statusColours,
    ).events;
    expect(summary?.extendedProps.kind).toBe("summary");
    expect(summary).toMatchObject({ start: "2026-03-02", end: "2026-03-11" });
    expect(summary?.startEditable).toBe(false);
    expect(subtask?.startEditable).toBe(true);
  });

  it("lets nothing move for a reader", () => {
    const task = makeTask({ start_date: "2026-03-02", finish_date: "2026-03-03" });
    const [event] = taskEvents([task], undefined, statuses, {
      colourBy: "status",
      readOnly: true,
    }).events;
    expect(event?.startEditable).toBe(false);
    expect(event?.durationEditable).toBe(false);
  });

  it("colours by status category, marking done tasks", () => {
    const done = makeTask({
      status_id: "s-done",
      start_date: "2026-03-02",
      finish_date: "2026-03-02",
    });
    const [event] = taskEvents([done], undefined, statuses, statusColours).events;
    expect(event?.extendedProps.tone).toBe("done");
    expect(event?.extendedProps.done).toBe(true);
  });

  it("colours by the critical path and carries the slack when asked", () => {
    const a = makeTask({ id: "a", start_date: "2026-03-02", finish_date: "2026-03-02" });
    const b = makeTask({ id: "b", start_date: "2026-03-02", finish_date: "2026-03-02" });
    const schedule = scheduleOf(["a", true, 0], ["b", false, 4]);
    const events = taskEvents([a, b], schedule, statuses, {
      colourBy: "critical",
      readOnly: false,
    }).events;
    expect(events.map((event) => [event.extendedProps.tone, event.extendedProps.slack])).toEqual([
      ["critical", 0],
      ["normal", 4],
    ]);
  });
});

describe("a drop as a task change", () => {
  const task = makeTask({ start_date: "2026-03-03" });

  it("asks for the day dropped on as the new start", () => {
    expect(moveChange(task, "2026-03-05", weekdays)).toEqual({ start_date: "2026-03-05" });
  });

  it("reads a drop on a weekend as the next working day", () => {
    expect(moveChange(task, "2026-03-07", weekdays)).toEqual({ start_date: "2026-03-09" });
  });

  it("reads a drop on a holiday as the working day after it", () => {
    expect(moveChange(task, "2026-03-11", weekdays)).toEqual({ start_date: "2026-03-12" });
  });

  it("asks nothing when the task lands on its own start", () => {
    expect(moveChange(task, "2026-03-03", weekdays)).toBeNull();
  });
});

describe("a resize as a task change", () => {
  const task = makeTask({ start_date: "2026-03-05", duration_days: 2 });

  it("counts working days through the new last day, skipping the weekend", () => {
    // Thursday through Tuesday: Thu, Fri, Mon, Tue.
    expect(resizeChange(task, "2026-03-11", weekdays)).toEqual({ duration_days: 4 });
  });

  it("skips the holiday inside the new span", () => {
    // Thursday through Thursday 12th: Thu, Fri, Mon, Tue, (Wed off), Thu.
    expect(resizeChange(task, "2026-03-13", weekdays)).toEqual({ duration_days: 5 });
  });

  it("keeps at least one working day when shrunk onto a weekend", () => {
    const monday = makeTask({ start_date: "2026-03-09", duration_days: 3 });
    expect(resizeChange(monday, "2026-03-09", weekdays)).toEqual({ duration_days: 1 });
  });

  it("asks nothing when the duration stays", () => {
    // Thursday through Sunday is still two working days.
    expect(resizeChange(task, "2026-03-09", weekdays)).toBeNull();
  });
});

describe("where the calendar opens", () => {
  const event = (start: string, end: string) =>
    taskEvents(
      [makeTask({ start_date: start, finish_date: end })],
      undefined,
      statuses,
      statusColours,
    ).events;

  it("opens on today when work runs this month", () => {
    expect(openingDay(event("2026-02-20", "2026-03-02"), "2026-03-15")).toBe("2026-03-15");
  });

  it("opens where the work starts when none runs this month", () => {
    expect(openingDay(event("2026-06-01", "2026-06-05"), "2026-03-15")).toBe("2026-06-01");
  });
});
