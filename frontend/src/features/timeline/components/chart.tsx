import { memo, type PointerEvent as ReactPointerEvent, useMemo, useRef, useState } from "react";
import type { Task } from "../api";
import { dayOf, isoOf, type WorkingCalendar } from "../calendar";
import {
  arrowHead,
  BAR,
  type End,
  headerTicks,
  linkRoute,
  movedStart,
  nonWorkingRuns,
  type Point,
  pathOf,
  ROW_HEIGHT,
  resizedDuration,
  type Scale,
  shortDate,
  xOfDay,
  type Zoom,
} from "../geometry";
import type { DrawnLink, Ghost, RowModel } from "../model";
import classes from "./timeline.module.css";

/** Room a hover card needs below its bar before it opens above instead. */
const HOVER_CARD_ROOM = 150;

export interface VisibleRange {
  firstRow: number;
  lastRow: number;
  firstDay: number;
  lastDay: number;
}

/** The two-row time header, for the visible days only. */
export function TimeHeader({
  zoom,
  scale,
  width,
  visible,
  viewLeft,
  calendar,
  weekStart,
}: {
  zoom: Zoom;
  scale: Scale;
  width: number;
  visible: VisibleRange;
  /** The chart's x at the left edge of the view: upper labels stay readable there. */
  viewLeft: number;
  calendar: WorkingCalendar;
  weekStart: number;
}) {
  const { top, bottom } = headerTicks(zoom, visible.firstDay, visible.lastDay, weekStart);
  const span = (ticks: { day: number }[], i: number, fallback: number) =>
    xOfDay(scale, ticks[i + 1]?.day ?? fallback) - xOfDay(scale, ticks[i]?.day ?? fallback);
  return (
    <div className={classes.timeHeader} style={{ width }} aria-hidden>
      {top.map((tick, i) => {
        const x = xOfDay(scale, tick.day);
        const end = x + span(top, i, visible.lastDay + 1);
        const left = Math.min(Math.max(x, viewLeft), end - 8);
        return (
          <div
            key={`t${tick.day}`}
            className={classes.tick}
            data-top
            style={{ left, width: end - left }}
          >
            {/* Pushed against the next label: leave it to that one. */}
            {end - left >= 64 ? tick.label : null}
          </div>
        );
      })}
      {bottom.map((tick, i) => (
        <div
          key={`b${tick.day}`}
          className={classes.tick}
          data-bottom
          data-off={zoom === "day" && !calendar.isWorking(tick.day) ? true : undefined}
          style={{ left: xOfDay(scale, tick.day), width: span(bottom, i, visible.lastDay + 1) }}
        >
          {tick.label}
        </div>
      ))}
    </div>
  );
}

interface Drag {
  taskId: string;
  mode: "move" | "resize";
  originX: number;
  dx: number;
}

interface LinkDraw {
  fromId: string;
  fromEnd: End;
  from: Point;
  to: Point;
}

export interface ChartProps {
  rows: RowModel[];
  links: DrawnLink[];
  rowIndex: ReadonlyMap<string, number>;
  visible: VisibleRange;
  /** The chart's height: the rows', or the view's when they leave room below. */
  height: number;
  scale: Scale;
  zoom: Zoom;
  calendar: WorkingCalendar;
  width: number;
  today: number;
  target: number | null;
  selectedId: string | null;
  movedIds: ReadonlySet<string>;
  showCritical: boolean;
  ghosts: ReadonlyMap<string, Ghost>;
  activeLinkId: string | null;
  linkSourceId: string | null;
  readOnly: boolean;
  onSelect: (taskId: string) => void;
  onOpen: (task: Task) => void;
  onMove: (task: Task, start: number) => void;
  onResize: (task: Task, duration: number) => void;
  onLink: (fromId: string, fromEnd: End, toId: string, toEnd: End, at: Point) => void;
  onLinkOpen: (linkId: string, at: Point) => void;
}

/** A rectangle of the chart as an SVG layer positioned over it (only the visible part). */
function layerStyle(left: number, top: number, width: number, height: number) {
  return { left, top, width, height };
}

/** The chart: memoised, so a scroll that changes no rendered row or day skips it. */
export const Chart = memo(function Chart(props: ChartProps) {
  const { rows, visible, scale, calendar, zoom, width } = props;
  const chartRef = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [draw, setDraw] = useState<LinkDraw | null>(null);
  const [hover, setHover] = useState<{ taskId: string; above: boolean } | null>(null);
  const [hoverLink, setHoverLink] = useState<string | null>(null);

  const height = props.height;
  const left = xOfDay(scale, visible.firstDay);
  const right = xOfDay(scale, visible.lastDay + 1);
  const top = visible.firstRow * ROW_HEIGHT;
  // The layers cover the rendered rows, and the empty space under the last row to the bottom.
  const bottom = visible.lastRow >= rows.length - 1 ? height : (visible.lastRow + 1) * ROW_HEIGHT;
  const shown = rows.slice(visible.firstRow, visible.lastRow + 1);

  const runs = useMemo(
    () =>
      nonWorkingRuns(calendar, visible.firstDay, visible.lastDay).filter(
        // A weekend is a sliver at month and quarter zoom: only holidays are worth shading there.
        (run) => run.exception || zoom === "day" || zoom === "week",
      ),
    [calendar, visible.firstDay, visible.lastDay, zoom],
  );

  const linksShown = useMemo(
    () =>
      props.links.flatMap((link) => {
        const from = props.rowIndex.get(link.predecessor_id);
        const to = props.rowIndex.get(link.successor_id);
        if (from === undefined || to === undefined) return [];
        if (Math.max(from, to) < visible.firstRow || Math.min(from, to) > visible.lastRow) {
          return [];
        }
        const fromBox = rows[from]?.box;
        const toBox = rows[to]?.box;
        if (!fromBox || !toBox) return [];
        return [{ link, points: linkRoute(fromBox, toBox, link.type) }];
      }),
    [props.links, props.rowIndex, rows, visible.firstRow, visible.lastRow],
  );

  const local = (event: { clientX: number; clientY: number }): Point => {
    const rect = chartRef.current?.getBoundingClientRect();
    return { x: event.clientX - (rect?.left ?? 0), y: event.clientY - (rect?.top ?? 0) };
  };

  const startDrag = (event: ReactPointerEvent, model: RowModel, mode: Drag["mode"]) => {
    if (event.button !== 0) return;
    event.stopPropagation();
    event.preventDefault();
    props.onSelect(model.row.task.id);
    if (props.readOnly || model.summary) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({ taskId: model.row.task.id, mode, originX: event.clientX, dx: 0 });
  };

  const endDrag = (model: RowModel) => {
    if (!drag) return;
    setDrag(null);
    const { row } = model;
    if (Math.abs(drag.dx) < 3 || row.start === null || row.finish === null) return;
    if (drag.mode === "move") {
      const start = movedStart(calendar, scale, row.start, drag.dx);
      if (start !== row.start) props.onMove(row.task, start);
    } else {
      const duration = resizedDuration(calendar, scale, row.start, row.finish, drag.dx);
      if (duration !== row.task.duration_days) props.onResize(row.task, duration);
    }
  };

  const startDraw = (event: ReactPointerEvent, model: RowModel, end: End) => {
    if (event.button !== 0 || props.readOnly || !model.box) return;
    event.stopPropagation();
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const box = model.box;
    const from = { x: end === "finish" ? box.x + box.width : box.x, y: box.y };
    setDraw({ fromId: model.row.task.id, fromEnd: end, from, to: local(event) });
  };

  const endDraw = (event: ReactPointerEvent) => {
    if (!draw) return;
    setDraw(null);
    // The pointer was captured by the handle: find the bar under it now (a link or a label
    // may lie on top of it).
    const under = document.elementsFromPoint(event.clientX, event.clientY);
    const hit = under.find((element) => element.closest("[data-bar]"));
    const bar = hit?.closest<HTMLElement>("[data-bar]");
    const toId = bar?.dataset.taskId;
    if (!bar || !toId || toId === draw.fromId) return;
    const handleEnd = hit?.closest<HTMLElement>("[data-end]")?.dataset.end as End | undefined;
    const rect = bar.getBoundingClientRect();
    const toEnd: End =
      handleEnd ?? (event.clientX < rect.left + rect.width / 2 ? "start" : "finish");
    props.onLink(draw.fromId, draw.fromEnd, toId, toEnd, local(event));
  };

  const dragged = (model: RowModel) => {
    if (!drag || drag.taskId !== model.row.task.id || !model.box) return null;
    const { row, box } = model;
    if (row.start === null || row.finish === null) return null;
    if (drag.mode === "move") {
      const start = movedStart(calendar, scale, row.start, drag.dx);
      const finish = calendar.finishOf(start, row.task.duration_days);
      const x = xOfDay(scale, start) - (model.milestone ? box.width / 2 : 0);
      return { x, width: box.width, label: `${shortDate(start)} – ${shortDate(finish)}` };
    }
    const duration = resizedDuration(calendar, scale, row.start, row.finish, drag.dx);
    const finish = calendar.finishOf(row.start, duration);
    return {
      x: box.x,
      width: xOfDay(scale, finish + 1) - box.x,
      label: `${duration} d · ends ${shortDate(finish)}`,
    };
  };

  const hovered = hover ? rows[props.rowIndex.get(hover.taskId) ?? -1] : undefined;

  // The rows' handlers, stable across renders (the rows are memoised) and always calling the
  // latest closures.
  const latest = useRef({ startDrag, endDrag, startDraw, endDraw, local, drag, draw, props });
  latest.current = { startDrag, endDrag, startDraw, endDraw, local, drag, draw, props };
  const actions = useMemo<RowActions>(
    () => ({
      startDrag: (event, model, mode) => latest.current.startDrag(event, model, mode),
      moveDrag: (event, taskId) => {
        const current = latest.current.drag;
        if (current?.taskId === taskId)
          setDrag({ ...current, dx: event.clientX - current.originX });
      },
      endDrag: (model) => latest.current.endDrag(model),
      cancelDrag: () => setDrag(null),
      startDraw: (event, model, end) => latest.current.startDraw(event, model, end),
      moveDraw: (event) => {
        const current = latest.current.draw;
        if (current) setDraw({ ...current, to: latest.current.local(event) });
      },
      endDraw: (event) => latest.current.endDraw(event),
      hover: (taskId, above) => setHover(taskId ? { taskId, above } : null),
      select: (taskId) => latest.current.props.onSelect(taskId),
      open: (task) => latest.current.props.onOpen(task),
    }),
    [],
  );

  return (
    <div
      ref={chartRef}
      className={classes.chart}
      style={{ width, height }}
      data-linking={draw || props.linkSourceId ? true : undefined}
    >
      <svg
        className={classes.layer}
        style={layerStyle(left, top, right - left, bottom - top)}
        viewBox={`${left} ${top} ${right - left} ${bottom - top}`}
        aria-hidden
      >
        {runs.map((run) => (
          <rect
            key={run.day}
            className={run.exception ? classes.holiday : classes.weekend}
            x={xOfDay(scale, run.day)}
            y={top}
            width={run.length * scale.pxPerDay}
            height={bottom - top}
          >
            <title>{run.exception ? `Holiday ${isoOf(run.day)}` : "Weekend"}</title>
          </rect>
        ))}
        {props.target !== null ? (
          <line
            className={classes.target}
            x1={xOfDay(scale, props.target + 1)}
            x2={xOfDay(scale, props.target + 1)}
            y1={top}
            y2={bottom}
          />
        ) : null}
        <line
          className={classes.today}
          x1={xOfDay(scale, props.today) + scale.pxPerDay / 2}
          x2={xOfDay(scale, props.today) + scale.pxPerDay / 2}
          y1={top}
          y2={bottom}
        />
      </svg>

      {shown.map((model) => {
        const taskId = model.row.task.id;
        const dragging = drag?.taskId === taskId;
        return (
          <ChartRow
            key={taskId}
            model={model}
            scale={scale}
            ghost={props.ghosts.get(taskId)}
            showCritical={props.showCritical}
            selected={props.selectedId === taskId}
            moved={props.movedIds.has(taskId)}
            readOnly={props.readOnly}
            dragging={dragging}
            live={dragging ? dragged(model) : null}
            actions={actions}
          />
        );
      })}

      <svg
        className={classes.links}
        style={layerStyle(left, top, right - left, bottom - top)}
        viewBox={`${left} ${top} ${right - left} ${bottom - top}`}
      >
        <title>Dependencies</title>
        {linksShown.map(({ link, points }) => {
          const name = linkName(link, rows, props.rowIndex);
          const active = props.activeLinkId === link.id || hoverLink === link.id;
          const mid = points[Math.floor(points.length / 2)] ?? points[0];
          return (
            // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>
            <g
              key={link.id}
              className={classes.link}
              role="button"
              tabIndex={0}
              aria-label={name}
              data-testid={`link-${linkKey(link, rows, props.rowIndex)}`}
              data-critical={(props.showCritical && link.critical) || undefined}
              data-draft={link.draft ?? undefined}
              data-active={active || undefined}
              onPointerEnter={() => setHoverLink(link.id)}
              onPointerLeave={() => setHoverLink(null)}
              onClick={(event) => props.onLinkOpen(link.id, local(event))}
              onKeyDown={(event) => {
                if (event.key === "Enter" || event.key === " ") {
                  event.preventDefault();
                  if (mid) props.onLinkOpen(link.id, mid);
                }
              }}
            >
              <title>{name}</title>
              <path className={classes.linkHit} d={pathOf(points)} />
              <path className={classes.linkPath} d={pathOf(points)} />
              <path className={classes.linkHead} d={arrowHead(points)} />
              {active && mid ? (
                <text className={classes.lagLabel} x={mid.x + 4} y={mid.y - 4}>
                  {link.type}
                  {link.lag_days ? ` ${link.lag_days > 0 ? "+" : ""}${link.lag_days}d` : ""}
                </text>
              ) : null}
            </g>
          );
        })}
        {draw ? (
          <path
            className={classes.drawing}
            d={`M${draw.from.x},${draw.from.y} L${draw.to.x},${draw.to.y}`}
          />
        ) : null}
      </svg>

      {hovered?.box && !drag && !draw ? (
        <HoverCard model={hovered} above={hover?.above ?? false} />
      ) : null}
    </div>
  );
});

interface RowActions {
  startDrag: (event: ReactPointerEvent, model: RowModel, mode: Drag["mode"]) => void;
  moveDrag: (event: ReactPointerEvent, taskId: string) => void;
  endDrag: (model: RowModel) => void;
  cancelDrag: () => void;
  startDraw: (event: ReactPointerEvent, model: RowModel, end: End) => void;
  moveDraw: (event: ReactPointerEvent) => void;
  endDraw: (event: ReactPointerEvent) => void;
  /** The bar under the pointer (null: none), and whether its card opens above it. */
  hover: (taskId: string | null, above: boolean) => void;
  select: (taskId: string) => void;
  open: (task: Task) => void;
}

/** One row of the chart: its background, bar, ghost, slack and label. Memoised: a scroll or a
 * hover renders only the rows whose props changed. */
const ChartRow = memo(function ChartRow({
  model,
  scale,
  ghost,
  showCritical,
  selected,
  moved,
  readOnly,
  dragging,
  live,
  actions,
}: {
  model: RowModel;
  scale: Scale;
  ghost: Ghost | undefined;
  showCritical: boolean;
  selected: boolean;
  moved: boolean;
  readOnly: boolean;
  dragging: boolean;
  live: { x: number; width: number; label: string } | null;
  actions: RowActions;
}) {
  const { box, row } = model;
  const taskId = row.task.id;
  const y = model.index * ROW_HEIGHT;
  const background = (
    // biome-ignore lint/a11y/noStaticElementInteractions: pointer selection; the outline's keys do the same
    <div
      className={classes.chartRow}
      style={{ top: y }}
      data-selected={selected || undefined}
      onPointerDown={() => actions.select(taskId)}
      onDoubleClick={() => actions.open(row.task)}
    />
  );
  if (!box) return background;
  const barHeight = model.summary ? 8 : model.milestone ? BAR.milestone : BAR.height;
  const barTop = y + (ROW_HEIGHT - barHeight) / 2 - (ghost ? 4 : 0);
  const x = live?.x ?? box.x;
  const barWidth = live?.width ?? box.width;
  const late = model.scheduled?.late_finish;
  const slack = model.scheduled?.total_slack_days ?? 0;
  return (
    <>
      {background}
      {showCritical && !model.summary && late && slack > 0 ? (
        <div
          className={classes.slackTail}
          style={{
            transform: `translate(${box.x + box.width}px, ${y + ROW_HEIGHT / 2 - 1}px)`,
            width: Math.max(xOfDay(scale, dayOf(late) + 1) - box.x - box.width, 0),
          }}
        />
      ) : null}
      {ghost ? (
        <div
          className={classes.ghost}
          data-critical={ghost.critical || undefined}
          data-milestone={model.milestone || undefined}
          style={{
            transform: `translate(${xOfDay(scale, ghost.start) - (model.milestone ? 5 : 0)}px, ${y + ROW_HEIGHT - 11}px)`,
            width: model.milestone
              ? undefined
              : Math.max(xOfDay(scale, ghost.finish + 1) - xOfDay(scale, ghost.start), 2),
          }}
        />
      ) : null}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: pointer drags; the outline's keys move, resize and link too */}
      <div
        className={classes.bar}
        data-bar
        data-task-id={taskId}
        data-testid={`bar-${row.task.key}`}
        data-critical={(showCritical && model.critical) || undefined}
        data-manual={(model.manual && !model.summary) || undefined}
        data-summary={model.summary || undefined}
        data-milestone={model.milestone || undefined}
        data-violation={model.violation ? true : undefined}
        data-late={(row.task.finish_after_due && !model.summary) || undefined}
        data-selected={selected || undefined}
        data-moved={moved || undefined}
        data-dragging={dragging || undefined}
        data-readonly={readOnly || undefined}
        style={{
          transform: `translate(${x}px, ${barTop}px)`,
          width: model.milestone ? undefined : barWidth,
        }}
        onPointerDown={(event) => actions.startDrag(event, model, "move")}
        onPointerMove={(event) => actions.moveDrag(event, taskId)}
        onPointerUp={() => actions.endDrag(model)}
        onPointerCancel={actions.cancelDrag}
        onPointerEnter={(event) =>
          // Near the bottom of the window the card opens above the bar.
          actions.hover(
            taskId,
            event.currentTarget.getBoundingClientRect().bottom + HOVER_CARD_ROOM >
              window.innerHeight,
          )
        }
        onPointerLeave={() => actions.hover(null, false)}
        onDoubleClick={() => actions.open(row.task)}
      >
        {!model.milestone && row.done > 0 ? (
          <div className={classes.progress} style={{ width: `${row.done * 100}%` }} />
        ) : null}
        {!readOnly && !model.summary && !model.milestone ? (
          <div
            className={classes.resize}
            onPointerDown={(event) => actions.startDrag(event, model, "resize")}
            onPointerMove={(event) => actions.moveDrag(event, taskId)}
            onPointerUp={() => actions.endDrag(model)}
          />
        ) : null}
        {readOnly
          ? null
          : (["start", "finish"] as const).map((end) => (
              <div
                key={end}
                className={classes.handle}
                data-end={end}
                data-testid={`handle-${row.task.key}-${end}`}
                title={`Drag to another bar to link from this ${end}`}
                onPointerDown={(event) => actions.startDraw(event, model, end)}
                onPointerMove={actions.moveDraw}
                onPointerUp={actions.endDraw}
              />
            ))}
      </div>
      <div
        className={classes.barLabel}
        style={{
          transform: `translate(${x + barWidth + 14}px, ${y + (ROW_HEIGHT - BAR.height) / 2}px)`,
        }}
      >
        {live ? (
          <span className={classes.dragLabel}>{live.label}</span>
        ) : (
          <span>
            {model.milestone && row.start !== null
              ? `${row.task.title} · ${shortDate(row.start)}`
              : row.task.title}
          </span>
        )}
      </div>
    </>
  );
});

function keyOf(rows: RowModel[], rowIndex: ReadonlyMap<string, number>, taskId: string) {
  return rows[rowIndex.get(taskId) ?? -1]?.row.task.key ?? "?";
}

function linkKey(link: DrawnLink, rows: RowModel[], rowIndex: ReadonlyMap<string, number>) {
  return `${keyOf(rows, rowIndex, link.predecessor_id)}-${keyOf(rows, rowIndex, link.successor_id)}`;
}

const TYPE_NAMES = {
  FS: "finish to start",
  SS: "start to start",
  FF: "finish to finish",
  SF: "start to finish",
} as const;

function linkName(link: DrawnLink, rows: RowModel[], rowIndex: ReadonlyMap<string, number>) {
  const lag = link.lag_days ? `, lag ${link.lag_days > 0 ? "+" : ""}${link.lag_days} days` : "";
  const state = link.draft ? ` (draft: ${link.draft})` : "";
  return `Link ${keyOf(rows, rowIndex, link.predecessor_id)} → ${keyOf(rows, rowIndex, link.successor_id)}, ${TYPE_NAMES[link.type]}${lag}${state}`;
}

function HoverCard({ model, above }: { model: RowModel; above: boolean }) {
  const { row, box, scheduled, violation } = model;
  if (!box) return null;
  const below = model.index * ROW_HEIGHT + ROW_HEIGHT + 2;
  const day = (iso: string | undefined | null) => (iso ? shortDate(dayOf(iso)) : "—");
  return (
    <div
      className={classes.hoverCard}
      style={{ left: Math.max(box.x, 0), top: above ? model.index * ROW_HEIGHT - 2 : below }}
      data-above={above || undefined}
      role="tooltip"
    >
      <strong>
        {row.task.key} · {row.task.title}
      </strong>
      <dl className={classes.hoverGrid}>
        <dt>{model.summary ? "Spans" : "Dates"}</dt>
        <dd>
          {model.summary && row.start !== null && row.finish !== null
            ? `${shortDate(row.start)} – ${shortDate(row.finish)} · ${model.duration} d`
            : `${day(row.task.start_date)} – ${day(row.task.finish_date)} · ${model.milestone ? "milestone" : `${row.task.duration_days} d`}`}
          {model.manual ? " · manual" : ""}
        </dd>
        {model.summary ? (
          <>
            <dt>Done</dt>
            <dd>{Math.round(row.done * 100)}% of its working days</dd>
          </>
        ) : null}
        {scheduled && !model.summary ? (
          <>
            <dt>Total slack</dt>
            <dd>
              {scheduled.total_slack_days} d{scheduled.critical ? " · critical" : ""}
            </dd>
            <dt>Free slack</dt>
            <dd>{scheduled.free_slack_days} d</dd>
            <dt>Late dates</dt>
            <dd>
              {day(scheduled.late_start)} – {day(scheduled.late_finish)}
            </dd>
          </>
        ) : null}
        {row.task.constraint_type ? (
          <>
            <dt>Constraint</dt>
            <dd>
              {row.task.constraint_type === "snet"
                ? "Start no earlier than"
                : "Finish no later than"}{" "}
              {day(row.task.constraint_date)}
            </dd>
          </>
        ) : null}
        {violation ? (
          <>
            <dt>Deadline</dt>
            <dd style={{ color: "var(--mantine-color-red-6)" }}>
              Missed: finishes {day(violation.early_finish)}, due by{" "}
              {day(violation.constraint_date)}
            </dd>
          </>
        ) : null}
        {row.task.finish_after_due ? (
          <>
            <dt>Due</dt>
            <dd style={{ color: "var(--mantine-color-red-6)" }}>
              Finishes after its due date, {day(row.task.due_date)}
            </dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
