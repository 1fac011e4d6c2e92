import { isOverdue } from "@/lib/dates";
import type { Task } from "./api";

/** The API contract's lateness: a task is late when its scheduled finish passes its due date,
 * or, while not done, when today does. */
export function isLate(
  task: Pick<Task, "due_date" | "finish_date" | "completed_at">,
  now: Date = new Date(),
): boolean {
  if (!task.due_date) return false;
  if (task.finish_date && task.finish_date > task.due_date) return true;
  return !task.completed_at && isOverdue(task.due_date, now);
}
