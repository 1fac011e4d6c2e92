import { describe, expect, it } from "vitest";
import { describeMove } from "./move-preview";

const TODAY = new Date(2026, 2, 1);

describe("describeMove", () => {
  it("says where the finish goes and how many tasks move", () => {
    expect(
      describeMove(
        "2026-06-05",
        { finish_date: "2026-06-12", moved_task_ids: ["a", "b", "c"] },
        TODAY,
      ),
    ).toBe("The finish moves from Jun 5 to Jun 12; 3 tasks move.");
  });

  it("gives both years when the finish moves across a new year", () => {
    expect(
      describeMove("2027-01-04", { finish_date: "2026-12-31", moved_task_ids: ["a"] }, TODAY),
    ).toBe("The finish moves from Jan 4, 2027 to Dec 31, 2026; 1 task moves.");
  });

  it("says when the finish stays", () => {
    expect(
      describeMove("2026-06-05", { finish_date: "2026-06-05", moved_task_ids: ["a"] }, TODAY),
    ).toBe("The finish stays on Jun 5; 1 task moves.");
  });

  it("says when nothing moves", () => {
    expect(
      describeMove("2026-06-05", { finish_date: "2026-06-05", moved_task_ids: [] }, TODAY),
    ).toBe("No task moves.");
  });
});
