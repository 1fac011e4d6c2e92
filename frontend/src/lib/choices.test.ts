import { describe, expect, it } from "vitest";
import { choices } from "./choices";

describe("choices", () => {
  it("lists each value with its label in the order written", () => {
    expect(choices<"b" | "a">({ b: "Bee", a: "Ay" })).toEqual([
      { value: "b", label: "Bee" },
      { value: "a", label: "Ay" },
    ]);
  });
});
