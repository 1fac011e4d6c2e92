import { IconChevronDown, IconChevronRight } from "@tabler/icons-react";
import { type KeyboardEvent, memo, useState } from "react";
import { dayOf } from "../calendar";
import { ROW_HEIGHT, shortDate } from "../geometry";
import type { Column, ColumnId } from "../hooks/use-columns";
import type { RowModel } from "../model";
import classes from "./timeline.module.css";

/** The outline's column headers; each can be widened or narrowed by dragging its right edge. */
export function GridHeader({
  columns,
  width,
  onResize,
}: {
  columns: Column[];
  width: number;
  onResize: (id: ColumnId, width: number) => void;
}) {
  const [resizing, setResizing] = useState<{ id: ColumnId; x: number; width: number } | null>(null);
  const [live, setLive] = useState<number | null>(null);
  return (
    <div className={classes.gridHeader} style={{ width }}>
      {columns.map((column) => (
        <div
          key={column.id}
          className={classes.headerCell}
          data-numeric={column.numeric || undefined}
          style={{ width: resizing?.id === column.id && live !== null ? live : column.width }}
        >
          {column.label}
          <div
            className={classes.resizer}
            data-active={resizing?.id === column.id || undefined}
            title={`Drag to resize ${column.label}`}
            onPointerDown={(event) => {
              event.currentTarget.setPointerCapture(event.pointerId);
              setResizing({ id: column.id, x: event.clientX, width: column.width });
            }}
            onPointerMove={(event) =>
              resizing?.id === column.id && setLive(resizing.width + event.clientX - resizing.x)
            }
            onPointerUp={() => {
              if (resizing && live !== null) onResize(resizing.id, live);
              setResizing(null);
              setLive(null);
            }}
          />
        </div>
      ))}
    </div>
  );
}

function durationText(model: RowModel): string {
  if (model.milestone) return "◆ 0d";
  return `${model.duration}d`;
}

/** What a screen reader hears for a row (the chart beside it is the same facts drawn). */
export function rowLabel(model: RowModel): string {
  const { task } = model.row;
  const parts = [`${task.key} ${task.title}`];
  if (task.start_date && task.finish_date) {
    parts.push(
      model.milestone
        ? `milestone on ${shortDate(dayOf(task.start_date))}`
        : `${shortDate(dayOf(task.start_date))} to ${shortDate(dayOf(task.finish_date))}, ${task.duration_days} working days`,
    );
  } else {
    parts.push("not scheduled");
  }
  if (model.manual) parts.push("manually scheduled");
  if (model.scheduled) {
    parts.push(
      model.critical ? "critical" : `total slack ${model.scheduled.total_slack_days} days`,
    );
  }
  if (model.violation) parts.push("misses its finish-no-later-than date");
  if (model.row.task.finish_after_due) parts.push("finishes after its due date");
  return parts.join(", ");
}

/** The outline: a tree grid of the visible rows. Focus stays on the grid itself and the
 * selected row is its active descendant, so arrow keys work however far the list scrolls.
 * Memoised, so a scroll that changes no rendered row skips it. */
export const GridBody = memo(function GridBody({
  rows,
  columns,
  width,
  firstRow,
  lastRow,
  selectedId,
  linkSourceId,
  label,
  onSelect,
  onOpen,
  onToggle,
  onKeyDown,
}: {
  rows: RowModel[];
  columns: Column[];
  width: number;
  firstRow: number;
  lastRow: number;
  selectedId: string | null;
  linkSourceId: string | null;
  label: string;
  onSelect: (taskId: string) => void;
  onOpen: (model: RowModel) => void;
  onToggle: (taskId: string) => void;
  onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
}) {
  const shown = rows.slice(firstRow, lastRow + 1);
  return (
    <div
      className={classes.grid}
      style={{ width, height: rows.length * ROW_HEIGHT }}
      role="treegrid"
      aria-label={label}
      aria-rowcount={rows.length}
      aria-activedescendant={selectedId ? `timeline-row-${selectedId}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="timeline-grid"
    >
      {shown.map((model) => {
        const { task } = model.row;
        return (
          // biome-ignore lint/a11y/useSemanticElements: a virtual row placed absolutely; <tr> cannot be
          // biome-ignore lint/a11y/useFocusableInteractive: focus stays on the tree grid, which points at this row
          <div
            key={task.id}
            id={`timeline-row-${task.id}`}
            role="row"
            aria-rowindex={model.index + 1}
            aria-level={model.row.depth + 1}
            aria-expanded={model.summary ? model.row.expanded : undefined}
            aria-selected={selectedId === task.id}
            aria-label={rowLabel(model)}
            className={classes.row}
            style={{ top: model.index * ROW_HEIGHT }}
            data-selected={selectedId === task.id || undefined}
            data-summary={model.summary || undefined}
            data-link-source={linkSourceId === task.id || undefined}
            onPointerDown={() => onSelect(task.id)}
            onDoubleClick={() => onOpen(model)}
          >
            {columns.map((column) => (
              // biome-ignore lint/a11y/useSemanticElements: a cell of the virtual row above
              // biome-ignore lint/a11y/useFocusableInteractive: as its row
              <div
                key={column.id}
                role="gridcell"
                className={`${classes.cell} ${column.id === "key" ? classes.key : ""} ${column.id === "title" ? classes.title : ""}`}
                data-numeric={column.numeric || undefined}
                style={{
                  width: column.width,
                  paddingLeft: column.id === "title" ? 8 + model.row.depth * 16 : undefined,
                }}
              >
                {cellContent(column.id, model, onToggle)}
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
});

function cellContent(id: ColumnId, model: RowModel, onToggle: (taskId: string) => void) {
  const { task } = model.row;
  switch (id) {
    case "key":
      return task.key;
    case "title":
      return (
        <>
          {model.summary ? (
            <button
              type="button"
              className={classes.toggle}
              tabIndex={-1}
              aria-label={model.row.expanded ? `Collapse ${task.key}` : `Expand ${task.key}`}
              onPointerDown={(event) => event.stopPropagation()}
              onClick={() => onToggle(task.id)}
            >
              {model.row.expanded ? <IconChevronDown size={12} /> : <IconChevronRight size={12} />}
            </button>
          ) : (
            <span className={classes.toggle} />
          )}
          <span className={classes.titleText} title={task.title}>
            {task.title}
          </span>
        </>
      );
    case "duration":
      return durationText(model);
    case "start":
      return model.row.start !== null ? shortDate(model.row.start) : "—";
    case "finish":
      return model.row.finish !== null ? shortDate(model.row.finish) : "—";
  }
}
