import { describe, expect, it } from "vitest";
import { formatElapsed, formatHours, formatMinutes, parseDuration } from "./duration";

describe("parseDuration", () => {
  it.each([
    ["1:30", 90],
    ["0:45", 45],
    [":20", 20],
    ["8:00", 480],
    ["1h30", 90],
    ["1h 30m", 90],
    ["1h30m", 90],
    ["2h", 120],
    ["2 hours", 120],
    ["1.5h", 90],
    ["1.5", 90],
    ["1,5", 90],
    [".25", 15],
    ["2", 120],
    ["90m", 90],
    ["90 min", 90],
    ["45 minutes", 45],
    ["  1:05 ", 65],
  ])("reads %j as %i minutes", (text, minutes) => {
    expect(parseDuration(text)).toBe(minutes);
  });

  it.each(["", "abc", "0", "0:00", "1:75", "h", "m", "-1", "1:30:00", "1..5"])(
    "refuses %j",
    (text) => {
      expect(parseDuration(text)).toBeNull();
    },
  );
});

describe("formatting", () => {
  it("formats minutes as h:mm", () => {
    expect(formatMinutes(90)).toBe("1:30");
    expect(formatMinutes(5)).toBe("0:05");
    expect(formatMinutes(0)).toBe("0:00");
    expect(formatMinutes(1440)).toBe("24:00");
  });

  it("formats the reports' decimal hours as h:mm", () => {
    expect(formatHours(12.5)).toBe("12:30");
    expect(formatHours(0.33)).toBe("0:20");
    expect(formatHours(-1.25)).toBe("-1:15");
    expect(formatHours(null)).toBe("–");
  });

  it("formats elapsed seconds as h:mm:ss", () => {
    expect(formatElapsed(3725)).toBe("1:02:05");
    expect(formatElapsed(59.9)).toBe("0:00:59");
    expect(formatElapsed(-3)).toBe("0:00:00");
  });
});
