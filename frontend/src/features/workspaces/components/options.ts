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

let zones: string[] | undefined;

/** IANA time zones this browser knows, for a searchable select. */
export function timeZones(current?: string): string[] {
  zones ??= ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}
