/**
 * The year view's date logic: month grids of a year (weeks from the workspace's first weekday)
 * and what a day is on a calendar, and what a click on it does.
 */

/** A day as the calendar treats it: worked by weekday, off by weekday, or an exception. */
export type DayKind = "working" | "off" | "holiday" | "extra";

export interface Exception {
  id: string;
  date: string;
  working: boolean;
  name: string;
}

export interface MonthGrid {
  /** 0 = January. */
  month: number;
  /** Rows of seven ISO dates, null where the day belongs to another month. */
  weeks: (string | null)[][];
}

/** ISO weekday of a date (1 = Monday … 7 = Sunday), read without time zones. */
export function isoWeekday(iso: string): number {
  const [year = 1970, month = 1, day = 1] = iso.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7;
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** One month as rows of weeks starting on `weekStart` (1 = Monday … 7 = Sunday). */
export function monthGrid(year: number, month: number, weekStart = 1): MonthGrid {
  const lead = (isoWeekday(isoDate(year, month, 1)) - weekStart + 7) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let day = 1; day <= daysIn(year, month); day++) cells.push(isoDate(year, month, day));
  while (cells.length % 7) cells.push(null);
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return { month, weeks };
}

export function yearGrid(year: number, weekStart = 1): MonthGrid[] {
  return Array.from({ length: 12 }, (_, month) => monthGrid(year, month, weekStart));
}

/** The weekday numbers in display order from `weekStart`: [1..7] or [7, 1..6]. */
export function weekdayOrder(weekStart = 1): number[] {
  return Array.from({ length: 7 }, (_, i) => ((weekStart - 1 + i) % 7) + 1);
}

export function dayKind(
  iso: string,
  workingWeekdays: readonly number[],
  exceptions: ReadonlyMap<string, Exception>,
): DayKind {
  const exception = exceptions.get(iso);
  if (exception) return exception.working ? "extra" : "holiday";
  return workingWeekdays.includes(isoWeekday(iso)) ? "working" : "off";
}

/** A click on a day: an exception is removed; otherwise a working day becomes a holiday and a
 * day off an extra working day. */
export type Toggle = { remove: Exception } | { add: { date: string; working: boolean } };

export function toggleOf(
  iso: string,
  workingWeekdays: readonly number[],
  exceptions: ReadonlyMap<string, Exception>,
): Toggle {
  const exception = exceptions.get(iso);
  if (exception) return { remove: exception };
  return { add: { date: iso, working: !workingWeekdays.includes(isoWeekday(iso)) } };
}

/** Working days in the year on this calendar (for the header's "250 working days"). */
export function workingDaysIn(
  year: number,
  workingWeekdays: readonly number[],
  exceptions: ReadonlyMap<string, Exception>,
): number {
  let count = 0;
  for (let month = 0; month < 12; month++) {
    for (let day = 1; day <= daysIn(year, month); day++) {
      const kind = dayKind(isoDate(year, month, day), workingWeekdays, exceptions);
      if (kind === "working" || kind === "extra") count++;
    }
  }
  return count;
}

const WEEKDAY_SHORT = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** "Mon–Fri", "Mon–Sat", "Mon, Wed, Fri": a calendar's weekdays in a few characters. */
export function describeWeekdays(weekdays: readonly number[]): string {
  const sorted = [...new Set(weekdays)].sort((a, b) => a - b);
  if (sorted.length === 0) return "No working days";
  const first = sorted[0] ?? 1;
  const last = sorted[sorted.length - 1] ?? 1;
  const contiguous = sorted.length > 2 && last - first + 1 === sorted.length;
  const name = (day: number) => WEEKDAY_SHORT[day - 1] ?? "";
  return contiguous ? `${name(first)}–${name(last)}` : sorted.map(name).join(", ");
}
