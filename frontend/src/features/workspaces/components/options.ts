export const WEEKDAYS = [
  { value: "1", label: "Monday" },
  { value: "2", label: "Tuesday" },
  { value: "3", label: "Wednesday" },
  { value: "4", label: "Thursday" },
  { value: "5", label: "Friday" },
  { value: "6", label: "Saturday" },
  { value: "7", label: "Sunday" },
];

export const TIMER_ROUNDINGS = [
  { value: "1", label: "To the minute" },
  { value: "5", label: "Up to 5 minutes" },
  { value: "6", label: "Up to 6 minutes (a tenth of an hour)" },
  { value: "10", label: "Up to 10 minutes" },
  { value: "15", label: "Up to 15 minutes" },
  { value: "30", label: "Up to 30 minutes" },
];

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
