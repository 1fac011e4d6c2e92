import {
  type Announcements,
  closestCorners,
  DndContext,
  type DragEndEvent,
  type DragOverEvent,
  DragOverlay,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  PointerSensor,
  type UniqueIdentifier,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { SortableContext, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { Badge, Group, Paper, ScrollArea, Stack, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import {
  type Label,
  type Member,
  useLabelDirectory,
  useMemberDirectory,
  type WorkflowStatus,
} from "@/api/directory";
import { IconAction } from "@/components/icon-action";
import { loadingOrError } from "@/components/states";
import { formatDay } from "@/lib/dates";
import { type Task, useTaskList, useUpdateTask } from "../api";
import { type Columns, groupByStatus, locate, moveCard, positionAt } from "../board";
import { isLate } from "../late";
import classes from "./board.module.css";
import { AssigneeAvatars, LabelBadges, PriorityIcon, StatusIcon } from "./fields";

const COLUMN = "column:";

interface SortableData {
  sortable?: { containerId: UniqueIdentifier; items: UniqueIdentifier[]; index: number };
}

const ARROWS = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"];

/**
 * Keyboard moves on the board, after dnd-kit's multiple-containers example: ArrowLeft/ArrowRight
 * jump to the column before or after the one the card is in now (empty columns included), and
 * ArrowUp/ArrowDown step to the previous or next card of its column. Either way the card is
 * moved onto its target's rect, so collision detection sees it over that column or card.
 * Arrow keys are always prevented while a card is picked up, so the board never scrolls instead.
 */
export function boardCoordinates(statusIds: string[]): KeyboardCoordinateGetter {
  return (event, { context }) => {
    if (!ARROWS.includes(event.code)) return undefined;
    event.preventDefault();
    const { active, over, collisionRect, droppableRects } = context;
    const sortable = (active?.data.current as SortableData | undefined)?.sortable;
    if (!active || !collisionRect || !sortable) return undefined;
    const column = String(sortable.containerId);

    if (event.code === "ArrowLeft" || event.code === "ArrowRight") {
      const at = statusIds.indexOf(column);
      const next = at < 0 ? undefined : statusIds[at + (event.code === "ArrowRight" ? 1 : -1)];
      const rect = next ? droppableRects.get(`${COLUMN}${next}`) : undefined;
      return rect ? { x: rect.left, y: rect.top } : undefined;
    }

    const items = sortable.items.map(String);
    const overId = over ? String(over.id) : "";
    const from = items.includes(overId) ? items.indexOf(overId) : items.indexOf(String(active.id));
    const target = items[from + (event.code === "ArrowDown" ? 1 : -1)];
    const rect = target ? droppableRects.get(target) : undefined;
    return rect ? { x: rect.left, y: rect.top } : undefined;
  };
}

interface BoardProps {
  workspaceId: string;
  projectId: string;
  statuses: WorkflowStatus[];
  readOnly?: boolean;
  onOpenTask: (task: Task) => void;
  onFocusTask?: (task: Task | null) => void;
  onCreateTask: (statusId: string) => void;
}

/**
 * Columns by status, cards by position. Drag with the mouse, or focus a card and press Space,
 * move it with the arrow keys, and Space again to drop: one PATCH sets its status and a
 * position between its new neighbours, shown at once and rolled back if refused.
 */
export function Board({ workspaceId, projectId, statuses, ...props }: BoardProps) {
  const tasks = useTaskList(
    workspaceId,
    { project_id: projectId, sort: "position,number" },
    { all: true, pageSize: 200 },
  );
  const members = useMemberDirectory(workspaceId);
  const labels = useLabelDirectory(workspaceId);

  const waiting = loadingOrError(tasks, { rows: 6, height: 64 });
  if (waiting) return waiting;
  return (
    <BoardColumns
      workspaceId={workspaceId}
      statuses={statuses}
      tasks={tasks.items ?? []}
      members={members.byId}
      labels={labels.byId}
      {...props}
    />
  );
}

function BoardColumns({
  workspaceId,
  statuses,
  tasks,
  members,
  labels,
  readOnly,
  onOpenTask,
  onFocusTask,
  onCreateTask,
}: Omit<BoardProps, "projectId"> & {
  tasks: Task[];
  members: Map<string, Member>;
  labels: Map<string, Label>;
}) {
  const update = useUpdateTask(workspaceId);
  const byId = useMemo(() => new Map(tasks.map((task) => [task.id, task])), [tasks]);
  const statusIds = useMemo(() => statuses.map((status) => status.id), [statuses]);
  const saved = useMemo(() => groupByStatus(tasks, statusIds), [tasks, statusIds]);
  const [draft, setDraft] = useState<Columns | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const columns = draft ?? saved;
  const statusName = (id: string) =>
    statuses.find((status) => status.id === id)?.name ?? "a column";

  const coordinateGetter = useMemo(() => boardCoordinates(statusIds), [statusIds]);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter,
      keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Space", "Enter"] },
    }),
  );

  const columnOf = (id: string, current: Columns) =>
    id.startsWith(COLUMN) ? id.slice(COLUMN.length) : locate(current, id)?.column;

  const onDragStart = ({ active }: DragStartEvent) => {
    setActiveId(String(active.id));
    setDraft(saved);
  };

  // Crossing into another column moves the card there in the draft, so the column opens a gap.
  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!over || !draft) return;
    const id = String(active.id);
    const from = columnOf(id, draft);
    const to = columnOf(String(over.id), draft);
    if (!from || !to || from === to) return;
    const overIndex = String(over.id).startsWith(COLUMN)
      ? (draft[to]?.length ?? 0)
      : (draft[to]?.indexOf(String(over.id)) ?? 0);
    setDraft(moveCard(draft, id, to, overIndex));
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const current = draft ?? saved;
    setActiveId(null);
    setDraft(null);
    if (!over) return;
    const id = String(active.id);
    const task = byId.get(id);
    const column = columnOf(String(over.id), current);
    const from = locate(current, id);
    if (!task || !column || !from) return;
    const overIndex = String(over.id).startsWith(COLUMN)
      ? (current[column]?.length ?? 1) - (from.column === column ? 1 : 0)
      : (current[column]?.indexOf(String(over.id)) ?? from.index);
    const moved = moveCard(current, id, column, overIndex);
    const cards = (moved[column] ?? []).flatMap((each) => {
      const row = byId.get(each);
      return row ? [row] : [];
    });
    const index = cards.findIndex((card) => card.id === id);
    const position = positionAt(cards, index);
    const changes = {
      ...(task.status_id !== column ? { status_id: column } : {}),
      ...(position !== task.position ? { position } : {}),
    };
    if (Object.keys(changes).length === 0) return;
    update.mutate({ task, changes });
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${byId.get(String(active.id))?.key ?? "task"}.`,
    onDragOver: ({ active, over }) => {
      const key = byId.get(String(active.id))?.key ?? "Task";
      if (!over) return `${key} is no longer over a column.`;
      const column = columnOf(String(over.id), draft ?? saved);
      return column ? `${key} is over ${statusName(column)}.` : undefined;
    },
    onDragEnd: ({ active, over }) => {
      const key = byId.get(String(active.id))?.key ?? "Task";
      const column = over ? columnOf(String(over.id), draft ?? saved) : undefined;
      return column ? `${key} dropped in ${statusName(column)}.` : `${key} dropped.`;
    },
    onDragCancel: ({ active }) =>
      `Moving ${byId.get(String(active.id))?.key ?? "task"} was cancelled.`,
  };

  const active = activeId ? byId.get(activeId) : undefined;

  return (
    <DndContext
      sensors={readOnly ? [] : sensors}
      collisionDetection={closestCorners}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={() => {
        setActiveId(null);
        setDraft(null);
      }}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            "To move a task, press Space. Use the arrow keys to move it within or across columns, Space to drop it, Escape to cancel. Enter opens the task.",
        },
      }}
    >
      <ScrollArea type="auto" offsetScrollbars>
        <Group align="flex-start" gap="sm" wrap="nowrap" pb="sm">
          {statuses.map((status) => (
            <BoardColumn
              key={status.id}
              status={status}
              ids={columns[status.id] ?? []}
              byId={byId}
              members={members}
              labels={labels}
              readOnly={readOnly}
              onOpenTask={onOpenTask}
              onFocusTask={onFocusTask}
              onCreate={() => onCreateTask(status.id)}
            />
          ))}
        </Group>
      </ScrollArea>
      <DragOverlay dropAnimation={null}>
        {active ? <CardBody task={active} members={members} labels={labels} dragging /> : null}
      </DragOverlay>
    </DndContext>
  );
}

function BoardColumn({
  status,
  ids,
  byId,
  members,
  labels,
  readOnly,
  onOpenTask,
  onFocusTask,
  onCreate,
}: {
  status: WorkflowStatus;
  ids: string[];
  byId: Map<string, Task>;
  members: Map<string, Member>;
  labels: Map<string, Label>;
  readOnly?: boolean;
  onOpenTask: (task: Task) => void;
  onFocusTask?: (task: Task | null) => void;
  onCreate: () => void;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: `${COLUMN}${status.id}` });
  return (
    <section
      className={classes.column}
      aria-label={`${status.name} column`}
      data-over={isOver || undefined}
    >
      <Group justify="space-between" wrap="nowrap" px={6} py={4} mb={4}>
        <Group gap={8} wrap="nowrap">
          <StatusIcon category={status.category} />
          <Text size="sm" fw={600}>
            {status.name}
          </Text>
          <Text size="xs" c="dimmed" className={classes.count}>
            {ids.length}
          </Text>
        </Group>
        {readOnly ? null : (
          <IconAction
            tooltip={`Create a task in ${status.name}`}
            size="sm"
            onClick={onCreate}
            icon={<IconPlus size={14} />}
          />
        )}
      </Group>
      <SortableContext id={status.id} items={ids} strategy={verticalListSortingStrategy}>
        <Stack ref={setNodeRef} gap={6} className={classes.cards}>
          {ids.map((id) => {
            const task = byId.get(id);
            return task ? (
              <SortableCard
                key={id}
                task={task}
                members={members}
                labels={labels}
                disabled={readOnly}
                onOpen={() => onOpenTask(task)}
                onFocus={() => onFocusTask?.(task)}
              />
            ) : null;
          })}
          {ids.length === 0 ? (
            <Text size="xs" c="dimmed" ta="center" py="md">
              No tasks
            </Text>
          ) : null}
        </Stack>
      </SortableContext>
    </section>
  );
}

function SortableCard({
  task,
  members,
  labels,
  disabled,
  onOpen,
  onFocus,
}: {
  task: Task;
  members: Map<string, Member>;
  labels: Map<string, Label>;
  disabled?: boolean;
  onOpen: () => void;
  onFocus: () => void;
}) {
  const { active, attributes, listeners, setNodeRef, transform, transition, isDragging } =
    useSortable({
      id: task.id,
      disabled,
    });
  return (
    // biome-ignore lint/a11y/useSemanticElements: a draggable card holds block content a <button> may not
    <div
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      {...attributes}
      {...listeners}
      role="button"
      tabIndex={0}
      aria-roledescription="Draggable task"
      aria-label={`${task.key} ${task.title}`}
      data-task-id={task.id}
      className={classes.cardWrap}
      data-dragging={isDragging || undefined}
      onFocus={onFocus}
      onClick={onOpen}
      onKeyDown={(event) => {
        listeners?.onKeyDown?.(event);
        // While a card is picked up, Enter drops it (the sensor sees it next) and opens nothing.
        if (event.key === "Enter" && !event.defaultPrevented && !active) onOpen();
      }}
    >
      <CardBody task={task} members={members} labels={labels} />
    </div>
  );
}

function CardBody({
  task,
  members,
  labels,
  dragging = false,
}: {
  task: Task;
  members: Map<string, Member>;
  labels: Map<string, Label>;
  dragging?: boolean;
}) {
  const late = isLate(task);
  return (
    <Paper className={classes.card} data-overlay={dragging || undefined} p="sm" radius="md">
      <Group justify="space-between" wrap="nowrap" gap={6} mb={4}>
        <Text size="xs" c="dimmed" className={classes.key}>
          {task.key}
        </Text>
        <AssigneeAvatars ids={task.assignee_ids} members={members} size={20} />
      </Group>
      <Text size="sm" fw={500} lineClamp={3} mb={6}>
        {task.title}
      </Text>
      <Group gap={6} wrap="wrap">
        {task.priority !== "none" ? <PriorityIcon priority={task.priority} size={15} /> : null}
        {task.due_date ? (
          <Badge
            size="sm"
            variant="default"
            color={late ? "red" : undefined}
            fw={500}
            c={late ? "red.7" : undefined}
          >
            {formatDay(task.due_date)}
          </Badge>
        ) : null}
        <LabelBadges ids={task.label_ids} labels={labels} />
      </Group>
    </Paper>
  );
}
