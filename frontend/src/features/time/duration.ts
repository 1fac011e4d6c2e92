/**
 * Durations as people type them in a timesheet: `1:30`, `1h30`, `1h 30m`, `1.5` (hours),
 * `90m`. A bare number is hours, as in Harvest and Clockify.
 */

const CLOCK = /^(\d{0,2}):([0-5]?\d)$/;
const UNITS = /^(?:(\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*m(?:in(?:utes?|s)?)?)?$/;
const HOURS = /^\d*\.?\d+$/;

/** Whole minutes typed as a duration, or null when the text is not one (or is zero). */
export function parseDuration(text: string): number | null {
  const value = text.trim().toLowerCase().replace(",", ".");
  if (!value) return null;
  let minutes: number | null = null;
  const clock = CLOCK.exec(value);
  if (clock) {
    minutes = Number(clock[1] || 0) * 60 + Number(clock[2]);
  } else if (HOURS.test(value)) {
    minutes = Number(value) * 60;
  } else {
    const units = UNITS.exec(value);
    // `1h30` means 1 h 30 min: a number after `h` with no unit is minutes.
    const shorthand = /^(\d+)\s*h\s*(\d{1,2})$/.exec(value);
    if (shorthand) minutes = Number(shorthand[1]) * 60 + Number(shorthand[2]);
    else if (units && (units[1] || units[2]))
      minutes = Number(units[1] ?? 0) * 60 + Number(units[2] ?? 0);
  }
  if (minutes === null || !Number.isFinite(minutes)) return null;
  const rounded = Math.round(minutes);
  return rounded > 0 ? rounded : null;
}

/** 90 → "1:30", 5 → "0:05". */
export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? "-" : "";
  const total = Math.abs(Math.round(minutes));
  return `${sign}${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

/** Hours as the reports send them, on the same clock: 12.5 → "12:30", null → "–". */
export function formatHours(hours: number | null): string {
  return hours === null ? "–" : formatMinutes(hours * 60);
}

/** A running timer's elapsed time: 3725 s → "1:02:05". */
export function formatElapsed(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  return `${hours}:${String(minutes).padStart(2, "0")}:${String(rest).padStart(2, "0")}`;
}
