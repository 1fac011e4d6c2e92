import { describe, expect, it } from "vitest";
import { sortWithTiebreak } from "./filters";

describe("sortWithTiebreak", () => {
  it("breaks ties by task number", () => {
    expect(sortWithTiebreak("-due_date")).toBe("-due_date,number");
  });

  it("names the number once when the list is sorted by it", () => {
    expect(sortWithTiebreak("number")).toBe("number");
    expect(sortWithTiebreak("-number")).toBe("-number");
  });
});
