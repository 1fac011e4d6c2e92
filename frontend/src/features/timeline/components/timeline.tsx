import { Button, Group, VisuallyHidden } from "@mantine/core";
import { IconPlus, IconTimeline } from "@tabler/icons-react";
import {
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
} from "react";
import { type ApiError, toApiError } from "@/api/errors";
import type { components } from "@/api/schema";
import { notifyError } from "@/components/notify";
import { EmptyState, ErrorState, LoadingState } from "@/components/states";
import { todayIso } from "@/lib/dates";
import { plural } from "@/lib/format";
import {
  type Dependency,
  type Schedule,
  type Task,
  type TaskUpdate,
  usePlanWrites,
  useProjectCalendar,
  useProjectLinks,
  useProjectTasks,
  useSchedule,
  useSchedulePreview,
  useTaskKeys,
} from "../api";
import { dayOf, isoOf, type WorkingCalendar } from "../calendar";
import { draftReducer, EMPTY_DRAFT, toProposal } from "../draft";
import {
  type End,
  type LinkType,
  linkTypeOf,
  type Point,
  PX_PER_DAY,
  ROW_HEIGHT,
  type Scale,
  shortDate,
  timelineSpan,
  visibleDays,
  xOfDay,
  type Zoom,
} from "../geometry";
import { useColumns } from "../hooks/use-columns";
import { useViewport, type Viewport } from "../hooks/use-viewport";
import { drawnLinks, ghostsOf, type RowModel, rowModels } from "../model";
import { outlineRows } from "../outline";
import { Chart, type ChartProps, TimeHeader, type VisibleRange } from "./chart";
import { DraftPanel } from "./draft-panel";
import { LinkPopover, LinkProblem } from "./link-popover";
import { GridBody, GridHeader } from "./outline-grid";
import classes from "./timeline.module.css";
import { TimelineToolbar } from "./toolbar";

type Project = components["schemas"]["Project"];
type WorkflowStatus = components["schemas"]["WorkflowStatus"];

export interface TimelineProps {
  workspaceId: string;
  project: Project;
  statuses: WorkflowStatus[];
  readOnly: boolean;
  weekStart: number;
  onOpenTask: (task: Task) => void;
  onCreateTask: () => void;
}

/** The project's timeline (Gantt): loads what it draws, then hands it to the view. */
export function Timeline(props: TimelineProps) {
  const { workspaceId, project } = props;
  const tasks = useProjectTasks(workspaceId, project.id);
  const links = useProjectLinks(workspaceId, project.id);
  const schedule = useSchedule(workspaceId, project.id);
  const calendar = useProjectCalendar(workspaceId, project.calendar_id);
  const error = tasks.error ?? links.error ?? schedule.error ?? calendar.error;
  if (error) {
    return (
      <ErrorState
        error={error}
        onRetry={() => {
          void tasks.refetch();
          void links.refetch();
          void schedule.refetch();
        }}
      />
    );
  }
  if (
    !tasks.isComplete ||
    !links.isComplete ||
    !calendar.calendar ||
    !tasks.items ||
    !links.items
  ) {
    return <LoadingState label="Loading the timeline…" />;
  }
  if (tasks.items.length === 0) {
    return (
      <EmptyState
        icon={<IconTimeline size={22} />}
        title="Nothing to plan yet"
        description="Add tasks, then give them durations and link them here: the timeline shows when each can happen and what drives the finish date."
        action={
          props.readOnly ? undefined : (
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={props.onCreateTask}>
              New task
            </Button>
          )
        }
      />
    );
  }
  return (
    <TimelineView
      {...props}
      tasks={tasks.items}
      links={links.items}
      schedule={schedule.data}
      calendar={calendar.calendar}
    />
  );
}

const ZOOM_KEY = "worklane.timeline.zoom";
const HEADER_HEIGHT = 44;
const ROW_OVERSCAN = 8;
const X_OVERSCAN = 240;

function savedZoom(): Zoom {
  const saved = localStorage.getItem(ZOOM_KEY);
  return saved === "day" || saved === "week" || saved === "month" || saved === "quarter"
    ? saved
    : "week";
}

interface MoveWatch {
  /** The tasks before the write. */
  tasks: readonly Task[];
  taskId: string | null;
  what: string;
  /** The write answered and what it moved was read again. */
  settled: boolean;
}

interface Undo {
  label: string;
  revert: () => Promise<unknown>;
}

function TimelineView({
  workspaceId,
  project,
  statuses,
  readOnly,
  weekStart,
  onOpenTask,
  tasks,
  links,
  schedule,
  calendar,
}: TimelineProps & {
  tasks: Task[];
  links: Dependency[];
  schedule: Schedule | undefined;
  calendar: WorkingCalendar;
}) {
  const [zoom, setZoomState] = useState<Zoom>(savedZoom);
  const [showCritical, setShowCritical] = useState(true);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [draftOn, setDraftOn] = useState(false);
  const [draft, dispatch] = useReducer(draftReducer, EMPTY_DRAFT);
  const [popover, setPopover] = useState<{ linkId: string; at: Point } | null>(null);
  const [problem, setProblem] = useState<{ at: Point; error: ApiError } | null>(null);
  const [linkSourceId, setLinkSourceId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [undo, setUndo] = useState<Undo | null>(null);
  const [applying, setApplying] = useState(false);
  const [applyError, setApplyError] = useState<unknown>(null);
  const [watch, setWatch] = useState<MoveWatch | null>(null);
  const [movedIds, setMovedIds] = useState<ReadonlySet<string>>(new Set());
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const columns = useColumns();
  const writes = usePlanWrites(workspaceId);
  const editable = !readOnly;

  const announce = useCallback((message: string) => {
    // Cleared first, so the same message said twice is announced twice.
    setAnnouncement("");
    requestAnimationFrame(() => setAnnouncement(message));
  }, []);

  // The model: rows, bars and links

  const doneStatuses = useMemo(
    () => new Set(statuses.filter((s) => s.category === "done").map((s) => s.id)),
    [statuses],
  );
  const tasksById = useMemo(() => new Map(tasks.map((task) => [task.id, task])), [tasks]);
  const outline = useMemo(
    () => outlineRows(tasks, collapsed, (task) => doneStatuses.has(task.status_id)),
    [tasks, collapsed, doneStatuses],
  );
  const today = dayOf(todayIso());
  const target = project.target_date ? dayOf(project.target_date) : null;
  const pxPerDay = PX_PER_DAY[zoom];
  const span = useMemo(() => {
    const days = [today];
    if (project.start_date) days.push(dayOf(project.start_date));
    if (target !== null) days.push(target);
    for (const row of outline) {
      if (row.start !== null) days.push(row.start);
      if (row.finish !== null) days.push(row.finish);
    }
    return timelineSpan(days, Math.max(21, Math.ceil(900 / pxPerDay)));
  }, [outline, project.start_date, target, today, pxPerDay]);
  const scale = useMemo(() => ({ origin: span.first, pxPerDay }), [span.first, pxPerDay]);
  const rows = useMemo(
    () => rowModels(outline, schedule, scale, calendar),
    [outline, schedule, scale, calendar],
  );
  const rowIndex = useMemo(
    () => new Map(rows.map((model) => [model.row.task.id, model.index])),
    [rows],
  );
  const proposal = useMemo(() => toProposal(draft.edits), [draft.edits]);
  const preview = useSchedulePreview(
    workspaceId,
    project.id,
    proposal,
    draftOn && draft.edits.length > 0,
  );
  const previewData = draftOn && draft.edits.length > 0 ? preview.data : undefined;
  const ghosts = useMemo(() => ghostsOf(previewData, tasksById), [previewData, tasksById]);
  const drawn = useMemo(
    () => drawnLinks(links, draftOn ? draft.edits : [], schedule?.critical_path ?? []),
    [links, draftOn, draft.edits, schedule?.critical_path],
  );
  const elsewhereIds = useMemo(
    () => (previewData?.moved_task_ids ?? []).filter((id) => !tasksById.has(id)).slice(0, 12),
    [previewData, tasksById],
  );
  const elsewhere = useTaskKeys(workspaceId, elsewhereIds);

  const chartWidth = (span.last - span.first + 1) * pxPerDay;
  const gridWidth = columns.width;

  // Scrolling

  const scrollToDay = useCallback(
    (day: number, behavior: ScrollBehavior = "smooth") =>
      scroller?.scrollTo({ left: Math.max(xOfDay(scale, day) - 48, 0), behavior }),
    [scroller, scale],
  );
  const projectStart = project.start_date
    ? dayOf(project.start_date)
    : (outline[0]?.start ?? today);

  const setZoom = (next: Zoom) => {
    setZoomState(next);
    localStorage.setItem(ZOOM_KEY, next);
  };
  // Whenever the scale changes (a zoom, or the span growing as tasks move), the day at the left
  // edge of the chart stays there, as in desktop schedulers: the plan reads from where the eye
  // already is.
  // `left` follows every reading of the view (no layout read of its own while scrolling).
  const anchor = useRef({ scale, left: 0 });
  const onViewRead = useCallback((view: Viewport) => {
    anchor.current.left = view.left;
  }, []);
  useLayoutEffect(() => {
    const previous = anchor.current;
    if (!scroller || previous.scale === scale) return;
    const day = previous.scale.origin + previous.left / previous.scale.pxPerDay;
    scroller.scrollLeft = Math.max((day - scale.origin) * scale.pxPerDay, 0);
    anchor.current = { scale, left: scroller.scrollLeft };
  }, [scroller, scale]);

  const initialScroll = useRef(false);
  useEffect(() => {
    if (!scroller || initialScroll.current) return;
    initialScroll.current = true;
    scrollToDay(projectStart, "instant");
    anchor.current.left = scroller.scrollLeft;
  }, [scroller, scrollToDay, projectStart]);

  const reveal = useCallback(
    (index: number) => {
      if (!scroller) return;
      const top = index * ROW_HEIGHT;
      const room = scroller.clientHeight - HEADER_HEIGHT;
      if (top < scroller.scrollTop) scroller.scrollTop = top;
      else if (top + ROW_HEIGHT > scroller.scrollTop + room) {
        scroller.scrollTop = top + ROW_HEIGHT - room;
      }
      const box = rows[index]?.box;
      const chartView = scroller.clientWidth - gridWidth;
      if (box && (box.x < scroller.scrollLeft || box.x > scroller.scrollLeft + chartView - 60)) {
        scroller.scrollLeft = Math.max(box.x - 48, 0);
      }
    },
    [scroller, rows, gridWidth],
  );

  // Moves: after a write, every task whose dates changed flashes and is announced.

  useEffect(() => {
    if (!watch?.settled) return;
    const before = new Map(watch.tasks.map((task) => [task.id, task]));
    const moved = tasks.filter((task) => {
      const old = before.get(task.id);
      return old && (old.start_date !== task.start_date || old.finish_date !== task.finish_date);
    });
    setWatch(null);
    setMovedIds(new Set(moved.map((task) => task.id)));
    const others = moved.filter((task) => task.id !== watch.taskId);
    const edited = watch.taskId ? tasks.find((task) => task.id === watch.taskId) : undefined;
    const where =
      edited?.start_date && edited.finish_date
        ? ` ${edited.key} now runs ${shortDate(dayOf(edited.start_date))} – ${shortDate(dayOf(edited.finish_date))}.`
        : "";
    const ripple = others.length
      ? ` ${plural(others.length, "other task")} moved: ${others.map((task) => task.key).join(", ")}.`
      : "";
    announce(`${watch.what}.${where}${ripple}`);
  }, [tasks, watch, announce]);
  useEffect(() => {
    if (movedIds.size === 0) return;
    const timer = setTimeout(() => setMovedIds(new Set()), 1700);
    return () => clearTimeout(timer);
  }, [movedIds]);

  // Edits: saved at once (with one undo), or collected in the draft.

  const settle = useCallback(
    () => setWatch((current) => current && { ...current, settled: true }),
    [],
  );

  const live = async (what: string, taskId: string | null, write: () => Promise<Undo | null>) => {
    setWatch({ tasks, taskId, what, settled: false });
    try {
      const next = await write();
      if (next) setUndo(next);
      settle();
      return null;
    } catch (error) {
      setWatch(null);
      const problem = toApiError(error);
      announce(`${what} failed: ${problem.detail}`);
      return problem;
    }
  };

  const editTask = async (task: Task, changes: TaskUpdate, what: string) => {
    if (draftOn) {
      dispatch({
        type: "task",
        taskId: task.id,
        key: task.key,
        start_date: changes.start_date ?? undefined,
        duration_days: changes.duration_days ?? undefined,
      });
      announce(`Draft: ${what}.`);
      return;
    }
    const before: TaskUpdate =
      changes.start_date !== undefined
        ? {
            start_date: task.start_date,
            constraint_type: task.constraint_type,
            constraint_date: task.constraint_date,
            leveling_delay_days: task.leveling_delay_days,
          }
        : { duration_days: task.duration_days };
    const error = await live(what, task.id, async () => {
      await writes.updateTask(task.id, changes);
      return { label: what, revert: () => writes.updateTask(task.id, before) };
    });
    if (error) notifyError(error, `Couldn't change ${task.key}`);
  };

  const moveTask = (task: Task, start: number) =>
    editTask(task, { start_date: isoOf(start) }, `${task.key} moved to ${shortDate(start)}`);
  const resizeTask = (task: Task, duration: number) =>
    editTask(
      task,
      { duration_days: duration },
      `${task.key} set to ${plural(duration, "working day")}`,
    );

  const keyOf = useCallback((taskId: string) => tasksById.get(taskId)?.key, [tasksById]);

  const addLink = async (fromId: string, fromEnd: End, toId: string, toEnd: End, at: Point) => {
    setProblem(null);
    const type = linkTypeOf(fromEnd, toEnd);
    const what = `Linked ${keyOf(fromId)} → ${keyOf(toId)} (${type})`;
    if (draftOn) {
      const existing = drawn.find(
        (link) =>
          link.draft !== "removed" &&
          ((link.predecessor_id === fromId && link.successor_id === toId) ||
            (link.predecessor_id === toId && link.successor_id === fromId)),
      );
      if (existing) {
        setProblem({
          at,
          error: toApiError(new Error("These tasks are already linked.")),
        });
        return;
      }
      dispatch({
        type: "add-link",
        predecessorId: fromId,
        successorId: toId,
        linkType: type,
        lag: 0,
      });
      announce(`Draft: ${what}.`);
      return;
    }
    const error = await live(what, toId, async () => {
      const created = await writes.createLink({
        predecessorId: fromId,
        successorId: toId,
        type,
        lag: 0,
      });
      return {
        label: `link ${keyOf(fromId)} → ${keyOf(toId)}`,
        revert: () => writes.deleteLink(created.id),
      };
    });
    if (error) setProblem({ at, error });
  };

  const changeLink = async (linkId: string, changes: { type: LinkType; lag: number }) => {
    const link = drawn.find((each) => each.id === linkId);
    if (!link) return null;
    const what = `Link ${keyOf(link.predecessor_id)} → ${keyOf(link.successor_id)} is now ${changes.type}${changes.lag ? ` ${changes.lag > 0 ? "+" : ""}${changes.lag}d` : ""}`;
    if (draftOn) {
      dispatch({ type: "change-link", id: linkId, linkType: changes.type, lag: changes.lag });
      announce(`Draft: ${what}.`);
      return null;
    }
    const before = { type: link.type, lag: link.lag_days };
    return live(what, link.successor_id, async () => {
      await writes.updateLink(linkId, changes);
      return { label: "link change", revert: () => writes.updateLink(linkId, before) };
    });
  };

  const removeLink = async (linkId: string) => {
    const link = drawn.find((each) => each.id === linkId);
    if (!link) return null;
    const what = `Link ${keyOf(link.predecessor_id)} → ${keyOf(link.successor_id)} deleted`;
    if (draftOn) {
      dispatch({ type: "remove-link", id: linkId });
      announce(`Draft: ${what}.`);
      return null;
    }
    return live(what, link.successor_id, async () => {
      await writes.deleteLink(linkId);
      return {
        label: "link deletion",
        revert: () =>
          writes.createLink({
            predecessorId: link.predecessor_id,
            successorId: link.successor_id,
            type: link.type,
            lag: link.lag_days,
          }),
      };
    });
  };

  const runUndo = useCallback(async () => {
    if (draftOn) {
      dispatch({ type: "undo" });
      announce("Draft: last edit undone.");
      return;
    }
    if (!undo) return;
    setUndo(null);
    setWatch({ tasks, taskId: null, what: `Undid ${undo.label}`, settled: false });
    try {
      await undo.revert();
      settle();
    } catch (error) {
      setWatch(null);
      notifyError(error, "Couldn't undo");
    }
  }, [draftOn, undo, tasks, announce, settle]);

  // Ctrl+Z anywhere on the screen (not while typing in a field).
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== "z" || event.shiftKey) {
        return;
      }
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, [contenteditable='true']")) return;
      if (readOnly) return;
      event.preventDefault();
      void runUndo();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [runUndo, readOnly]);

  const applyDraft = async () => {
    setApplying(true);
    setApplyError(null);
    const count = draft.edits.length;
    setWatch({
      tasks,
      taskId: null,
      what: `Applied ${plural(count, "draft edit")}`,
      settled: false,
    });
    const result = await writes.applyDraft(draft.edits);
    settle();
    setApplying(false);
    dispatch({ type: "applied", count: result.applied });
    if (result.error) {
      setApplyError(result.error);
      announce(
        `Apply stopped after ${result.applied} of ${count}: ${toApiError(result.error).detail}`,
      );
    } else {
      setDraftOn(false);
      setUndo(null);
    }
  };

  const setDraftMode = (on: boolean) => {
    setDraftOn(on);
    setApplyError(null);
    setPopover(null);
    if (!on) dispatch({ type: "discard" });
    announce(on ? "Draft on: edits are collected and previewed, not saved." : "Draft off.");
  };

  // Keyboard

  const select = (index: number) => {
    const model = rows[Math.min(Math.max(index, 0), rows.length - 1)];
    if (!model) return;
    setSelectedId(model.row.task.id);
    reveal(model.index);
  };

  const selected = selectedId !== null ? rows[rowIndex.get(selectedId) ?? -1] : undefined;

  const toggle = (taskId: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(taskId)) next.delete(taskId);
      else next.add(taskId);
      return next;
    });

  const drafted = (task: Task): Task => {
    if (!draftOn) return task;
    const edit = draft.edits.find((each) => each.kind === "task" && each.taskId === task.id);
    if (edit?.kind !== "task") return task;
    return {
      ...task,
      start_date: edit.start_date ?? task.start_date,
      duration_days: edit.duration_days ?? task.duration_days,
    };
  };

  const onGridKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = selected?.index ?? -1;
    const handled = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    // In a draft, keys go on from the draft's start and duration, so presses add up.
    const task = selected ? drafted(selected.row.task) : undefined;
    const canEdit = editable && selected && !selected.summary && task?.start_date;
    if (event.altKey && (event.key === "ArrowLeft" || event.key === "ArrowRight")) {
      handled();
      if (canEdit && task?.start_date) {
        const start = calendar.addWorkingDays(
          dayOf(task.start_date),
          event.key === "ArrowRight" ? 1 : -1,
        );
        void moveTask(task, start);
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    switch (event.key) {
      case "ArrowDown":
        handled();
        select(index + 1);
        return;
      case "ArrowUp":
        handled();
        select(index < 0 ? 0 : index - 1);
        return;
      case "Home":
        handled();
        select(0);
        return;
      case "End":
        handled();
        select(rows.length - 1);
        return;
      case "ArrowRight":
        handled();
        if (selected?.summary && !selected.row.expanded) toggle(selected.row.task.id);
        return;
      case "ArrowLeft":
        handled();
        if (selected?.summary && selected.row.expanded) toggle(selected.row.task.id);
        else if (selected?.row.task.parent_id && rowIndex.has(selected.row.task.parent_id)) {
          select(rowIndex.get(selected.row.task.parent_id) ?? 0);
        }
        return;
      case "Enter":
        handled();
        if (linkSourceId && selected && editable) {
          const source = linkSourceId;
          setLinkSourceId(null);
          if (source !== selected.row.task.id) {
            const box = selected.box;
            void addLink(source, "finish", selected.row.task.id, "start", {
              x: box?.x ?? 0,
              y: box?.y ?? selected.index * ROW_HEIGHT,
            });
          } else {
            announce("A task can't be linked to itself.");
          }
        } else if (task) {
          onOpenTask(task);
        }
        return;
      case "Escape":
        if (linkSourceId) {
          handled();
          setLinkSourceId(null);
          announce("Linking cancelled.");
        }
        return;
      case "[":
      case "]": {
        handled();
        if (!canEdit || !task) return;
        const duration = task.duration_days + (event.key === "]" ? 1 : -1);
        if (duration >= 0) void resizeTask(task, duration);
        return;
      }
      case "l":
      case "L":
        handled();
        if (editable && task) {
          setLinkSourceId(task.id);
          announce(
            `Linking from ${task.key}. Move to the successor with the arrow keys and press Enter to link finish to start; Escape cancels.`,
          );
        }
        return;
    }
  };

  const popoverLink = popover ? drawn.find((link) => link.id === popover.linkId) : undefined;
  const finish = schedule ? dayOf(schedule.finish_date) : null;

  return (
    <div>
      <TimelineToolbar
        zoom={zoom}
        onZoom={setZoom}
        showCritical={showCritical}
        onShowCritical={setShowCritical}
        draftOn={draftOn}
        onDraft={setDraftMode}
        readOnly={readOnly}
        onToday={() => scrollToDay(today)}
        onProjectStart={() => scrollToDay(projectStart)}
        undoLabel={draftOn ? (draft.previous ? "last draft edit" : null) : (undo?.label ?? null)}
        onUndo={() => void runUndo()}
        columns={columns.columns}
        onToggleColumn={columns.toggle}
        schedule={schedule}
        finish={finish}
        target={target}
        calendar={calendar}
        taskCount={tasks.length}
      />
      {draftOn ? (
        <DraftPanel
          edits={draft.edits}
          preview={previewData}
          previewError={draft.edits.length ? preview.error : null}
          previewing={preview.isFetching}
          schedule={schedule}
          calendar={calendar}
          keyOf={keyOf}
          otherKeys={(elsewhere.data ?? []).map((task) => task.key)}
          applying={applying}
          applyError={applyError}
          onApply={() => void applyDraft()}
          onDiscard={() => setDraftMode(false)}
          onUndo={() => void runUndo()}
        />
      ) : null}
      <Group h={8} />
      <TimelineCanvas
        onViewRead={onViewRead}
        setScroller={setScroller}
        scroller={scroller}
        rows={rows}
        span={span}
        scale={scale}
        zoom={zoom}
        calendar={calendar}
        columns={columns}
        weekStart={weekStart}
        gridLabel={`Timeline of ${project.name}: arrow keys move between tasks, Enter opens one, [ and ] change its duration, Alt+arrows move it, L links it to another`}
        onGridKey={onGridKey}
        onToggle={toggle}
        chart={{
          rows,
          links: drawn,
          rowIndex,
          scale,
          zoom,
          calendar,
          width: chartWidth,
          today,
          target,
          selectedId,
          movedIds,
          showCritical,
          ghosts,
          activeLinkId: popover?.linkId ?? null,
          linkSourceId,
          readOnly,
          onSelect: setSelectedId,
          onOpen: onOpenTask,
          onMove: (task, start) => void moveTask(task, start),
          onResize: (task, duration) => void resizeTask(task, duration),
          onLink: (fromId, fromEnd, toId, toEnd, at) =>
            void addLink(fromId, fromEnd, toId, toEnd, at),
          onLinkOpen: (linkId, at) => {
            setProblem(null);
            setPopover({ linkId, at });
          },
        }}
      >
        {popover && popoverLink ? (
          <div style={{ position: "absolute", left: gridWidth, top: 0 }}>
            <LinkPopover
              key={popover.linkId}
              link={popoverLink}
              title={`${keyOf(popoverLink.predecessor_id) ?? "?"} → ${keyOf(popoverLink.successor_id) ?? "?"}`}
              at={popover.at}
              readOnly={readOnly}
              onSave={(changes) => changeLink(popover.linkId, changes)}
              onDelete={() => removeLink(popover.linkId)}
              onClose={() => setPopover(null)}
            />
          </div>
        ) : null}
        {problem ? (
          <div style={{ position: "absolute", left: gridWidth, top: 0 }}>
            <LinkProblem at={problem.at} problem={problem.error} onClose={() => setProblem(null)} />
          </div>
        ) : null}
      </TimelineCanvas>
      <VisuallyHidden aria-live="polite" data-testid="timeline-announcer">
        {announcement}
      </VisuallyHidden>
    </div>
  );
}

/** Rows and days are drawn in chunks around the view, so most frames of a scroll change no
 * rendered row or day and the outline and chart skip rendering (they are memoised). */
const ROW_CHUNK = 16;
const X_CHUNK = 320;

function useVisibleRange(
  view: Viewport,
  scale: Scale,
  span: { first: number; last: number },
  rowCount: number,
  gridWidth: number,
): VisibleRange {
  const firstRow = Math.max(
    Math.floor((view.top / ROW_HEIGHT - ROW_OVERSCAN) / ROW_CHUNK) * ROW_CHUNK,
    0,
  );
  const lastRow = Math.min(
    Math.ceil(((view.top + view.height) / ROW_HEIGHT + ROW_OVERSCAN) / ROW_CHUNK) * ROW_CHUNK,
    rowCount - 1,
  );
  const left = Math.max(Math.floor((view.left - X_OVERSCAN) / X_CHUNK) * X_CHUNK, 0);
  const right =
    Math.ceil((view.left + Math.max(view.width - gridWidth, 0) + X_OVERSCAN) / X_CHUNK) * X_CHUNK;
  const days = visibleDays(scale, left, right - left);
  // Clamped to the span: right after a zoom, the scroll position may still be the old one.
  const firstDay = Math.min(Math.max(days.first, span.first), span.last);
  const lastDay = Math.max(Math.min(days.last, span.last), firstDay);
  return useMemo(
    () => ({ firstRow, lastRow, firstDay, lastDay }),
    [firstRow, lastRow, firstDay, lastDay],
  );
}

/**
 * The scrolling part: outline, time header, chart. Only this re-renders while the view
 * scrolls; it draws the rows and days in view (with some overscan) and nothing else.
 */
function TimelineCanvas({
  onViewRead,
  scroller,
  setScroller,
  rows,
  span,
  scale,
  zoom,
  calendar,
  columns,
  weekStart,
  gridLabel,
  onGridKey,
  onToggle,
  chart,
  children,
}: {
  onViewRead: (view: Viewport) => void;
  scroller: HTMLDivElement | null;
  setScroller: (element: HTMLDivElement | null) => void;
  rows: RowModel[];
  span: { first: number; last: number };
  scale: Scale;
  zoom: Zoom;
  calendar: WorkingCalendar;
  columns: ReturnType<typeof useColumns>;
  weekStart: number;
  gridLabel: string;
  onGridKey: (event: KeyboardEvent<HTMLDivElement>) => void;
  onToggle: (taskId: string) => void;
  chart: Omit<ChartProps, "visible" | "height">;
  children: ReactNode;
}) {
  const view = useViewport(scroller, onViewRead);
  const gridWidth = columns.width;
  const chartWidth = chart.width;
  // The shading and grid run to the bottom of the view even when the rows end above it.
  const bodyHeight = Math.max(rows.length * ROW_HEIGHT, view.height - HEADER_HEIGHT - 2);
  const visible = useVisibleRange(view, scale, span, rows.length, gridWidth);
  const onOpenRow = useCallback((model: RowModel) => chart.onOpen(model.row.task), [chart]);
  return (
    <div ref={setScroller} className={classes.scroller} data-testid="timeline">
      <div
        className={classes.canvas}
        style={{ width: gridWidth + chartWidth, height: HEADER_HEIGHT + bodyHeight }}
      >
        <div className={classes.headerRow} style={{ width: gridWidth + chartWidth }}>
          <GridHeader columns={columns.shown} width={gridWidth} onResize={columns.setWidth} />
          <TimeHeader
            zoom={zoom}
            scale={scale}
            width={chartWidth}
            visible={visible}
            viewLeft={view.left}
            calendar={calendar}
            weekStart={weekStart}
          />
        </div>
        <div className={classes.body}>
          <GridBody
            rows={rows}
            columns={columns.shown}
            width={gridWidth}
            firstRow={visible.firstRow}
            lastRow={visible.lastRow}
            selectedId={chart.selectedId}
            linkSourceId={chart.linkSourceId}
            label={gridLabel}
            onSelect={chart.onSelect}
            onOpen={onOpenRow}
            onToggle={onToggle}
            onKeyDown={onGridKey}
          />
          <Chart key={zoom} {...chart} visible={visible} height={bodyHeight} />
          {children}
        </div>
      </div>
    </div>
  );
}

export default Timeline;
