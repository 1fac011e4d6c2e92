import { describe, expect, it } from "vitest";
import { describeEvent } from "./activity";
import type { TaskEvent } from "./api";

const names = {
  member: (id: string) => ({ m1: "Ada Lovelace", m2: "Grace Hopper" })[id],
  status: (id: string) => ({ s1: "Todo", s2: "In Progress" })[id],
  label: (id: string) => ({ l1: "Bug" })[id],
};

function event(type: string, changes: TaskEvent["changes"] = {}): TaskEvent {
  return {
    id: "e1",
    type,
    entity_type: "task",
    entity_id: "t1",
    project_id: "p1",
    actor_id: "m1",
    changes,
    created_at: "2026-03-02T10:00:00Z",
  };
}

describe("describeEvent", () => {
  it("says what leveling did to a task's delay", () => {
    expect(
      describeEvent(event("task.updated", { leveling_delay_days: { before: 0, after: 3 } }), names),
    ).toEqual(["set the leveling delay to 3 working days"]);
    expect(
      describeEvent(event("task.updated", { leveling_delay_days: { before: 3, after: 0 } }), names),
    ).toEqual(["cleared the leveling delay"]);
  });

  it("reads field changes as sentences", () => {
    expect(
      describeEvent(
        event("task.updated", {
          status_id: { before: "s1", after: "s2" },
          position: { before: 1, after: 2 },
          completed_at: { before: null, after: "x" },
          assignee_ids: { before: ["m1"], after: ["m2"] },
          label_ids: { before: [], after: ["l1"] },
          priority: { before: "none", after: "urgent" },
          due_date: { before: null, after: "2026-03-09" },
        }),
        names,
      ),
    ).toEqual([
      "changed status from Todo to In Progress",
      "assigned Grace Hopper",
      "unassigned Ada Lovelace",
      "added label Bug",
      "set priority to Urgent",
      "set the due date to Mar 9, 2026",
    ]);
  });

  it("names creations, comments and board moves", () => {
    expect(describeEvent(event("task.created"), names)).toEqual(["created the task"]);
    expect(describeEvent(event("comment.created"), names)).toEqual(["commented"]);
    expect(
      describeEvent(event("task.updated", { position: { before: 1, after: 1.5 } }), names),
    ).toEqual(["moved the task on the board"]);
  });
});
