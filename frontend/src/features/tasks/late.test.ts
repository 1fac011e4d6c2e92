import { describe, expect, it } from "vitest";
import { isLate } from "./late";

const NOW = new Date(2026, 2, 10, 12);
const open = { finish_date: null, completed_at: null };

describe("isLate", () => {
  it("is never late without a due date", () => {
    expect(isLate({ ...open, due_date: null, finish_date: "2026-03-20" }, NOW)).toBe(false);
  });

  it("is late once today passes the due date of an open task", () => {
    expect(isLate({ ...open, due_date: "2026-03-09" }, NOW)).toBe(true);
    expect(isLate({ ...open, due_date: "2026-03-10" }, NOW)).toBe(false);
  });

  it("is late ahead of time when the schedule finishes after the due date", () => {
    expect(isLate({ ...open, due_date: "2026-03-20", finish_date: "2026-03-23" }, NOW)).toBe(true);
    expect(isLate({ ...open, due_date: "2026-03-20", finish_date: "2026-03-20" }, NOW)).toBe(false);
  });

  it("is not late for a done task finished by its due date, whatever today is", () => {
    const done = { due_date: "2026-03-02", finish_date: "2026-03-02", completed_at: "x" };
    expect(isLate(done, NOW)).toBe(false);
  });
});
