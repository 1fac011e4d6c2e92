import {
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Popover,
  Select,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
// With the date pickers, not in main.tsx: they load with the screens that use them.
import "@mantine/dates/styles.css";
import { useDebouncedCallback } from "@mantine/hooks";
import {
  IconArrowDown,
  IconArrowUp,
  IconColumns,
  IconFilterOff,
  IconListCheck,
  IconPlus,
  IconSearch,
} from "@tabler/icons-react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { type CSSProperties, useEffect, useMemo, useRef, useState } from "react";
import {
  type Label,
  type Member,
  useLabelDirectory,
  useMemberDirectory,
  type WorkflowStatus,
} from "@/api/directory";
import { EmptyState, ErrorState, SkeletonRows } from "@/components/states";
import { formatDay } from "@/lib/dates";
import {
  type ScheduledTask,
  type Task,
  type TaskUpdate,
  useProjectSchedule,
  useTaskList,
  useUpdateTask,
} from "../api";
import {
  activeFilterCount,
  nextSort,
  parseSort,
  type SortField,
  type TaskFilters,
  toQuery,
  useTaskFilters,
} from "../filters";
import { isLate } from "../late";
import {
  listGrid,
  needsSchedule,
  OPTIONAL_COLUMNS,
  type OptionalColumn,
  useListColumns,
} from "../list-columns";
import { useSelection } from "../selection";
import { BulkBar } from "./bulk-bar";
import {
  AssigneesField,
  DateField,
  LabelBadges,
  LabelDot,
  MemberAvatar,
  PRIORITIES,
  PriorityField,
  StatusField,
  StatusIcon,
} from "./fields";
import classes from "./task-list.module.css";

const ROW_HEIGHT = 41;

interface TaskListProps {
  workspaceId: string;
  projectId: string;
  /** Whose column choice to remember. */
  userId: string;
  statuses: WorkflowStatus[];
  readOnly?: boolean;
  onOpenTask: (task: Task) => void;
  onFocusTask?: (task: Task | null) => void;
  onCreateTask: () => void;
}

/**
 * A project's tasks as a sortable, filterable table: keyset pages load as the user scrolls,
 * only the rows in view are rendered, fields edit in place, and ticked rows change together.
 */
export function TaskList(props: TaskListProps) {
  const { workspaceId, projectId, statuses } = props;
  const [filters, setFilters] = useTaskFilters();
  const members = useMemberDirectory(workspaceId);
  const labels = useLabelDirectory(workspaceId);
  const query = useMemo(() => toQuery(projectId, filters), [projectId, filters]);
  const tasks = useTaskList(workspaceId, query);
  const columns = useListColumns(props.userId);
  const schedule = useProjectSchedule(workspaceId, projectId, needsSchedule(columns.shown));

  return (
    <Box>
      <FilterBar
        filters={filters}
        onChange={setFilters}
        statuses={statuses}
        members={members.items ?? []}
        labels={labels.items ?? []}
        columns={columns.shown}
        onToggleColumn={columns.toggle}
      />
      {tasks.isPending ? (
        <SkeletonRows rows={8} height={36} />
      ) : tasks.isError && !tasks.items ? (
        <ErrorState error={tasks.error} onRetry={() => tasks.refetch()} />
      ) : (
        <TaskTable
          {...props}
          rows={tasks.items ?? []}
          filters={filters}
          onSort={(field) => setFilters({ sort: nextSort(filters.sort, field) })}
          onClearFilters={() =>
            setFilters({
              status: null,
              assignee: null,
              label: null,
              priority: [],
              dueFrom: null,
              dueTo: null,
              q: "",
            })
          }
          members={members.byId}
          labels={labels.byId}
          memberList={members.items ?? []}
          labelList={labels.items ?? []}
          hasMore={Boolean(tasks.hasNextPage)}
          loadingMore={tasks.isFetchingNextPage}
          loadMore={() => tasks.fetchNextPage()}
          columns={columns.shown}
          scheduled={schedule.byTask}
        />
      )}
    </Box>
  );
}

function FilterBar({
  filters,
  onChange,
  statuses,
  members,
  labels,
  columns,
  onToggleColumn,
}: {
  filters: TaskFilters;
  onChange: (changes: Partial<TaskFilters>) => void;
  statuses: WorkflowStatus[];
  members: Member[];
  labels: Label[];
  columns: ReadonlySet<OptionalColumn>;
  onToggleColumn: (id: OptionalColumn) => void;
}) {
  const [text, setText] = useState(filters.q);
  const search = useDebouncedCallback((q: string) => onChange({ q }), 250);
  useEffect(() => setText(filters.q), [filters.q]);
  const statusById = new Map(statuses.map((status) => [status.id, status]));
  const memberById = new Map(members.map((member) => [member.id, member]));
  const labelById = new Map(labels.map((label) => [label.id, label]));

  return (
    <Group gap="xs" mb="md" wrap="wrap" role="search" aria-label="Filter tasks">
      <TextInput
        size="xs"
        w={220}
        placeholder="Search title and description"
        aria-label="Search tasks"
        leftSection={<IconSearch size={14} />}
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          search(event.currentTarget.value);
        }}
      />
      <Select
        size="xs"
        w={150}
        placeholder="Status"
        aria-label="Filter by status"
        clearable
        data={statuses.map((status) => ({ value: status.id, label: status.name }))}
        value={filters.status}
        onChange={(status) => onChange({ status })}
        leftSection={
          filters.status ? (
            <StatusIcon category={statusById.get(filters.status)?.category} size={14} />
          ) : undefined
        }
        allowDeselect
      />
      <Select
        size="xs"
        w={170}
        placeholder="Assignee"
        aria-label="Filter by assignee"
        clearable
        searchable
        data={[
          { value: "me", label: "Assigned to me" },
          ...members.map((member) => ({ value: member.id, label: member.name })),
        ]}
        value={filters.assignee}
        onChange={(assignee) => onChange({ assignee })}
        leftSection={
          filters.assignee && filters.assignee !== "me" ? (
            <MemberAvatar member={memberById.get(filters.assignee)} size={16} />
          ) : undefined
        }
        allowDeselect
      />
      <Select
        size="xs"
        w={140}
        placeholder="Label"
        aria-label="Filter by label"
        clearable
        searchable
        data={labels.map((label) => ({ value: label.id, label: label.name }))}
        value={filters.label}
        onChange={(label) => onChange({ label })}
        leftSection={
          filters.label ? (
            <LabelDot color={labelById.get(filters.label)?.color ?? "gray"} />
          ) : undefined
        }
        allowDeselect
        nothingFoundMessage="No labels"
      />
      <MultiSelect
        size="xs"
        miw={150}
        maw={260}
        placeholder={filters.priority.length ? undefined : "Priority"}
        aria-label="Filter by priority"
        clearable
        data={PRIORITIES}
        value={filters.priority}
        onChange={(priority) => onChange({ priority: priority as TaskFilters["priority"] })}
      />
      <DatePickerInput
        type="range"
        size="xs"
        w={200}
        placeholder="Due between"
        aria-label="Filter by due date"
        clearable
        allowSingleDateInRange
        value={[filters.dueFrom, filters.dueTo]}
        onChange={([dueFrom, dueTo]) => onChange({ dueFrom, dueTo })}
        valueFormat="MMM D"
      />
      {activeFilterCount(filters) > 0 ? (
        <Button
          size="xs"
          variant="subtle"
          color="gray"
          leftSection={<IconFilterOff size={14} />}
          onClick={() =>
            onChange({
              status: null,
              assignee: null,
              label: null,
              priority: [],
              dueFrom: null,
              dueTo: null,
              q: "",
            })
          }
        >
          Clear filters
        </Button>
      ) : null}
      <ColumnChooser shown={columns} onToggle={onToggleColumn} />
    </Group>
  );
}

/** The optional columns, on and off; the list keeps the choice for next time. */
function ColumnChooser({
  shown,
  onToggle,
}: {
  shown: ReadonlySet<OptionalColumn>;
  onToggle: (id: OptionalColumn) => void;
}) {
  return (
    <Popover position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <Button
          size="xs"
          variant="default"
          ml="auto"
          leftSection={<IconColumns size={14} />}
          rightSection={
            shown.size > 0 ? (
              <Text span size="xs" c="dimmed">
                {shown.size}
              </Text>
            ) : undefined
          }
        >
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" role="group" aria-label="Show columns">
          <Text size="xs" c="dimmed" fw={500}>
            Show columns
          </Text>
          {OPTIONAL_COLUMNS.map((column) => (
            <Checkbox
              key={column.id}
              size="xs"
              label={column.label}
              checked={shown.has(column.id)}
              onChange={() => onToggle(column.id)}
            />
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function SortHeader({
  field,
  label,
  sort,
  onSort,
}: {
  field: SortField;
  label: string;
  sort: string;
  onSort: (field: SortField) => void;
}) {
  const current = parseSort(sort);
  const active = current.field === field;
  return (
    <th
      aria-sort={active ? (current.descending ? "descending" : "ascending") : "none"}
      className={classes.headerCell}
    >
      <UnstyledButton className={classes.sortButton} onClick={() => onSort(field)}>
        {label}
        {active ? (
          current.descending ? (
            <IconArrowDown size={12} />
          ) : (
            <IconArrowUp size={12} />
          )
        ) : null}
      </UnstyledButton>
    </th>
  );
}

function TaskTable({
  workspaceId,
  statuses,
  readOnly,
  onOpenTask,
  onFocusTask,
  onCreateTask,
  rows,
  filters,
  onSort,
  onClearFilters,
  members,
  labels,
  memberList,
  labelList,
  hasMore,
  loadingMore,
  loadMore,
  columns,
  scheduled,
}: TaskListProps & {
  rows: Task[];
  filters: TaskFilters;
  onSort: (field: SortField) => void;
  onClearFilters: () => void;
  members: Map<string, Member>;
  labels: Map<string, Label>;
  memberList: Member[];
  labelList: Label[];
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  columns: ReadonlySet<OptionalColumn>;
  /** The schedule's row of each task, by id, while a column needs it. */
  scheduled: ReadonlyMap<string, ScheduledTask> | undefined;
}) {
  const update = useUpdateTask(workspaceId);
  const grid = listGrid(columns);
  const ids = useMemo(() => rows.map((task) => task.id), [rows]);
  const selection = useSelection(ids);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // jsdom and the first paint have no layout yet: assume a screenful.
    initialRect: { width: 1000, height: 720 },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= rows.length - 15) loadMore();
  }, [hasMore, loadingMore, lastIndex, rows.length, loadMore]);

  if (rows.length === 0) {
    const filtered = activeFilterCount(filters) > 0;
    return (
      <EmptyState
        icon={<IconListCheck size={22} />}
        title={filtered ? "No tasks match these filters" : "No tasks yet"}
        description={
          filtered
            ? "Try fewer filters, or clear them to see every task."
            : "Break the work down into tasks. Press C anywhere in the project to add one."
        }
        action={
          filtered ? (
            <Button variant="default" onClick={onClearFilters}>
              Clear filters
            </Button>
          ) : readOnly ? undefined : (
            <Button leftSection={<IconPlus size={16} />} onClick={onCreateTask}>
              Create task
            </Button>
          )
        }
      />
    );
  }

  const change = (task: Task, changes: TaskUpdate) => update.mutate({ task, changes });

  const focusRow = (index: number) => {
    const target = rows[index];
    if (!target) return;
    virtualizer.scrollToIndex(index);
    requestAnimationFrame(() =>
      scrollRef.current?.querySelector<HTMLElement>(`[data-task-id="${target.id}"]`)?.focus(),
    );
  };

  return (
    <>
      <div ref={scrollRef} className={classes.scroller}>
        <table
          className={classes.table}
          aria-label="Tasks"
          aria-rowcount={rows.length}
          style={{ "--task-columns": grid.template, minWidth: grid.minWidth } as CSSProperties}
        >
          <thead className={classes.head}>
            <tr className={classes.row}>
              <th className={classes.headerCell}>
                <Checkbox
                  size="xs"
                  aria-label="Select all tasks"
                  checked={selection.allSelected}
                  indeterminate={selection.selected.length > 0 && !selection.allSelected}
                  onChange={selection.toggleAll}
                  disabled={readOnly}
                />
              </th>
              <SortHeader field="number" label="Key" sort={filters.sort} onSort={onSort} />
              <th className={classes.headerCell}>Status</th>
              <SortHeader field="title" label="Title" sort={filters.sort} onSort={onSort} />
              <SortHeader field="priority" label="Priority" sort={filters.sort} onSort={onSort} />
              <th className={classes.headerCell}>Assignees</th>
              <SortHeader field="due_date" label="Due" sort={filters.sort} onSort={onSort} />
              {OPTIONAL_COLUMNS.filter((column) => columns.has(column.id)).map((column) => (
                <th key={column.id} className={`${classes.headerCell} ${classes.numeric}`}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>

          <tbody className={classes.body} style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const task = rows[item.index];
              if (!task) return null;
              const selected = selection.isSelected(task.id);
              return (
                <tr
                  key={task.id}
                  tabIndex={0}
                  aria-rowindex={item.index + 1}
                  aria-selected={selected}
                  data-task-id={task.id}
                  data-selected={selected || undefined}
                  className={`${classes.row} ${classes.bodyRow}`}
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  onFocus={(event) => {
                    if (event.target === event.currentTarget) onFocusTask?.(task);
                  }}
                  onClick={() => onOpenTask(task)}
                  onKeyDown={(event) => {
                    if (event.target !== event.currentTarget) return;
                    if (event.key === "Enter") onOpenTask(task);
                    else if (event.key === "ArrowDown" || event.key === "j") {
                      event.preventDefault();
                      focusRow(item.index + 1);
                    } else if (event.key === "ArrowUp" || event.key === "k") {
                      event.preventDefault();
                      focusRow(item.index - 1);
                    } else if (event.key === "x" && !readOnly) {
                      selection.toggle(task.id);
                    }
                  }}
                >
                  {/* biome-ignore lint/a11y/useKeyWithClickEvents: the checkbox inside takes keys */}
                  <td className={classes.cell} onClick={(event) => event.stopPropagation()}>
                    <Checkbox
                      size="xs"
                      aria-label={`Select ${task.key}`}
                      checked={selected}
                      disabled={readOnly}
                      onChange={(event) =>
                        selection.toggle(task.id, {
                          range: (event.nativeEvent as MouseEvent).shiftKey,
                        })
                      }
                    />
                  </td>
                  <td className={`${classes.cell} ${classes.key}`}>{task.key}</td>
                  <td className={classes.cell}>
                    <StatusField
                      taskKey={task.key}
                      statusId={task.status_id}
                      statuses={statuses}
                      disabled={readOnly}
                      onChange={(status_id) => change(task, { status_id })}
                    />
                  </td>
                  <td className={`${classes.cell} ${classes.titleCell}`}>
                    <Text size="sm" fw={500} truncate>
                      {task.title}
                    </Text>
                    <LabelBadges ids={task.label_ids} labels={labels} />
                  </td>
                  <td className={classes.cell}>
                    <PriorityField
                      taskKey={task.key}
                      priority={task.priority}
                      disabled={readOnly}
                      onChange={(priority) => change(task, { priority })}
                    />
                  </td>
                  <td className={classes.cell}>
                    <AssigneesField
                      taskKey={task.key}
                      ids={task.assignee_ids}
                      members={members}
                      disabled={readOnly}
                      onChange={(assignee_ids) => change(task, { assignee_ids })}
                    />
                  </td>
                  <td className={classes.cell}>
                    <DateField
                      label={`Due date of ${task.key}`}
                      value={task.due_date}
                      disabled={readOnly}
                      late={isLate(task)}
                      placeholder="—"
                      onChange={(due_date) => change(task, { due_date })}
                    />
                  </td>
                  {OPTIONAL_COLUMNS.filter((column) => columns.has(column.id)).map((column) => (
                    <td
                      key={column.id}
                      className={`${classes.cell} ${classes.numeric}`}
                      data-column={column.id}
                    >
                      <PlanCell column={column.id} task={task} scheduled={scheduled} />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Group justify="space-between" mt="xs" px={4}>
        <Text size="xs" c="dimmed">
          {rows.length}
          {hasMore ? "+" : ""} {rows.length === 1 ? "task" : "tasks"}
          {" · "}↑↓ to move, Enter to open, X to select
        </Text>
        {hasMore ? (
          <Button size="xs" variant="subtle" loading={loadingMore} onClick={loadMore}>
            Load more
          </Button>
        ) : null}
      </Group>
      <BulkBar
        workspaceId={workspaceId}
        selected={selection.selected}
        statuses={statuses}
        members={memberList}
        labels={labelList}
        onClear={selection.clear}
        disabled={readOnly}
      />
    </>
  );
}

/** One optional column's value: the task's own dates, or the schedule's slack and critical
 * (a dash while the schedule loads, or for a task it does not place). */
function PlanCell({
  column,
  task,
  scheduled,
}: {
  column: OptionalColumn;
  task: Task;
  scheduled: ReadonlyMap<string, ScheduledTask> | undefined;
}) {
  const info = scheduled?.get(task.id);
  switch (column) {
    case "duration":
      return task.duration_days === 0 ? (
        <Text size="sm" c="dimmed">
          Milestone
        </Text>
      ) : (
        <Text size="sm">{task.duration_days}d</Text>
      );
    case "start":
      return <DayText iso={task.start_date} />;
    case "finish":
      return <DayText iso={task.finish_date} />;
    case "slack":
      return info ? (
        <Text size="sm" c={info.total_slack_days === 0 ? "red.7" : undefined}>
          {info.total_slack_days}d
        </Text>
      ) : (
        <Dash />
      );
    case "critical":
      return info?.critical ? (
        <Badge size="xs" color="red" variant="light">
          Critical
        </Badge>
      ) : (
        <Dash />
      );
  }
}

function DayText({ iso }: { iso: string | null }) {
  return iso ? <Text size="sm">{formatDay(iso)}</Text> : <Dash />;
}

function Dash() {
  return (
    <Text size="sm" c="dimmed">
      —
    </Text>
  );
}
