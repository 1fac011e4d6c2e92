import type { Project } from "@/api/directory";
import type { components } from "@/api/schema";
import { formatDay, todayIso } from "@/lib/dates";

export type StartDriver = components["schemas"]["StartDriver"];
export type LinkType = "FS" | "SS" | "FF" | "SF";

export const LINK_TYPES: { value: LinkType; label: string }[] = [
  { value: "FS", label: "Finish → start" },
  { value: "SS", label: "Start → start" },
  { value: "FF", label: "Finish → finish" },
  { value: "SF", label: "Start → finish" },
];

/** "FS", "FS +2d", "SS −1d": a link as schedulers write it. */
export function linkLabel(type: string, lag: number): string {
  if (!lag) return type;
  return `${type} ${lag > 0 ? "+" : "−"}${Math.abs(lag)}d`;
}

function days(count: number): string {
  return `${count} working ${count === 1 ? "day" : "days"}`;
}

/** Days off as runs of consecutive dates: "Mar 7–8", "Mar 7, Mar 10". */
export function daysOffPhrase(dates: readonly string[], now: Date = new Date()): string {
  const runs: string[][] = [];
  for (const date of dates) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (run && last && nextDay(last) === date) run.push(date);
    else runs.push([date]);
  }
  return runs
    .map((run) => {
      const first = formatDay(run[0] ?? "", now);
      if (run.length === 1) return first;
      const end = run[run.length - 1] ?? "";
      const sameMonth = end.slice(0, 7) === (run[0] ?? "").slice(0, 7);
      return `${first}–${sameMonth ? Number(end.slice(8, 10)) : formatDay(end, now)}`;
    })
    .join(", ");
}

function nextDay(iso: string): string {
  const [year = 1970, month = 1, day = 1] = iso.split("-").map(Number);
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return next.toISOString().slice(0, 10);
}

/**
 * One reason the task starts when it does, as a sentence that follows "Starts Mar 9 because":
 * "PLAN-1 finishes Mar 6 (FS +1d); Mar 7–8 are days off".
 */
export function driverSentence(driver: StartDriver, now: Date = new Date()): string {
  const on = driver.date ? formatDay(driver.date, now) : "";
  let sentence: string;
  switch (driver.kind) {
    case "predecessor": {
      const link = linkLabel(driver.type ?? "FS", driver.lag_days ?? 0);
      const reads = driver.type === "SS" || driver.type === "SF" ? "starts" : "finishes";
      sentence = `${driver.predecessor_key} ${reads} ${on} (${link})`;
      break;
    }
    case "constraint":
      sentence = `it may start no earlier than ${on}`;
      break;
    case "project_start":
      sentence = `the project starts ${on}`;
      break;
    case "leveling_delay":
      sentence = `leveling delayed it ${days(driver.days ?? 0)}`;
      break;
    case "manual_task":
      sentence = "it is scheduled manually and keeps the start it was given";
      break;
    case "manual_project":
      sentence = "its project is scheduled manually: tasks keep the dates they are given";
      break;
  }
  const off = driver.days_off ?? [];
  if (off.length) {
    sentence += `; ${daysOffPhrase(off, now)} ${off.length > 1 ? "are days" : "is a day"} off`;
  }
  return sentence;
}

type Change = { before: unknown; after: unknown };

/** A `task.rescheduled` event: "moved from Mar 7 to Mar 9 because PLAN-1 → PLAN-2 (FS) was
 * added" (older events have no cause). */
export function rescheduleSentence(changes: Record<string, unknown>, now: Date = new Date()) {
  const start = changes.start_date as Change | undefined;
  const finish = changes.finish_date as Change | undefined;
  const cause = (changes.cause as Change | undefined)?.after;
  const shown = (value: unknown) => (typeof value === "string" ? formatDay(value, now) : "none");
  let sentence = "rescheduled the task";
  if (start) sentence += ` from ${shown(start.before)} to ${shown(start.after)}`;
  else if (finish) sentence += `: finish ${shown(finish.before)} → ${shown(finish.after)}`;
  if (typeof cause === "string" && cause) sentence += ` because ${cause}`;
  return sentence;
}

/** Where a new task will start, said in the create form before it is made (docs/design.md §7:
 * the project start, or today for a project without one, until predecessors move it). */
export function startHint(
  project: Pick<Project, "name" | "scheduling_mode" | "start_date"> | undefined,
  start: string | null,
  now: Date = new Date(),
): string {
  if (!project) return "";
  if (project.scheduling_mode === "manual") {
    return start
      ? `Starts ${formatDay(start, now)}: ${project.name} is scheduled by hand.`
      : `${project.name} is scheduled by hand: the task has no dates until you give it a start.`;
  }
  if (start) {
    return `Starts no earlier than ${formatDay(start, now)}; predecessors may move it later.`;
  }
  if (project.start_date) {
    return `Starts at the project start, ${formatDay(project.start_date, now)}, until predecessors move it.`;
  }
  return `Starts today, ${formatDay(todayIso(now), now)} (the project has no start date), until predecessors move it.`;
}
