import type { KeyboardCoordinateGetter } from "@dnd-kit/core";
import { describe, expect, it } from "vitest";
import { boardCoordinates } from "./board";

type Args = Parameters<KeyboardCoordinateGetter>[1];

const rect = (left: number, top: number) => ({
  left,
  top,
  width: 280,
  height: 80,
  right: left + 280,
  bottom: top + 80,
});

// Columns todo | doing | done (empty); todo holds a, b, c.
const rects = new Map<string, ReturnType<typeof rect>>([
  ["column:todo", rect(0, 100)],
  ["column:doing", rect(300, 100)],
  ["column:done", rect(600, 100)],
  ["a", rect(0, 100)],
  ["b", rect(0, 190)],
  ["c", rect(0, 280)],
]);

function move(code: string, { activeId = "a", overId = "a", column = "todo" } = {}) {
  const event = new KeyboardEvent("keydown", { code, cancelable: true });
  const args = {
    active: activeId,
    currentCoordinates: { x: 0, y: 0 },
    context: {
      active: {
        id: activeId,
        data: { current: { sortable: { containerId: column, items: ["a", "b", "c"], index: 0 } } },
      },
      over: { id: overId },
      collisionRect: rect(0, 100),
      droppableRects: rects,
    },
  } as unknown as Args;
  const result = boardCoordinates(["todo", "doing", "done"])(event, args);
  return { result, prevented: event.defaultPrevented };
}

describe("board keyboard moves", () => {
  it("steps up and down within the column, from where the card is now", () => {
    expect(move("ArrowDown").result).toEqual({ x: 0, y: 190 });
    expect(move("ArrowDown", { overId: "b" }).result).toEqual({ x: 0, y: 280 });
    expect(move("ArrowUp", { overId: "b" }).result).toEqual({ x: 0, y: 100 });
    expect(move("ArrowUp").result).toBeUndefined();
  });

  it("jumps to the next or previous column, an empty one included", () => {
    expect(move("ArrowRight").result).toEqual({ x: 300, y: 100 });
    expect(move("ArrowRight", { column: "doing" }).result).toEqual({ x: 600, y: 100 });
    expect(move("ArrowLeft", { column: "doing" }).result).toEqual({ x: 0, y: 100 });
    expect(move("ArrowLeft").result).toBeUndefined();
    expect(move("ArrowRight", { column: "done" }).result).toBeUndefined();
  });

  it("keeps arrows from scrolling the board while a card is held", () => {
    expect(move("ArrowRight", { column: "done" }).prevented).toBe(true);
    expect(move("KeyA").prevented).toBe(false);
  });
});
