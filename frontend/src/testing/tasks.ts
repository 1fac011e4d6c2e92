import type { components } from "@/api/schema";

type Task = components["schemas"]["Task"];

/** A task as the API returns it: an unscheduled to-do of project p1, changed by `changes`. */
export function makeTask(changes: Partial<Task> = {}): Task {
  return {
    id: "t1",
    key: "OPS-42",
    project_id: "p1",
    parent_id: null,
    title: "Rotate the keys",
    description: "",
    status_id: "s-todo",
    priority: "none",
    assignee_ids: [],
    label_ids: [],
    start_date: null,
    duration_days: 1,
    finish_date: null,
    due_date: null,
    estimate_hours: null,
    scheduling_mode: "auto",
    constraint_type: null,
    constraint_date: null,
    leveling_delay_days: 0,
    finish_after_due: false,
    position: 1,
    completed_at: null,
    version: 1,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...changes,
  };
}
