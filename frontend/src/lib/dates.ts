/**
 * Calendar days as the API sends them (`2026-03-02`), compared and shown in the user's local
 * calendar: a due date is a day, not an instant, so it never goes through UTC.
 */

export function todayIso(now: Date = new Date()): string {
  return toIso(now);
}

export function toIso(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, "0");
  const day = String(date.getDate()).padStart(2, "0");
  return `${date.getFullYear()}-${month}-${day}`;
}

export function fromIso(iso: string): Date {
  const [year = 1970, month = 1, day = 1] = iso.split("-").map(Number);
  return new Date(year, month - 1, day);
}

export function addDays(iso: string, days: number): string {
  const date = fromIso(iso);
  date.setDate(date.getDate() + days);
  return toIso(date);
}

export function isOverdue(iso: string, now: Date = new Date()): boolean {
  return iso < todayIso(now);
}

const sameYear = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
const otherYear = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  year: "numeric",
});

/** "Mar 2", or "Mar 2, 2027" outside this year. */
export function formatDay(iso: string, now: Date = new Date()): string {
  const date = fromIso(iso);
  return (date.getFullYear() === now.getFullYear() ? sameYear : otherYear).format(date);
}

/** The last day of the week that holds `iso`; weeks start on `weekStart` (1 = Monday … 7). */
export function endOfWeek(iso: string, weekStart: number): string {
  const weekday = fromIso(iso).getDay() || 7; // 1..7, Monday = 1
  const daysSinceStart = (weekday - weekStart + 7) % 7;
  return addDays(iso, 6 - daysSinceStart);
}
