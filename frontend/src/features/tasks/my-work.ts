import { choices } from "@/lib/choices";
import { addDays, endOfWeek, todayIso } from "@/lib/dates";

export type DueGroup = "overdue" | "today" | "week" | "later" | "none";

export const DUE_GROUPS = choices<DueGroup>({
  overdue: "Overdue",
  today: "Today",
  week: "This week",
  later: "Later",
  none: "No date",
});

/** Which group a due date falls in, seen from `today` in a week that starts on `weekStart`. */
export function dueGroup(due: string | null, today: string, weekStart: number): DueGroup {
  if (!due) return "none";
  if (due < today) return "overdue";
  if (due === today) return "today";
  const weekEnd = endOfWeek(today, weekStart);
  // On the week's last day "this week" would be empty: the next seven days count instead.
  const horizon = weekEnd === today ? addDays(today, 7) : weekEnd;
  return due <= horizon ? "week" : "later";
}

export function groupByDue<T extends { due_date: string | null }>(
  tasks: T[],
  weekStart: number,
  now: Date = new Date(),
): Record<DueGroup, T[]> {
  const today = todayIso(now);
  const groups: Record<DueGroup, T[]> = { overdue: [], today: [], week: [], later: [], none: [] };
  for (const task of tasks) groups[dueGroup(task.due_date, today, weekStart)].push(task);
  return groups;
}
