import { describe, expect, it } from "vitest";
import { type DraftAction, draftLinks, draftReducer, EMPTY_DRAFT, toProposal } from "./draft";

function run(...actions: DraftAction[]) {
  return actions.reduce(draftReducer, EMPTY_DRAFT);
}

const link = { id: "L1", predecessor_id: "a", successor_id: "b", type: "FS" as const, lag_days: 0 };

describe("draft state", () => {
  it("merges later edits of one task into its first, keeping the order edits were made", () => {
    const state = run(
      { type: "task", taskId: "a", key: "WR-1", start_date: "2026-03-03" },
      { type: "add-link", predecessorId: "a", successorId: "b", linkType: "SS", lag: -1 },
      { type: "task", taskId: "a", key: "WR-1", duration_days: 4 },
    );
    expect(state.edits).toEqual([
      { kind: "task", taskId: "a", key: "WR-1", start_date: "2026-03-03", duration_days: 4 },
      {
        kind: "add-link",
        draftId: "draft-1",
        predecessorId: "a",
        successorId: "b",
        type: "SS",
        lag: -1,
      },
    ]);
  });

  it("forgets a draft link removed again, and edits a draft link in place", () => {
    const drawn = run({
      type: "add-link",
      predecessorId: "a",
      successorId: "b",
      linkType: "FS",
      lag: 0,
    });
    const changed = draftReducer(drawn, { type: "change-link", id: "draft-1", lag: 2 });
    expect(changed.edits[0]).toMatchObject({ kind: "add-link", lag: 2, type: "FS" });
    expect(draftReducer(changed, { type: "remove-link", id: "draft-1" }).edits).toEqual([]);
  });

  it("drops a pending change of a stored link that is then removed", () => {
    const state = run(
      { type: "change-link", id: "L1", linkType: "FF" },
      { type: "change-link", id: "L1", lag: 3 },
      { type: "remove-link", id: "L1" },
    );
    expect(state.edits).toEqual([{ kind: "remove-link", dependencyId: "L1" }]);
  });

  it("undoes the last action once, and discards everything", () => {
    const state = run(
      { type: "task", taskId: "a", key: "WR-1", start_date: "2026-03-03" },
      { type: "task", taskId: "b", key: "WR-2", duration_days: 2 },
      { type: "undo" },
    );
    expect(state.edits.map((edit) => edit.kind === "task" && edit.taskId)).toEqual(["a"]);
    expect(draftReducer(state, { type: "undo" })).toBe(state);
    expect(draftReducer(state, { type: "discard" })).toEqual(EMPTY_DRAFT);
  });

  it("keeps the edits an apply did not reach", () => {
    const state = run(
      { type: "task", taskId: "a", key: "WR-1", start_date: "2026-03-03" },
      { type: "remove-link", id: "L1" },
    );
    expect(draftReducer(state, { type: "applied", count: 1 }).edits).toEqual([
      { kind: "remove-link", dependencyId: "L1" },
    ]);
  });

  it("becomes the preview's proposal", () => {
    const state = run(
      { type: "task", taskId: "a", key: "WR-1", duration_days: 3 },
      { type: "add-link", predecessorId: "a", successorId: "c", linkType: "FF", lag: 1 },
      { type: "change-link", id: "L2", lag: -2 },
      { type: "remove-link", id: "L1" },
    );
    expect(toProposal(state.edits)).toEqual({
      tasks: [{ task_id: "a", duration_days: 3 }],
      add_dependencies: [{ predecessor_id: "a", successor_id: "c", type: "FF", lag_days: 1 }],
      change_dependencies: [{ dependency_id: "L2", lag_days: -2 }],
      remove_dependency_ids: ["L1"],
    });
  });

  it("shows the links as the draft would leave them", () => {
    const state = run(
      { type: "change-link", id: "L1", linkType: "SS" },
      { type: "add-link", predecessorId: "b", successorId: "c", linkType: "FS", lag: 0 },
    );
    const shown = draftLinks([link], state.edits);
    expect(shown).toEqual([
      { ...link, type: "SS", draft: "changed" },
      {
        id: "draft-1",
        predecessor_id: "b",
        successor_id: "c",
        type: "FS",
        lag_days: 0,
        draft: "added",
      },
    ]);
    const removed = draftReducer(state, { type: "remove-link", id: "L1" });
    expect(draftLinks([link], removed.edits)[0]?.draft).toBe("removed");
  });
});
