/**
 * The what-if draft: edits collected in the browser instead of being saved, previewed through
 * `schedules:preview`, then applied for real in the order they were made, or discarded.
 * A pure reducer, so the timeline's component only dispatches and reads.
 */

import type { LinkType } from "./geometry";

export interface TaskEdit {
  kind: "task";
  taskId: string;
  /** Label for the draft's list of edits (`WR-3`). */
  key: string;
  start_date?: string;
  duration_days?: number;
}

export interface LinkAdd {
  kind: "add-link";
  /** A draft link has no server id yet: this one stands for it until applied. */
  draftId: string;
  predecessorId: string;
  successorId: string;
  type: LinkType;
  lag: number;
}

export interface LinkChange {
  kind: "change-link";
  dependencyId: string;
  type?: LinkType;
  lag?: number;
}

export interface LinkRemove {
  kind: "remove-link";
  dependencyId: string;
}

export type DraftEdit = TaskEdit | LinkAdd | LinkChange | LinkRemove;

export interface DraftState {
  /** Edits in the order they were first made, each thing edited once (later edits merge in). */
  edits: DraftEdit[];
  /** The edits before the last action, for one undo. */
  previous: DraftEdit[] | null;
  /** The next draft link's number. */
  counter: number;
}

export type DraftAction =
  | { type: "task"; taskId: string; key: string; start_date?: string; duration_days?: number }
  | {
      type: "add-link";
      predecessorId: string;
      successorId: string;
      linkType: LinkType;
      lag: number;
    }
  | { type: "change-link"; id: string; linkType?: LinkType; lag?: number }
  | { type: "remove-link"; id: string }
  | { type: "undo" }
  | { type: "applied"; count: number }
  | { type: "discard" };

export const EMPTY_DRAFT: DraftState = { edits: [], previous: null, counter: 0 };

export const DRAFT_ID_PREFIX = "draft-";

export function isDraftLink(id: string): boolean {
  return id.startsWith(DRAFT_ID_PREFIX);
}

function withEdits(state: DraftState, edits: DraftEdit[], counter = state.counter): DraftState {
  return { edits, previous: state.edits, counter };
}

function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

export function draftReducer(state: DraftState, action: DraftAction): DraftState {
  switch (action.type) {
    case "task": {
      const fields = defined({
        start_date: action.start_date,
        duration_days: action.duration_days,
      });
      const at = state.edits.findIndex((e) => e.kind === "task" && e.taskId === action.taskId);
      if (at < 0) {
        const edit: TaskEdit = { kind: "task", taskId: action.taskId, key: action.key, ...fields };
        return withEdits(state, [...state.edits, edit]);
      }
      return withEdits(
        state,
        state.edits.map((edit, i) => (i === at ? { ...edit, ...fields } : edit)),
      );
    }
    case "add-link": {
      const edit: LinkAdd = {
        kind: "add-link",
        draftId: `${DRAFT_ID_PREFIX}${state.counter + 1}`,
        predecessorId: action.predecessorId,
        successorId: action.successorId,
        type: action.linkType,
        lag: action.lag,
      };
      return withEdits(state, [...state.edits, edit], state.counter + 1);
    }
    case "change-link": {
      const fields = defined({ type: action.linkType, lag: action.lag });
      if (isDraftLink(action.id)) {
        return withEdits(
          state,
          state.edits.map((edit) =>
            edit.kind === "add-link" && edit.draftId === action.id ? { ...edit, ...fields } : edit,
          ),
        );
      }
      const at = state.edits.findIndex(
        (e) => e.kind === "change-link" && e.dependencyId === action.id,
      );
      if (at < 0) {
        const edit: LinkChange = { kind: "change-link", dependencyId: action.id, ...fields };
        return withEdits(state, [...state.edits, edit]);
      }
      return withEdits(
        state,
        state.edits.map((edit, i) => (i === at ? { ...edit, ...fields } : edit)),
      );
    }
    case "remove-link": {
      if (isDraftLink(action.id)) {
        // A link drawn in the draft and removed again was never there.
        return withEdits(
          state,
          state.edits.filter((edit) => !(edit.kind === "add-link" && edit.draftId === action.id)),
        );
      }
      const kept = state.edits.filter(
        (edit) => !(edit.kind === "change-link" && edit.dependencyId === action.id),
      );
      return withEdits(state, [...kept, { kind: "remove-link", dependencyId: action.id }]);
    }
    case "undo":
      return state.previous ? { ...state, edits: state.previous, previous: null } : state;
    case "applied":
      // Applied edits leave the draft; whatever stopped the rest stays to be fixed or dropped.
      return { ...state, edits: state.edits.slice(action.count), previous: null };
    case "discard":
      return EMPTY_DRAFT;
  }
}

/** The draft as `schedules:preview` takes it. */
export function toProposal(edits: readonly DraftEdit[]) {
  const proposal = {
    tasks: [] as { task_id: string; start_date?: string; duration_days?: number }[],
    add_dependencies: [] as {
      predecessor_id: string;
      successor_id: string;
      type: LinkType;
      lag_days: number;
    }[],
    change_dependencies: [] as { dependency_id: string; type?: LinkType; lag_days?: number }[],
    remove_dependency_ids: [] as string[],
  };
  for (const edit of edits) {
    switch (edit.kind) {
      case "task":
        proposal.tasks.push({
          task_id: edit.taskId,
          ...defined({ start_date: edit.start_date, duration_days: edit.duration_days }),
        });
        break;
      case "add-link":
        proposal.add_dependencies.push({
          predecessor_id: edit.predecessorId,
          successor_id: edit.successorId,
          type: edit.type,
          lag_days: edit.lag,
        });
        break;
      case "change-link":
        proposal.change_dependencies.push({
          dependency_id: edit.dependencyId,
          ...defined({ type: edit.type, lag_days: edit.lag }),
        });
        break;
      case "remove-link":
        proposal.remove_dependency_ids.push(edit.dependencyId);
        break;
    }
  }
  return proposal;
}

export interface LinkView {
  id: string;
  predecessor_id: string;
  successor_id: string;
  type: LinkType;
  lag_days: number;
}

/** The links as the draft would leave them, each marked with what the draft does to it. */
export function draftLinks(
  links: readonly LinkView[],
  edits: readonly DraftEdit[],
): (LinkView & { draft: "added" | "changed" | "removed" | null })[] {
  const changes = new Map<string, LinkChange>();
  const removed = new Set<string>();
  const added: (LinkView & { draft: "added" })[] = [];
  for (const edit of edits) {
    if (edit.kind === "change-link") changes.set(edit.dependencyId, edit);
    if (edit.kind === "remove-link") removed.add(edit.dependencyId);
    if (edit.kind === "add-link") {
      added.push({
        id: edit.draftId,
        predecessor_id: edit.predecessorId,
        successor_id: edit.successorId,
        type: edit.type,
        lag_days: edit.lag,
        draft: "added",
      });
    }
  }
  const current = links.map((link) => {
    if (removed.has(link.id)) return { ...link, draft: "removed" as const };
    const change = changes.get(link.id);
    if (!change) return { ...link, draft: null };
    return {
      ...link,
      type: change.type ?? link.type,
      lag_days: change.lag ?? link.lag_days,
      draft: "changed" as const,
    };
  });
  return [...current, ...added];
}
