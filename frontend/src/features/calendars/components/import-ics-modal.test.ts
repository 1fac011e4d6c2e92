import { describe, expect, it } from "vitest";
import { importSummary } from "./import-ics-modal";

const RESULT = {
  created: 12,
  skipped: 0,
  unchanged: 4,
  outside: 0,
  from_date: "2026-01-01",
  to_date: "2026-12-31",
};

describe("importSummary", () => {
  it("says what was added and what was already so", () => {
    expect(importSummary(RESULT, false)).toBe("12 holidays added; 4 already days off.");
  });

  it("names extra working days and duplicates", () => {
    expect(importSummary({ ...RESULT, created: 1, unchanged: 0, skipped: 2 }, true)).toBe(
      "1 extra working day added; 2 already there.",
    );
  });

  it("counts the days outside the years imported", () => {
    expect(importSummary({ ...RESULT, unchanged: 0, outside: 3 }, false)).toBe(
      "12 holidays added; 3 outside the years imported.",
    );
  });
});
