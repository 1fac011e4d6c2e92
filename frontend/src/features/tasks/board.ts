/**
 * Board order. A card's `position` is a float: dropping it between two cards gives it the
 * midpoint of theirs, so one PATCH moves one card and no other card is renumbered.
 */

export interface Positioned {
  id: string;
  position: number;
}

/** A position strictly between `before` and `after` (either may be missing: an end of the column). */
export function positionBetween(before: number | undefined, after: number | undefined): number {
  if (before === undefined && after === undefined) return 1;
  if (before === undefined) return (after as number) - 1;
  if (after === undefined) return before + 1;
  return (before + after) / 2;
}

/**
 * The position for the card at `index` of `column` (the column as it will look, the card in it):
 * between its new neighbours; undefined when the card keeps its place.
 */
export function positionAt<T extends Positioned>(column: T[], index: number): number {
  const before = column[index - 1]?.position;
  const after = column[index + 1]?.position;
  const own = column[index]?.position;
  if (
    own !== undefined &&
    (before === undefined || before < own) &&
    (after === undefined || own < after)
  ) {
    return own;
  }
  return positionBetween(before, after);
}

export type Columns = Record<string, string[]>;

/** Cards grouped by status, each column in board order. */
export function groupByStatus<T extends Positioned & { status_id: string }>(
  tasks: T[],
  statusIds: string[],
): Columns {
  const columns: Columns = Object.fromEntries(statusIds.map((id) => [id, [] as string[]]));
  const sorted = [...tasks].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  for (const task of sorted) columns[task.status_id]?.push(task.id);
  return columns;
}

/** Where a card is: its column and index. */
export function locate(columns: Columns, id: string): { column: string; index: number } | null {
  for (const [column, ids] of Object.entries(columns)) {
    const index = ids.indexOf(id);
    if (index >= 0) return { column, index };
  }
  return null;
}

/** The columns with card `id` moved to `index` of `column`. */
export function moveCard(columns: Columns, id: string, column: string, index: number): Columns {
  const next: Columns = {};
  for (const [key, ids] of Object.entries(columns)) next[key] = ids.filter((each) => each !== id);
  const target = next[column] ?? [];
  const at = Math.max(0, Math.min(index, target.length));
  next[column] = [...target.slice(0, at), id, ...target.slice(at)];
  return next;
}
