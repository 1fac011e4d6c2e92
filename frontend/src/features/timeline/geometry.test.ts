import { describe, expect, it } from "vitest";
import { dayOf, WorkingCalendar } from "./calendar";
import {
  barBox,
  dayAtX,
  endsOf,
  headerTicks,
  LINK_TYPES,
  linkRoute,
  linkTypeOf,
  movedStart,
  nonWorkingRuns,
  type Point,
  ROW_HEIGHT,
  resizedDuration,
  type Scale,
  xOfDay,
} from "./geometry";

const monday = dayOf("2026-03-02");
const scale: Scale = { origin: monday, pxPerDay: 30 };
const calendar = new WorkingCalendar({
  workingWeekdays: [1, 2, 3, 4, 5],
  exceptions: new Map([["2026-03-04", false]]),
});

describe("days and x", () => {
  it("maps days to x and back on the calendar-day axis", () => {
    expect(xOfDay(scale, monday)).toBe(0);
    expect(xOfDay(scale, monday + 3)).toBe(90);
    expect(dayAtX(scale, 0)).toBe(monday);
    expect(dayAtX(scale, 89)).toBe(monday + 2);
    expect(dayAtX(scale, -1)).toBe(monday - 1);
  });

  it("draws a bar from the start of its first day to the end of its last", () => {
    const box = barBox(scale, 2, monday, monday + 4, false);
    expect(box).toEqual({ x: 0, width: 150, y: 2 * ROW_HEIGHT + ROW_HEIGHT / 2, milestone: false });
    const milestone = barBox(scale, 0, monday + 1, monday + 1, true);
    expect(milestone.x + milestone.width / 2).toBe(30);
  });

  it("snaps a moved bar to the next working day, as the server places it", () => {
    // Dragged one day right from Tuesday lands on the Wednesday holiday: Thursday.
    expect(movedStart(calendar, scale, monday + 1, 31)).toBe(monday + 3);
    // Dragged onto Saturday: Monday.
    expect(movedStart(calendar, scale, monday, 5 * 30)).toBe(monday + 7);
    expect(movedStart(calendar, scale, monday + 7, -14)).toBe(monday + 7);
  });

  it("counts a resized bar's working days, never less than one", () => {
    // Mon..Fri with the Wednesday holiday: 4 working days.
    expect(resizedDuration(calendar, scale, monday, monday + 1, 3 * 30)).toBe(4);
    expect(resizedDuration(calendar, scale, monday, monday + 1, -300)).toBe(1);
  });

  it("shades weekends and holidays as separate runs", () => {
    expect(nonWorkingRuns(calendar, monday, monday + 7)).toEqual([
      { day: monday + 2, length: 1, exception: true },
      { day: monday + 5, length: 2, exception: false },
    ]);
  });

  it("labels the header by month and day at day zoom, by year and quarter at quarter zoom", () => {
    const day = headerTicks("day", monday, monday + 2);
    expect(day.top[0]?.label).toBe("Mar 2026");
    expect(day.bottom.map((tick) => tick.label)).toEqual(["2", "3", "4"]);
    const quarter = headerTicks("quarter", monday, monday + 250);
    expect(quarter.top[0]?.label).toBe("2026");
    expect(quarter.bottom.map((tick) => tick.label)).toEqual(["Q1", "Q2", "Q3", "Q4"]);
  });
});

describe("links", () => {
  it("takes its type from the ends it joins", () => {
    expect(linkTypeOf("finish", "start")).toBe("FS");
    expect(linkTypeOf("start", "start")).toBe("SS");
    expect(linkTypeOf("finish", "finish")).toBe("FF");
    expect(linkTypeOf("start", "finish")).toBe("SF");
    for (const type of LINK_TYPES) {
      const ends = endsOf(type);
      expect(linkTypeOf(ends.from, ends.to)).toBe(type);
    }
  });

  const predecessor = barBox(scale, 0, monday, monday + 2, false); // x 0..90
  const successor = barBox(scale, 2, monday + 5, monday + 7, false); // x 150..240

  function orthogonal(points: Point[]) {
    for (let i = 1; i < points.length; i++) {
      const [a, b] = [points[i - 1], points[i]];
      expect(a?.x === b?.x || a?.y === b?.y).toBe(true);
    }
  }

  it.each([
    ["FS", 90, 150, 1],
    ["SS", 0, 150, 1],
    ["FF", 90, 240, -1],
    ["SF", 0, 240, -1],
  ] as const)("routes %s from the right ends, arriving the right way", (type, fromX, toX, dir) => {
    const points = linkRoute(predecessor, successor, type);
    orthogonal(points);
    expect(points[0]).toEqual({ x: fromX, y: predecessor.y });
    const tip = points[points.length - 1];
    const before = points[points.length - 2];
    expect(tip).toEqual({ x: toX, y: successor.y });
    expect(before?.y).toBe(successor.y);
    expect(Math.sign((tip?.x ?? 0) - (before?.x ?? 0))).toBe(dir);
  });

  it("leaves a finish to the right and a start to the left", () => {
    expect(linkRoute(predecessor, successor, "FS")[1]?.x).toBeGreaterThan(90);
    expect(linkRoute(predecessor, successor, "SS")[1]?.x).toBeLessThan(0);
  });

  it("goes round through the gap between rows when the successor starts before the end", () => {
    // A negative lag: the successor starts under the predecessor.
    const overlapping = barBox(scale, 1, monday + 1, monday + 3, false);
    const points = linkRoute(predecessor, overlapping, "FS");
    orthogonal(points);
    expect(points).toHaveLength(6);
    const gap = points[2]?.y ?? 0;
    expect(gap).toBe(predecessor.y + ROW_HEIGHT / 2);
    expect(points[points.length - 1]).toEqual({ x: overlapping.x, y: overlapping.y });
  });

  it("routes upwards to a successor drawn above its predecessor", () => {
    const below = barBox(scale, 3, monday + 8, monday + 9, false);
    const above = barBox(scale, 0, monday + 1, monday + 2, false);
    const points = linkRoute(below, above, "FS");
    orthogonal(points);
    expect(points[2]?.y).toBe(below.y - ROW_HEIGHT / 2);
  });
});
