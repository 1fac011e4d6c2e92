/**
 * The task list's optional columns: which are on, remembered per user in this browser, and
 * the grid they make. Slack and critical come from the project's schedule, which is read only
 * while one of them is on.
 */

import { useCallback, useState } from "react";

export const OPTIONAL_COLUMNS = [
  { id: "duration", label: "Duration", width: 76 },
  { id: "start", label: "Start", width: 96 },
  { id: "finish", label: "Finish", width: 96 },
  { id: "slack", label: "Total slack", width: 84 },
  { id: "critical", label: "Critical", width: 76 },
] as const;

export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number]["id"];

/** Checkbox, key, status, title (at least), priority, assignees, due: always shown. */
const FIXED = [36, 80, 150, 220, 120, 150, 110];
const TITLE = 3;
/** The row's column gap and side padding (task-list.module.css). */
const GAP = 4;
const PADDING = 16;

export interface ListGrid {
  /** The CSS grid of a row: the fixed columns, then those of `shown` in the chooser's order. */
  template: string;
  /** The narrowest the table can be before the title would shrink below its minimum: the
   * list scrolls sideways below it. */
  minWidth: number;
}

export function listGrid(shown: ReadonlySet<OptionalColumn>): ListGrid {
  const widths = [
    ...FIXED,
    ...OPTIONAL_COLUMNS.filter((column) => shown.has(column.id)).map((column) => column.width),
  ];
  return {
    template: widths
      .map((width, i) => (i === TITLE ? `minmax(${width}px, 1fr)` : `${width}px`))
      .join(" "),
    minWidth: widths.reduce((sum, width) => sum + width, 0) + GAP * (widths.length - 1) + PADDING,
  };
}

/** Whether the columns on need the schedule (the task list itself has no slack). */
export function needsSchedule(shown: ReadonlySet<OptionalColumn>): boolean {
  return shown.has("slack") || shown.has("critical");
}

export function storageKey(userId: string): string {
  return `worklane:task-list-columns:${userId}`;
}

/** The columns stored, ignoring what is not a column (an older version's, or edited by hand). */
export function parseColumns(stored: string | null): Set<OptionalColumn> {
  try {
    const value: unknown = JSON.parse(stored ?? "[]");
    if (!Array.isArray(value)) return new Set();
    return new Set(OPTIONAL_COLUMNS.map((column) => column.id).filter((id) => value.includes(id)));
  } catch {
    return new Set();
  }
}

function load(userId: string): Set<OptionalColumn> {
  try {
    return parseColumns(localStorage.getItem(storageKey(userId)));
  } catch {
    return new Set();
  }
}

/** The optional columns `userId` has on; `toggle` turns one on or off and remembers it. */
export function useListColumns(userId: string) {
  const [shown, setShown] = useState<ReadonlySet<OptionalColumn>>(() => load(userId));
  const toggle = useCallback(
    (id: OptionalColumn) =>
      setShown((current) => {
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        try {
          localStorage.setItem(storageKey(userId), JSON.stringify([...next]));
        } catch {
          // Storage can be unavailable (private mode): the choice then lasts this visit only.
        }
        return next;
      }),
    [userId],
  );
  return { shown, toggle };
}
