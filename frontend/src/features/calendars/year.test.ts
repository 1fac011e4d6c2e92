import { describe, expect, it } from "vitest";
import {
  dayKind,
  describeWeekdays,
  type Exception,
  isoWeekday,
  monthGrid,
  toggleOf,
  weekdayOrder,
  workingDaysIn,
  yearGrid,
} from "./year";

const MON_FRI = [1, 2, 3, 4, 5];
const holiday: Exception = { id: "h", date: "2026-04-06", working: false, name: "Easter Monday" };
const extra: Exception = { id: "x", date: "2026-11-07", working: true, name: "Inventory" };
const exceptions = new Map([
  [holiday.date, holiday],
  [extra.date, extra],
]);

describe("isoWeekday", () => {
  it("numbers Monday 1 and Sunday 7", () => {
    expect(isoWeekday("2026-03-02")).toBe(1);
    expect(isoWeekday("2026-03-08")).toBe(7);
  });
});

describe("monthGrid", () => {
  it("starts March 2026 on its Sunday in the last column of a Monday week", () => {
    const grid = monthGrid(2026, 2, 1);
    expect(grid.weeks[0]).toEqual([null, null, null, null, null, null, "2026-03-01"]);
    expect(grid.weeks.at(-1)).toEqual(["2026-03-30", "2026-03-31", null, null, null, null, null]);
    expect(grid.weeks).toHaveLength(6);
  });

  it("puts Sunday first when weeks start on Sunday", () => {
    expect(monthGrid(2026, 2, 7).weeks[0]?.[0]).toBe("2026-03-01");
  });

  it("holds every day of a leap February once", () => {
    const days = monthGrid(2028, 1).weeks.flat().filter(Boolean);
    expect(days).toHaveLength(29);
    expect(days.at(-1)).toBe("2028-02-29");
  });

  it("makes twelve months of a year", () => {
    const grid = yearGrid(2026);
    expect(grid.map((month) => month.month)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(grid.flatMap((month) => month.weeks.flat().filter(Boolean))).toHaveLength(365);
  });
});

describe("weekdayOrder", () => {
  it("rotates the week to its first day", () => {
    expect(weekdayOrder(1)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(weekdayOrder(7)).toEqual([7, 1, 2, 3, 4, 5, 6]);
  });
});

describe("dayKind", () => {
  it("reads weekdays, then exceptions over them", () => {
    expect(dayKind("2026-04-07", MON_FRI, exceptions)).toBe("working");
    expect(dayKind("2026-04-11", MON_FRI, exceptions)).toBe("off");
    expect(dayKind("2026-04-06", MON_FRI, exceptions)).toBe("holiday");
    expect(dayKind("2026-11-07", MON_FRI, exceptions)).toBe("extra");
  });
});

describe("toggleOf", () => {
  it("makes a working day a holiday", () => {
    expect(toggleOf("2026-04-07", MON_FRI, exceptions)).toEqual({
      add: { date: "2026-04-07", working: false },
    });
  });

  it("makes a day off an extra working day", () => {
    expect(toggleOf("2026-04-11", MON_FRI, exceptions)).toEqual({
      add: { date: "2026-04-11", working: true },
    });
  });

  it("removes an exception", () => {
    expect(toggleOf("2026-04-06", MON_FRI, exceptions)).toEqual({ remove: holiday });
  });
});

describe("workingDaysIn", () => {
  it("counts weekdays less holidays plus extra days", () => {
    // 2026 has 261 weekdays.
    expect(workingDaysIn(2026, MON_FRI, new Map())).toBe(261);
    expect(workingDaysIn(2026, MON_FRI, exceptions)).toBe(261);
    expect(workingDaysIn(2026, MON_FRI, new Map([[holiday.date, holiday]]))).toBe(260);
  });
});

describe("describeWeekdays", () => {
  it("shortens a run and lists the rest", () => {
    expect(describeWeekdays([1, 2, 3, 4, 5])).toBe("Mon–Fri");
    expect(describeWeekdays([6, 1, 2, 3, 4, 5])).toBe("Mon–Sat");
    expect(describeWeekdays([1, 3, 5])).toBe("Mon, Wed, Fri");
    expect(describeWeekdays([1, 2])).toBe("Mon, Tue");
  });
});
