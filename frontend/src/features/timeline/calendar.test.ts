import { describe, expect, it } from "vitest";
import { dayOf, isoOf, WorkingCalendar, weekdayOf } from "./calendar";

// 2026-03-02 is a Monday; 2026-03-06 a Friday.
const calendar = new WorkingCalendar({
  workingWeekdays: [1, 2, 3, 4, 5],
  exceptions: new Map([
    ["2026-03-04", false], // a Wednesday holiday
    ["2026-03-07", true], // a Saturday worked
  ]),
});
const day = dayOf;

describe("working calendar", () => {
  it("round-trips ISO dates and knows their weekday", () => {
    expect(isoOf(day("2026-03-02"))).toBe("2026-03-02");
    expect(weekdayOf(day("2026-03-02"))).toBe(1);
    expect(weekdayOf(day("2026-03-08"))).toBe(7);
    expect(weekdayOf(day("1969-12-29"))).toBe(1);
  });

  it("works weekdays and extra days, not weekends or holidays", () => {
    expect(calendar.isWorking(day("2026-03-03"))).toBe(true);
    expect(calendar.isWorking(day("2026-03-04"))).toBe(false);
    expect(calendar.isWorking(day("2026-03-07"))).toBe(true);
    expect(calendar.isWorking(day("2026-03-08"))).toBe(false);
    expect(calendar.isException(day("2026-03-04"))).toBe(true);
    expect(calendar.isException(day("2026-03-08"))).toBe(false);
  });

  it("lands a start on a non-working day on the next working day", () => {
    expect(isoOf(calendar.onOrAfter(day("2026-03-04")))).toBe("2026-03-05");
    expect(isoOf(calendar.onOrAfter(day("2026-03-08")))).toBe("2026-03-09");
    expect(isoOf(calendar.onOrBefore(day("2026-03-08")))).toBe("2026-03-07");
  });

  it("counts durations in working days, skipping the holiday and using the extra day", () => {
    // Mon 2, Tue 3, (Wed 4 off), Thu 5, Fri 6, Sat 7 (worked)
    expect(isoOf(calendar.finishOf(day("2026-03-02"), 5))).toBe("2026-03-07");
    expect(isoOf(calendar.finishOf(day("2026-03-02"), 0))).toBe("2026-03-02");
    expect(isoOf(calendar.addWorkingDays(day("2026-03-09"), -3))).toBe("2026-03-05");
    expect(calendar.workingDaysThrough(day("2026-03-02"), day("2026-03-08"))).toBe(5);
  });

  it("measures a slip in working days, late positive and early negative", () => {
    expect(calendar.workingDaysBetween(day("2026-03-03"), day("2026-03-06"))).toBe(2);
    expect(calendar.workingDaysBetween(day("2026-03-06"), day("2026-03-03"))).toBe(-2);
    expect(calendar.workingDaysBetween(day("2026-03-06"), day("2026-03-06"))).toBe(0);
  });
});
