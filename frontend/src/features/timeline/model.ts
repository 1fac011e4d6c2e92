/** What the timeline draws, joined from the API's tasks, schedule and links. */

import type { Dependency, Schedule, SchedulePreview, Task } from "./api";
import { dayOf, type WorkingCalendar } from "./calendar";
import type { DraftEdit } from "./draft";
import { draftLinks } from "./draft";
import { type Box, barBox, type LinkType, type Scale } from "./geometry";
import type { OutlineRow } from "./outline";

export type ScheduledTask = Schedule["tasks"][number];
export type Violation = Schedule["violations"][number];

export interface RowModel {
  row: OutlineRow<Task>;
  index: number;
  box: Box | null;
  scheduled: ScheduledTask | undefined;
  violation: Violation | undefined;
  critical: boolean;
  manual: boolean;
  summary: boolean;
  milestone: boolean;
  /** Working days: a task's own, a summary's span. */
  duration: number;
}

export interface DrawnLink {
  id: string;
  predecessor_id: string;
  successor_id: string;
  type: LinkType;
  lag_days: number;
  draft: "added" | "changed" | "removed" | null;
  critical: boolean;
}

export function rowModels(
  rows: readonly OutlineRow<Task>[],
  schedule: Schedule | undefined,
  scale: Scale,
  calendar: WorkingCalendar,
): RowModel[] {
  const scheduled = new Map(schedule?.tasks.map((each) => [each.task_id, each]));
  const violations = new Map(schedule?.violations.map((each) => [each.task_id, each]));
  return rows.map((row, index) => {
    const info = scheduled.get(row.task.id);
    const milestone = !row.parent && row.task.duration_days === 0;
    return {
      row,
      index,
      box:
        row.start === null || row.finish === null
          ? null
          : barBox(scale, index, row.start, row.finish, milestone),
      scheduled: info,
      violation: violations.get(row.task.id),
      critical: info?.critical ?? false,
      manual: row.task.scheduling_mode === "manual",
      summary: row.parent,
      milestone,
      duration:
        row.parent && row.start !== null && row.finish !== null
          ? calendar.workingDaysThrough(row.start, row.finish)
          : row.task.duration_days,
    };
  });
}

/** The links to draw, as the draft would leave them; a link is critical when it joins two
 * consecutive tasks of the critical path. */
export function drawnLinks(
  links: readonly Dependency[],
  edits: readonly DraftEdit[],
  criticalPath: readonly string[],
): DrawnLink[] {
  const next = new Map<string, string>();
  criticalPath.forEach((taskId, i) => {
    const following = criticalPath[i + 1];
    if (following) next.set(taskId, following);
  });
  return draftLinks(
    links.map((link) => ({ ...link, type: link.type as LinkType })),
    edits,
  ).map((link) => ({
    ...link,
    critical: next.get(link.predecessor_id) === link.successor_id,
  }));
}

export interface Ghost {
  start: number;
  finish: number;
  critical: boolean;
}

/** Where the preview would put the tasks it moves (a ghost beside each one's current bar). */
export function ghostsOf(
  preview: SchedulePreview | undefined,
  tasks: ReadonlyMap<string, Task>,
): Map<string, Ghost> {
  const ghosts = new Map<string, Ghost>();
  if (!preview) return ghosts;
  const moved = new Set(preview.moved_task_ids);
  for (const each of preview.tasks) {
    const task = tasks.get(each.task_id);
    const changed =
      moved.has(each.task_id) ||
      (task && (task.start_date !== each.start_date || task.finish_date !== each.finish_date));
    if (!changed) continue;
    ghosts.set(each.task_id, {
      start: dayOf(each.start_date),
      finish: dayOf(each.finish_date),
      critical: each.critical,
    });
  }
  return ghosts;
}
