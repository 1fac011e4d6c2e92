import type { Priority, TaskEvent } from "./api";
import { rescheduleSentence } from "./schedule";

export interface ActivityNames {
  member: (id: string) => string | undefined;
  status: (id: string) => string | undefined;
  label: (id: string) => string | undefined;
}

type Change = { before: unknown; after: unknown };

const PRIORITY_WORDS: Record<Priority, string> = {
  none: "no priority",
  low: "Low",
  medium: "Medium",
  high: "High",
  urgent: "Urgent",
};

const dayFormat = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  year: "numeric",
});

function day(value: unknown): string {
  if (typeof value !== "string") return "";
  const [year = 1970, month = 1, date = 1] = value.slice(0, 10).split("-").map(Number);
  return dayFormat.format(new Date(year, month - 1, date));
}

function ids(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((each): each is string => typeof each === "string")
    : [];
}

function list(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

function dateSentence(what: string, change: Change): string {
  if (change.after === null || change.after === undefined) return `removed the ${what}`;
  if (change.before === null || change.before === undefined) {
    return `set the ${what} to ${day(change.after)}`;
  }
  return `changed the ${what} from ${day(change.before)} to ${day(change.after)}`;
}

/** Fields that follow from others (a finish date from start and duration) or are bookkeeping. */
const QUIET = new Set(["completed_at", "finish_date"]);

/**
 * An event of the task's trail as readable phrases, without the actor ("changed status from
 * Todo to Done", "assigned Ada Lovelace"): one per changed field that a person would care about.
 */
export function describeEvent(event: TaskEvent, names: ActivityNames): string[] {
  switch (event.type) {
    case "task.created":
      return ["created the task"];
    case "task.deleted":
      return ["deleted the task"];
    case "task.rescheduled":
      return [rescheduleSentence(event.changes)];
    case "comment.created":
      return ["commented"];
    case "comment.updated":
      return ["edited a comment"];
    case "comment.deleted":
      return ["deleted a comment"];
    case "task.updated":
      break;
    default:
      return [event.type.replace(/[._]/g, " ")];
  }
  const changes = event.changes as Record<string, Change>;
  const fields = Object.keys(changes);
  const phrases: string[] = [];
  for (const field of fields) {
    const change = changes[field];
    if (!change || QUIET.has(field)) continue;
    switch (field) {
      case "status_id": {
        const from = names.status(String(change.before)) ?? "a deleted status";
        const to = names.status(String(change.after)) ?? "a deleted status";
        phrases.push(`changed status from ${from} to ${to}`);
        break;
      }
      case "priority":
        phrases.push(
          change.after === "none"
            ? "removed the priority"
            : `set priority to ${PRIORITY_WORDS[change.after as Priority] ?? String(change.after)}`,
        );
        break;
      case "assignee_ids": {
        const before = ids(change.before);
        const after = ids(change.after);
        const name = (id: string) => names.member(id) ?? "a former member";
        const added = after.filter((id) => !before.includes(id)).map(name);
        const removed = before.filter((id) => !after.includes(id)).map(name);
        if (added.length) phrases.push(`assigned ${list(added)}`);
        if (removed.length) phrases.push(`unassigned ${list(removed)}`);
        break;
      }
      case "label_ids": {
        const before = ids(change.before);
        const after = ids(change.after);
        const name = (id: string) => names.label(id) ?? "a deleted label";
        const added = after.filter((id) => !before.includes(id)).map(name);
        const removed = before.filter((id) => !after.includes(id)).map(name);
        if (added.length)
          phrases.push(`added ${added.length > 1 ? "labels" : "label"} ${list(added)}`);
        if (removed.length) {
          phrases.push(`removed ${removed.length > 1 ? "labels" : "label"} ${list(removed)}`);
        }
        break;
      }
      case "title":
        phrases.push(`renamed the task to “${String(change.after)}”`);
        break;
      case "description":
        phrases.push(change.after ? "updated the description" : "removed the description");
        break;
      case "due_date":
        phrases.push(dateSentence("due date", change));
        break;
      case "start_date":
        phrases.push(dateSentence("start date", change));
        break;
      case "duration_days":
        phrases.push(`set the duration to ${String(change.after)} working days`);
        break;
      case "leveling_delay_days":
        phrases.push(
          change.after === 0
            ? "cleared the leveling delay"
            : `set the leveling delay to ${String(change.after)} working days`,
        );
        break;
      case "estimate_hours":
        phrases.push(
          change.after === null
            ? "removed the estimate"
            : `set the estimate to ${Number(change.after)} h`,
        );
        break;
      case "position":
        // A status change already says the card moved.
        if (!fields.includes("status_id")) phrases.push("moved the task on the board");
        break;
      case "parent_id":
        phrases.push(change.after ? "made it a subtask" : "made it a top-level task");
        break;
      default:
        phrases.push(`changed ${field.replace(/_/g, " ")}`);
    }
  }
  return phrases.length ? phrases : ["updated the task"];
}
