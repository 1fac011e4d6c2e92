import { describe, expect, it } from "vitest";
import { groupByStatus, locate, moveCard, positionAt, positionBetween } from "./board";

const card = (id: string, position: number, status_id = "todo") => ({ id, position, status_id });

describe("board order", () => {
  it("puts a card at the midpoint of its neighbours, or one past an end", () => {
    expect(positionBetween(1, 2)).toBe(1.5);
    expect(positionBetween(undefined, 3)).toBe(2);
    expect(positionBetween(7, undefined)).toBe(8);
    expect(positionBetween(undefined, undefined)).toBe(1);
    expect(positionBetween(-2, -1)).toBe(-1.5);
  });

  it("keeps a card's position when it already sits between its neighbours", () => {
    const column = [card("a", 1), card("b", 2), card("c", 3)];
    expect(positionAt(column, 1)).toBe(2);
  });

  it("gives a dropped card a position strictly between its new neighbours", () => {
    // c (3) dragged between a (1) and b (2)
    const column = [card("a", 1), card("c", 3), card("b", 2)];
    const position = positionAt(column, 1);
    expect(position).toBe(1.5);
    expect(position).toBeGreaterThan(1);
    expect(position).toBeLessThan(2);
    expect(positionAt([card("c", 3), card("a", 1)], 0)).toBe(0);
    expect(positionAt([card("a", 1), card("c", 0.5)], 1)).toBe(2);
  });

  it("moves a card within and across columns", () => {
    const columns = groupByStatus(
      [card("b", 2), card("a", 1), card("x", 1, "doing")],
      ["todo", "doing", "done"],
    );
    expect(columns).toEqual({ todo: ["a", "b"], doing: ["x"], done: [] });
    expect(moveCard(columns, "a", "todo", 1)).toEqual({ todo: ["b", "a"], doing: ["x"], done: [] });
    expect(moveCard(columns, "a", "doing", 0)).toEqual({
      todo: ["b"],
      doing: ["a", "x"],
      done: [],
    });
    expect(moveCard(columns, "b", "done", 9)).toEqual({ todo: ["a"], doing: ["x"], done: ["b"] });
    expect(locate(columns, "x")).toEqual({ column: "doing", index: 0 });
  });

  it("keeps many halvings ordered", () => {
    let low = 1;
    const high = 2;
    for (let step = 0; step < 30; step += 1) {
      const middle = positionBetween(low, high);
      expect(middle).toBeGreaterThan(low);
      expect(middle).toBeLessThan(high);
      low = middle;
    }
  });
});
