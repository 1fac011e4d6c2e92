import { choices } from "@/lib/choices";

export const WEEKDAYS = choices({
  "1": "Monday",
  "2": "Tuesday",
  "3": "Wednesday",
  "4": "Thursday",
  "5": "Friday",
  "6": "Saturday",
  "7": "Sunday",
});

export const TIMER_ROUNDINGS = choices({
  "1": "To the minute",
  "5": "Up to 5 minutes",
  "6": "Up to 6 minutes (a tenth of an hour)",
  "10": "Up to 10 minutes",
  "15": "Up to 15 minutes",
  "30": "Up to 30 minutes",
});

/** The rounding values the API accepts. */
export type TimerRounding = 1 | 5 | 6 | 10 | 15 | 30;

export function timerRounding(value: string): TimerRounding {
  return Number(value) as TimerRounding;
}

const NO_MAXIMUM = "none";
const TOKEN_LIFETIMES = [
  { value: NO_MAXIMUM, label: "No maximum" },
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "180", label: "180 days" },
  { value: "365", label: "1 year" },
];

/** The choices for the longest token lifetime, with `current` among them when it is not one
 * of the usual ones (the API takes any number of days up to ten years). */
export function tokenLifetimes(current?: string) {
  return !current || TOKEN_LIFETIMES.some((option) => option.value === current)
    ? TOKEN_LIFETIMES
    : [...TOKEN_LIFETIMES, { value: current, label: `${current} days` }];
}

export function tokenLifetimeValue(days: number | null): string {
  return days === null ? NO_MAXIMUM : String(days);
}

/** What the API takes: days, or null for no maximum. */
export function tokenLifetime(value: string): number | null {
  return value === NO_MAXIMUM ? null : Number(value);
}

let zones: string[] | undefined;

/** IANA time zones this browser knows, for a searchable select. */
export function timeZones(current?: string): string[] {
  zones ??= ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}
