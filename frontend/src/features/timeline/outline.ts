/** The timeline's rows: a project's tasks in outline order, subtasks under their parent. */

import { dayOf } from "./calendar";

export interface OutlineTask {
  id: string;
  parent_id: string | null;
  start_date: string | null;
  finish_date: string | null;
  duration_days: number;
}

export interface OutlineRow<T extends OutlineTask> {
  task: T;
  depth: number;
  /** Subtasks exist (the row is a summary and can be collapsed). */
  parent: boolean;
  expanded: boolean;
  /** The days the bar spans: a summary spans its own dates and all its subtasks'. */
  start: number | null;
  finish: number | null;
  /** Share of the work done, 0..1: a task is done or not; a summary weighs its subtasks by
   * working days. */
  done: number;
}

interface Rollup {
  start: number | null;
  finish: number | null;
  work: number;
  doneWork: number;
}

/**
 * Rows in outline order: `tasks` come in their project order (position), and each task's
 * subtasks follow it, indented. Subtasks of a collapsed task are left out. A task whose parent
 * is not among `tasks` is a top-level row.
 */
export function outlineRows<T extends OutlineTask>(
  tasks: readonly T[],
  collapsed: ReadonlySet<string>,
  isDone: (task: T) => boolean,
): OutlineRow<T>[] {
  const ids = new Set(tasks.map((task) => task.id));
  const children = new Map<string | null, T[]>();
  for (const task of tasks) {
    const parent = task.parent_id && ids.has(task.parent_id) ? task.parent_id : null;
    const siblings = children.get(parent);
    if (siblings) siblings.push(task);
    else children.set(parent, [task]);
  }

  const rollups = new Map<string, Rollup>();
  const rollup = (task: T): Rollup => {
    const known = rollups.get(task.id);
    if (known) return known;
    const own = task.start_date ? dayOf(task.start_date) : null;
    const ownFinish = task.finish_date ? dayOf(task.finish_date) : own;
    const kids = children.get(task.id) ?? [];
    const result: Rollup = { start: own, finish: ownFinish, work: 0, doneWork: 0 };
    if (kids.length === 0) {
      result.work = Math.max(task.duration_days, 1);
      result.doneWork = isDone(task) ? result.work : 0;
    }
    for (const kid of kids) {
      const sub = rollup(kid);
      result.start = earliest(result.start, sub.start);
      result.finish = latest(result.finish, sub.finish);
      result.work += sub.work;
      result.doneWork += sub.doneWork;
    }
    rollups.set(task.id, result);
    return result;
  };

  const rows: OutlineRow<T>[] = [];
  // Depth first without recursion: a deep outline must not overflow the stack.
  const stack: { task: T; depth: number }[] = (children.get(null) ?? [])
    .map((task) => ({ task, depth: 0 }))
    .reverse();
  while (stack.length) {
    const next = stack.pop();
    if (!next) break;
    const { task, depth } = next;
    const kids = children.get(task.id) ?? [];
    const expanded = !collapsed.has(task.id);
    const summary = rollup(task);
    rows.push({
      task,
      depth,
      parent: kids.length > 0,
      expanded,
      start: summary.start,
      finish: summary.finish,
      done: summary.work ? summary.doneWork / summary.work : 0,
    });
    if (expanded) {
      for (let i = kids.length - 1; i >= 0; i--) {
        const kid = kids[i];
        if (kid) stack.push({ task: kid, depth: depth + 1 });
      }
    }
  }
  return rows;
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

function latest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
