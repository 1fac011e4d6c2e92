/**
 * The calendar's events, joined from the API's tasks and schedule, and the task change a drag
 * or a resize on the calendar asks for. Plain data: the component hands the events to
 * FullCalendar and the changes to the API.
 */

import type { components } from "@/api/schema";
import { dayOf, isoOf, type WorkingCalendar } from "../calendar";
import { outlineRows } from "../outline";

type Task = components["schemas"]["Task"];
type TaskUpdate = components["schemas"]["TaskUpdate"];
type Schedule = components["schemas"]["Schedule"];
type WorkflowStatus = components["schemas"]["WorkflowStatus"];
type StatusCategory = WorkflowStatus["category"];

export type ColourBy = "status" | "critical";
export type EventKind = "task" | "milestone" | "summary";
/** What colours an event: its status category, or whether it is on the critical path. */
export type Tone = StatusCategory | "critical" | "normal";

export interface TaskEventProps {
  taskId: string;
  key: string;
  kind: EventKind;
  tone: Tone;
  done: boolean;
  /** Working days of slack in the schedule (null: the schedule does not have the task). */
  slack: number | null;
  /** The last day of the task, for the tooltip (FullCalendar's `end` is the day after). */
  finish: string;
  /** Working days (null for a summary: its span is its subtasks'). */
  duration: number | null;
}

/** An all-day event as FullCalendar takes it (`EventInput`), with our fields beside it. */
export interface TaskEvent {
  id: string;
  title: string;
  start: string;
  /** The day after the last, as FullCalendar wants it for all-day events. */
  end: string;
  allDay: true;
  startEditable: boolean;
  durationEditable: boolean;
  extendedProps: TaskEventProps;
}

const NOTHING_COLLAPSED: ReadonlySet<string> = new Set();

export interface EventSet {
  events: TaskEvent[];
  /** Tasks the calendar cannot place: no start or finish yet. */
  undated: number;
}

/**
 * Every dated task as an event: a task spans its start to its finish, a milestone (no
 * duration) sits on its day, and a summary (a task with subtasks) spans its subtasks but
 * cannot be dragged: the scheduler derives its dates from theirs.
 */
export function taskEvents(
  tasks: readonly Task[],
  schedule: Schedule | undefined,
  statuses: readonly WorkflowStatus[],
  options: { colourBy: ColourBy; readOnly: boolean },
): EventSet {
  const category = new Map(statuses.map((status) => [status.id, status.category]));
  const scheduled = new Map(schedule?.tasks.map((each) => [each.task_id, each]));
  const isDone = (task: Task) => {
    const status = category.get(task.status_id);
    return status === "done" || status === "cancelled";
  };
  const events: TaskEvent[] = [];
  let undated = 0;
  // The outline rolls a summary's span up from its subtasks, as the timeline draws it.
  for (const row of outlineRows(tasks, NOTHING_COLLAPSED, isDone)) {
    const { task, start, finish } = row;
    if (start === null || finish === null || !task.start_date) {
      undated++;
      continue;
    }
    const kind: EventKind = row.parent
      ? "summary"
      : task.duration_days === 0
        ? "milestone"
        : "task";
    const info = scheduled.get(task.id);
    const tone: Tone =
      options.colourBy === "status"
        ? (category.get(task.status_id) ?? "todo")
        : info?.critical
          ? "critical"
          : "normal";
    const movable = !options.readOnly && kind !== "summary";
    events.push({
      id: task.id,
      title: task.title,
      start: isoOf(start),
      end: isoOf(finish + 1),
      allDay: true,
      startEditable: movable,
      durationEditable: movable && kind === "task",
      extendedProps: {
        taskId: task.id,
        key: task.key,
        kind,
        tone,
        done: isDone(task),
        slack: info?.total_slack_days ?? null,
        finish: isoOf(finish),
        duration: kind === "summary" ? null : task.duration_days,
      },
    });
  }
  return { events, undated };
}

/**
 * The change a drop on `day` (ISO) asks for: a new start. A day the project does not work
 * means the next working day, as the server would read it. Null when the start stays.
 */
export function moveChange(
  task: Pick<Task, "start_date">,
  day: string,
  calendar: WorkingCalendar,
): Pick<TaskUpdate, "start_date"> | null {
  const start = isoOf(calendar.onOrAfter(dayOf(day)));
  return start === task.start_date ? null : { start_date: start };
}

/**
 * The change a resize asks for when the bar now ends before `end` (ISO, the day after the last
 * one shown): the working days from the task's start through that last day, at least one.
 * Null when the duration stays.
 */
export function resizeChange(
  task: Pick<Task, "start_date" | "duration_days">,
  end: string,
  calendar: WorkingCalendar,
): Pick<TaskUpdate, "duration_days"> | null {
  if (!task.start_date) return null;
  const duration = Math.max(1, calendar.workingDaysThrough(dayOf(task.start_date), dayOf(end) - 1));
  return duration === task.duration_days ? null : { duration_days: duration };
}

/** Where the calendar opens: today when some task runs this month, else the first start (a
 * plan made for later, or one already over, opens where its work begins). */
export function openingDay(events: readonly TaskEvent[], today: string): string {
  const month = today.slice(0, 7);
  const starts = events.map((event) => event.start).sort();
  const inMonth = events.some(
    (event) => event.start.slice(0, 7) <= month && isoOf(dayOf(event.end) - 1).slice(0, 7) >= month,
  );
  return inMonth || starts.length === 0 ? today : (starts[0] ?? today);
}
