import { describe, expect, it } from "vitest";
import { listGrid, needsSchedule, type OptionalColumn, parseColumns } from "./list-columns";

describe("the task list's optional columns", () => {
  it("keeps the fixed grid when no optional column is on", () => {
    expect(listGrid(new Set()).template).toBe(
      "36px 80px 150px minmax(220px, 1fr) 120px 150px 110px",
    );
  });

  it("adds the columns turned on in the chooser's order, whatever order they were turned on", () => {
    const grid = listGrid(new Set<OptionalColumn>(["critical", "start"]));
    expect(grid.template.endsWith("110px 96px 76px")).toBe(true);
  });

  it("widens the table by each column and its gap", () => {
    const plain = listGrid(new Set()).minWidth;
    expect(listGrid(new Set<OptionalColumn>(["slack"])).minWidth).toBe(plain + 84 + 4);
  });

  it("needs the schedule only for slack or critical", () => {
    expect(needsSchedule(new Set<OptionalColumn>(["duration", "start", "finish"]))).toBe(false);
    expect(needsSchedule(new Set<OptionalColumn>(["slack"]))).toBe(true);
    expect(needsSchedule(new Set<OptionalColumn>(["critical"]))).toBe(true);
  });

  it("reads back the columns stored, ignoring unknown ones and broken storage", () => {
    expect([...parseColumns('["finish","colour","duration"]')]).toEqual(["duration", "finish"]);
    expect(parseColumns("not json").size).toBe(0);
    expect(parseColumns('{"slack":true}').size).toBe(0);
    expect(parseColumns(null).size).toBe(0);
  });
});
