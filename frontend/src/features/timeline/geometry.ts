/**
 * Where things go on the timeline: days ↔ x, task bars, dependency arrows. Pure arithmetic over
 * day numbers (see calendar.ts), tested without a browser; the components only draw what these
 * functions answer.
 */

import { type WorkingCalendar, weekdayOf } from "./calendar";

export type Zoom = "day" | "week" | "month" | "quarter";
export const ZOOMS: readonly Zoom[] = ["day", "week", "month", "quarter"];

/** Pixels per calendar day at each zoom: a day is wide enough to grab at "day", a year fits a
 * laptop screen at "quarter". */
export const PX_PER_DAY: Record<Zoom, number> = { day: 30, week: 12, month: 4, quarter: 1.6 };

export const ROW_HEIGHT = 32;
const BAR_HEIGHT = 18;
const MILESTONE_SIZE = 12;
/** How far an arrow leaves a bar before it turns. */
const LINK_STUB = 10;

/** A calendar-day axis from `origin` (the first day drawn), `pxPerDay` wide per day. */
export interface Scale {
  origin: number;
  pxPerDay: number;
}

export function xOfDay(scale: Scale, day: number): number {
  return (day - scale.origin) * scale.pxPerDay;
}

/** The day under an x position. */
export function dayAtX(scale: Scale, x: number): number {
  return scale.origin + Math.floor(x / scale.pxPerDay);
}

/** The days wholly or partly inside `[left, left + width)`, with `overscan` days each side. */
export function visibleDays(scale: Scale, left: number, width: number, overscan = 0) {
  return {
    first: dayAtX(scale, left) - overscan,
    last: dayAtX(scale, left + width) + overscan,
  };
}

/** The days a timeline should span: everything dated, with room around it to drag into. */
export function timelineSpan(days: number[], padding: number): { first: number; last: number } {
  const first = Math.min(...days);
  const last = Math.max(...days);
  return { first: first - padding, last: last + padding };
}

export interface Box {
  x: number;
  width: number;
  /** The vertical middle of the bar. */
  y: number;
  milestone: boolean;
}

/** A task's bar: from the start of its first day to the end of its last; a milestone is a
 * diamond centred on the start of its day. */
export function barBox(
  scale: Scale,
  row: number,
  start: number,
  finish: number,
  milestone: boolean,
): Box {
  const y = row * ROW_HEIGHT + ROW_HEIGHT / 2;
  if (milestone) {
    const x = xOfDay(scale, start) - MILESTONE_SIZE / 2;
    return { x, width: MILESTONE_SIZE, y, milestone };
  }
  const x = xOfDay(scale, start);
  return { x, width: Math.max(xOfDay(scale, finish + 1) - x, 2), y, milestone };
}

export const BAR = { height: BAR_HEIGHT, milestone: MILESTONE_SIZE } as const;

// Moving and resizing: what a drag of `dx` pixels means in days.

/** The start a bar dragged by `dx` asks for: the next working day on or after where it lands,
 * as the server will place it. */
export function movedStart(
  calendar: WorkingCalendar,
  scale: Scale,
  start: number,
  dx: number,
): number {
  return calendar.onOrAfter(start + Math.round(dx / scale.pxPerDay));
}

/** The duration a bar's end dragged by `dx` asks for: working days from its start to the day
 * the end lands on, at least one. */
export function resizedDuration(
  calendar: WorkingCalendar,
  scale: Scale,
  start: number,
  finish: number,
  dx: number,
): number {
  const end = Math.max(finish + Math.round(dx / scale.pxPerDay), start);
  return Math.max(calendar.workingDaysThrough(start, end), 1);
}

// Dependencies

export type LinkType = "FS" | "SS" | "FF" | "SF";
export const LINK_TYPES: readonly LinkType[] = ["FS", "SS", "FF", "SF"];
export type End = "start" | "finish";

/** Joining a bar's end to another's decides the type: finish→start is FS, start→start SS,
 * finish→finish FF, start→finish SF. */
export function linkTypeOf(from: End, to: End): LinkType {
  return `${from === "finish" ? "F" : "S"}${to === "finish" ? "F" : "S"}` as LinkType;
}

/** The ends a link type joins (the inverse of `linkTypeOf`). */
export function endsOf(type: LinkType): { from: End; to: End } {
  return {
    from: type[0] === "F" ? "finish" : "start",
    to: type[1] === "F" ? "finish" : "start",
  };
}

export interface Point {
  x: number;
  y: number;
}

function endPoint(box: Box, end: End): Point {
  return { x: end === "finish" ? box.x + box.width : box.x, y: box.y };
}

/**
 * The orthogonal path of an arrow from the predecessor's end to the successor's. It leaves a
 * finish to the right and a start to the left, and arrives at a start from the left and at a
 * finish from the right, as desktop schedulers draw them; when the straight way would double
 * back through a bar, it runs along the gap between the two rows instead.
 */
export function linkRoute(from: Box, to: Box, type: LinkType): Point[] {
  const ends = endsOf(type);
  const source = endPoint(from, ends.from);
  const target = endPoint(to, ends.to);
  const out = ends.from === "finish" ? 1 : -1;
  const into = ends.to === "start" ? 1 : -1;
  const leave = source.x + out * LINK_STUB;
  const approach = target.x - into * LINK_STUB;
  let turn: number | null = null;
  if (out === into) {
    // FS and SF: turn where the stub ends if the arrow can still arrive the right way.
    if ((target.x - leave) * into >= LINK_STUB / 2) turn = leave;
  } else {
    // SS and FF: one vertical at the outer of the two stubs.
    turn = out === 1 ? Math.max(leave, approach) : Math.min(leave, approach);
  }
  if (turn !== null) {
    return compact([source, { x: turn, y: source.y }, { x: turn, y: target.y }, target]);
  }
  const gap = source.y + (target.y >= source.y ? 1 : -1) * (ROW_HEIGHT / 2);
  return compact([
    source,
    { x: leave, y: source.y },
    { x: leave, y: gap },
    { x: approach, y: gap },
    { x: approach, y: target.y },
    target,
  ]);
}

/** Drop points that repeat the one before (a vertical of no height when rows coincide). */
function compact(points: Point[]): Point[] {
  return points.filter(
    (point, i) => i === 0 || point.x !== points[i - 1]?.x || point.y !== points[i - 1]?.y,
  );
}

export function pathOf(points: Point[]): string {
  return points.map((point, i) => `${i === 0 ? "M" : "L"}${point.x},${point.y}`).join(" ");
}

/** The arrowhead at the end of a route, pointing the way its last segment runs. */
export function arrowHead(points: Point[], size = 5): string {
  const tip = points[points.length - 1];
  const before = points[points.length - 2];
  if (!tip || !before) return "";
  const direction = Math.sign(tip.x - before.x) || 1;
  if (tip.y !== before.y) {
    const down = Math.sign(tip.y - before.y);
    return `M${tip.x},${tip.y} L${tip.x - size},${tip.y - down * size} L${tip.x + size},${tip.y - down * size} Z`;
  }
  const back = tip.x - direction * size;
  return `M${tip.x},${tip.y} L${back},${tip.y - size} L${back},${tip.y + size} Z`;
}

// The time header

export interface Tick {
  day: number;
  label: string;
}

const monthShort = new Intl.DateTimeFormat("en-US", { month: "short", timeZone: "UTC" });
const MS_PER_DAY = 86_400_000;

function utc(day: number): Date {
  return new Date(day * MS_PER_DAY);
}

function monthStart(day: number): number {
  const date = utc(day);
  return Math.round(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / MS_PER_DAY);
}

function nextMonth(day: number, months = 1): number {
  const date = utc(day);
  return Math.round(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1) / MS_PER_DAY);
}

function monthLabel(day: number, withYear: boolean): string {
  const date = utc(day);
  return withYear ? `${monthShort.format(date)} ${date.getUTCFullYear()}` : monthShort.format(date);
}

function quarterStart(day: number): number {
  const date = utc(day);
  const month = date.getUTCMonth() - (date.getUTCMonth() % 3);
  return Math.round(Date.UTC(date.getUTCFullYear(), month, 1) / MS_PER_DAY);
}

/** Ticks of one unit from the one holding `first` to past `last`. */
function ticks(
  first: number,
  last: number,
  startOf: (day: number) => number,
  next: (day: number) => number,
  label: (day: number) => string,
): Tick[] {
  const result: Tick[] = [];
  for (let day = startOf(first); day <= last; day = next(day))
    result.push({ day, label: label(day) });
  return result;
}

/** The header's two rows of ticks for the days `[first, last]` at a zoom (weeks start on
 * `weekStart`, an ISO weekday). */
export function headerTicks(
  zoom: Zoom,
  first: number,
  last: number,
  weekStart = 1,
): { top: Tick[]; bottom: Tick[] } {
  const weekOf = (day: number) => day - ((weekdayOf(day) - weekStart + 7) % 7);
  const months = (withYear: boolean) =>
    ticks(
      first,
      last,
      monthStart,
      (day) => nextMonth(day),
      (day) => monthLabel(day, withYear),
    );
  const quarterLabel = (day: number) =>
    `Q${Math.floor(utc(day).getUTCMonth() / 3) + 1} ${utc(day).getUTCFullYear()}`;
  switch (zoom) {
    case "day":
      return {
        top: months(true),
        bottom: ticks(
          first,
          last,
          (day) => day,
          (day) => day + 1,
          (day) => String(utc(day).getUTCDate()),
        ),
      };
    case "week":
      return {
        top: months(true),
        bottom: ticks(
          first,
          last,
          weekOf,
          (day) => day + 7,
          (day) => String(utc(day).getUTCDate()),
        ),
      };
    case "month":
      return {
        top: ticks(first, last, quarterStart, (day) => nextMonth(day, 3), quarterLabel),
        bottom: months(false),
      };
    case "quarter":
      return {
        top: ticks(
          first,
          last,
          (day) => Math.round(Date.UTC(utc(day).getUTCFullYear(), 0, 1) / MS_PER_DAY),
          (day) => nextMonth(day, 12),
          (day) => String(utc(day).getUTCFullYear()),
        ),
        bottom: ticks(
          first,
          last,
          quarterStart,
          (day) => nextMonth(day, 3),
          (day) => quarterLabel(day).slice(0, 2),
        ),
      };
  }
}

/** Runs of consecutive non-working days in `[first, last]`, split by kind: weekends (days off
 * by the weekly pattern) and exceptions (holidays and closures on days otherwise worked). */
export function nonWorkingRuns(
  calendar: WorkingCalendar,
  first: number,
  last: number,
): { day: number; length: number; exception: boolean }[] {
  const runs: { day: number; length: number; exception: boolean }[] = [];
  for (let day = first; day <= last; day++) {
    if (calendar.isWorking(day)) continue;
    const exception = calendar.isException(day);
    const previous = runs[runs.length - 1];
    if (previous && previous.day + previous.length === day && previous.exception === exception) {
      previous.length++;
    } else {
      runs.push({ day, length: 1, exception });
    }
  }
  return runs;
}

const shortDates = new Map<number, string>();

/** "Mar 2" for a day number (the timeline's short date; kept once made, as rows redraw with
 * every frame of a scroll and a project spans a bounded number of days). */
export function shortDate(day: number): string {
  let text = shortDates.get(day);
  if (text === undefined) {
    const date = utc(day);
    text = `${monthShort.format(date)} ${date.getUTCDate()}`;
    shortDates.set(day, text);
  }
  return text;
}
