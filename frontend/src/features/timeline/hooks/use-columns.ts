import { useCallback, useState } from "react";

export type ColumnId = "key" | "title" | "duration" | "start" | "finish";

export interface Column {
  id: ColumnId;
  label: string;
  width: number;
  visible: boolean;
  numeric: boolean;
}

const DEFAULTS: Column[] = [
  { id: "key", label: "Key", width: 68, visible: true, numeric: false },
  { id: "title", label: "Title", width: 240, visible: true, numeric: false },
  { id: "duration", label: "Dur.", width: 52, visible: true, numeric: true },
  { id: "start", label: "Start", width: 64, visible: true, numeric: true },
  { id: "finish", label: "Finish", width: 64, visible: true, numeric: true },
];

export const MIN_COLUMN_WIDTH = 40;
const MAX_COLUMN_WIDTH = 600;
const STORAGE_KEY = "worklane.timeline.columns";

function load(): Column[] {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null") as Partial<
      Record<ColumnId, { width: number; visible: boolean }>
    > | null;
    if (!saved) return DEFAULTS;
    return DEFAULTS.map((column) => ({ ...column, ...saved[column.id] }));
  } catch {
    return DEFAULTS;
  }
}

/** The outline's columns: widths and visibility, kept in this browser between visits. The
 * title column can be narrowed but never hidden: it is what names a row. */
export function useColumns() {
  const [columns, setColumns] = useState<Column[]>(load);
  const save = useCallback((next: Column[]) => {
    setColumns(next);
    const stored = Object.fromEntries(
      next.map((column) => [column.id, { width: column.width, visible: column.visible }]),
    );
    localStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
  }, []);
  const setWidth = useCallback(
    (id: ColumnId, width: number) =>
      save(
        columns.map((column) =>
          column.id === id
            ? {
                ...column,
                width: Math.round(Math.min(Math.max(width, MIN_COLUMN_WIDTH), MAX_COLUMN_WIDTH)),
              }
            : column,
        ),
      ),
    [columns, save],
  );
  const toggle = useCallback(
    (id: ColumnId) =>
      save(
        columns.map((column) =>
          column.id === id && id !== "title" ? { ...column, visible: !column.visible } : column,
        ),
      ),
    [columns, save],
  );
  const shown = columns.filter((column) => column.visible);
  const width = shown.reduce((total, column) => total + column.width, 0);
  return { columns, shown, width, setWidth, toggle };
}
