/**
 * Working-day arithmetic in the browser, the same as the server's (app/scheduling/calendar.py,
 * docs/design.md §7): a date on a non-working day means the next working day, and a duration
 * counts working days. Days are whole numbers (days since 1970-01-01), so the timeline compares
 * and adds them without building Date objects on every frame.
 */

const MS_PER_DAY = 86_400_000;

const days = new Map<string, number>();

/** `2026-03-02` → its day number (kept once parsed: rows redraw on every frame of a scroll). */
export function dayOf(iso: string): number {
  let day = days.get(iso);
  if (day === undefined) {
    const [year = 1970, month = 1, date = 1] = iso.split("-").map(Number);
    day = Math.round(Date.UTC(year, month - 1, date) / MS_PER_DAY);
    days.set(iso, day);
  }
  return day;
}

/** A day number → `2026-03-02`. */
export function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (day 0 was a Thursday). */
export function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export interface CalendarRules {
  /** ISO weekdays worked, 1 = Monday. */
  workingWeekdays: readonly number[];
  /** Exceptions by ISO date: false for a holiday, true for an extra working day. */
  exceptions: ReadonlyMap<string, boolean>;
}

export class WorkingCalendar {
  private readonly weekdays: ReadonlySet<number>;
  private readonly byDay: ReadonlyMap<number, boolean>;

  constructor(rules: CalendarRules) {
    this.weekdays = new Set(rules.workingWeekdays.length ? rules.workingWeekdays : [1, 2, 3, 4, 5]);
    this.byDay = new Map([...rules.exceptions].map(([iso, working]) => [dayOf(iso), working]));
  }

  isWorking(day: number): boolean {
    return this.byDay.get(day) ?? this.weekdays.has(weekdayOf(day));
  }

  /** A holiday or closure that falls on a weekday otherwise worked (shaded apart from weekends). */
  isException(day: number): boolean {
    return this.byDay.has(day) && this.byDay.get(day) !== this.weekdays.has(weekdayOf(day));
  }

  /** The first working day on or after `day`: where a start typed on `day` lands. */
  onOrAfter(day: number): number {
    let current = day;
    // Bounded: a calendar has at least one working weekday, so a week holds a working day
    // unless exceptions close it, and a year of closures is not a calendar anyone keeps.
    for (let step = 0; step < 3660 && !this.isWorking(current); step++) current++;
    return current;
  }

  /** The last working day on or before `day`. */
  onOrBefore(day: number): number {
    let current = day;
    for (let step = 0; step < 3660 && !this.isWorking(current); step++) current--;
    return current;
  }

  /** The working day `count` working days after `day` (before it when negative). */
  addWorkingDays(day: number, count: number): number {
    let current = this.onOrAfter(day);
    const step = count < 0 ? -1 : 1;
    for (let left = Math.abs(count); left > 0; left--) {
      current += step;
      while (!this.isWorking(current)) current += step;
    }
    return current;
  }

  /** Working days in `[from, to]`, both included (0 when `to` is before `from`). */
  workingDaysThrough(from: number, to: number): number {
    let count = 0;
    for (let day = from; day <= to; day++) if (this.isWorking(day)) count++;
    return count;
  }

  /** The last day of a task that starts on `start` and lasts `duration` working days (0: a
   * milestone, which shows on its start). */
  finishOf(start: number, duration: number): number {
    return this.addWorkingDays(start, Math.max(duration, 1) - 1);
  }

  /** Working days from `from` to `to` in the sense of a slip: positive when `to` is later. */
  workingDaysBetween(from: number, to: number): number {
    if (to >= from) return this.workingDaysThrough(from + 1, to);
    return -this.workingDaysThrough(to + 1, from);
  }
}
