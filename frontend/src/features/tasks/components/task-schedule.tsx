import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { useDebouncedValue } from "@mantine/hooks";
import { IconPlus, IconX } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import { notifyError } from "@/components/notify";
import { formatDay, todayIso } from "@/lib/dates";
import {
  type Dependency,
  type Task,
  type TaskUpdate,
  useLinkWrites,
  useTaskLinks,
  useTaskSchedule,
  useTaskSearch,
  useTasksById,
} from "../api";
import { driverSentence, LINK_TYPES, type LinkType } from "../schedule";

type Side = "predecessor" | "successor";

const CONSTRAINTS = [
  { value: "none", label: "As soon as possible" },
  { value: "snet", label: "Start no earlier than" },
  { value: "fnlt", label: "Finish no later than" },
];

/** A number typed in place, saved on blur or Enter. */
function DaysInput({
  label,
  value,
  min,
  disabled,
  onSave,
  width = 110,
}: {
  label: string;
  value: number;
  min?: number;
  disabled?: boolean;
  onSave: (value: number) => void;
  width?: number;
}) {
  const [draft, setDraft] = useState<string | number>(value);
  const commit = () => {
    const next = Number(draft);
    if (draft === "" || Number.isNaN(next)) setDraft(value);
    else if (next !== value) onSave(next);
  };
  return (
    <NumberInput
      aria-label={label}
      size="xs"
      w={width}
      min={min}
      max={10_000}
      allowDecimal={false}
      suffix=" d"
      disabled={disabled}
      value={draft}
      onChange={setDraft}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === "Enter") event.currentTarget.blur();
      }}
    />
  );
}

/** Duration, mode and constraint, edited in place. */
function ScheduleInputs({
  task,
  readOnly,
  onChange,
}: {
  task: Task;
  readOnly: boolean;
  onChange: (changes: TaskUpdate) => void;
}) {
  return (
    // Wrapping groups rather than a grid: in the side panel the constraint, the widest, takes a
    // line of its own instead of squeezing its type and date.
    <Group gap="lg" align="flex-start">
      <Stack gap={4}>
        <Text size="xs" c="dimmed">
          Duration (working days)
        </Text>
        <Group gap={6} wrap="nowrap">
          <DaysInput
            key={`${task.id}-${task.duration_days}`}
            label={`Duration of ${task.key} in working days`}
            value={task.duration_days}
            min={0}
            disabled={readOnly}
            onSave={(duration_days) => onChange({ duration_days })}
          />
          {task.duration_days === 0 ? (
            <Badge size="xs" variant="light" color="grape">
              Milestone
            </Badge>
          ) : null}
        </Group>
      </Stack>
      <Stack gap={4}>
        <Text size="xs" c="dimmed">
          Scheduling
        </Text>
        <SegmentedControl
          size="xs"
          aria-label={`Scheduling mode of ${task.key}`}
          disabled={readOnly}
          value={task.scheduling_mode}
          onChange={(mode) => onChange({ scheduling_mode: mode as Task["scheduling_mode"] })}
          data={[
            { value: "auto", label: "Auto" },
            { value: "manual", label: "Manual" },
          ]}
        />
      </Stack>
      <Stack gap={4}>
        <Text size="xs" c="dimmed">
          Constraint
        </Text>
        <Group gap={6} wrap="nowrap">
          <Select
            size="xs"
            aria-label={`Constraint of ${task.key}`}
            disabled={readOnly}
            allowDeselect={false}
            data={CONSTRAINTS}
            value={task.constraint_type ?? "none"}
            w={190}
            onChange={(kind) =>
              onChange(
                kind === "snet" || kind === "fnlt"
                  ? {
                      constraint_type: kind,
                      constraint_date:
                        task.constraint_date ??
                        (kind === "snet" ? task.start_date : task.finish_date) ??
                        todayIso(),
                    }
                  : { constraint_type: null, constraint_date: null },
              )
            }
          />
          {task.constraint_type ? (
            <DatePickerInput
              size="xs"
              aria-label={`Constraint date of ${task.key}`}
              valueFormat="MMM D, YYYY"
              w={130}
              disabled={readOnly}
              value={task.constraint_date}
              onChange={(day) => {
                if (day && day !== task.constraint_date) onChange({ constraint_date: day });
              }}
            />
          ) : null}
        </Group>
      </Stack>
    </Group>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const text = (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {value}
      </Text>
    </Stack>
  );
  return hint ? <Tooltip label={hint}>{text}</Tooltip> : text;
}

function span(start: string, finish: string): string {
  return start === finish ? formatDay(start) : `${formatDay(start)} – ${formatDay(finish)}`;
}

function days(count: number): string {
  return `${count} ${Math.abs(count) === 1 ? "day" : "days"}`;
}

/** The computed dates, slack, and what drives the start ("Starts Mar 9 because …"). */
function ComputedSchedule({
  workspaceId,
  task,
  readOnly,
  onChange,
}: {
  workspaceId: string;
  task: Task;
  readOnly: boolean;
  onChange: (changes: TaskUpdate) => void;
}) {
  const schedule = useTaskSchedule(workspaceId, task.id, task.version);
  const scheduled = schedule.data?.scheduled;
  const drivers = schedule.data?.drivers ?? [];
  return (
    <Stack gap="xs">
      {scheduled ? (
        <Group gap="xl" wrap="wrap" align="flex-start">
          <Figure label="Early" value={span(scheduled.early_start, scheduled.early_finish)} />
          <Figure
            label="Late"
            value={span(scheduled.late_start, scheduled.late_finish)}
            hint="The latest dates that do not delay the project's finish"
          />
          <Figure
            label="Total slack"
            value={days(scheduled.total_slack_days)}
            hint="How far the task can slip before the project's finish moves"
          />
          <Figure
            label="Free slack"
            value={days(scheduled.free_slack_days)}
            hint="How far the task can slip before a successor moves"
          />
          {scheduled.critical ? (
            <Badge size="sm" color="orange" variant="light" mt={4}>
              Critical
            </Badge>
          ) : null}
        </Group>
      ) : null}
      {schedule.data ? (
        <Box aria-label="What drives the start" role="group">
          <Text size="sm">
            {scheduled ? (
              <>
                Starts <b>{formatDay(scheduled.start_date)}</b> because{" "}
              </>
            ) : (
              "Not scheduled: "
            )}
            {drivers.length === 1 ? `${driverSentence(drivers[0] as (typeof drivers)[0])}.` : null}
          </Text>
          {drivers.length > 1 ? (
            <Stack gap={2} component="ul" m={0} pl="md">
              {drivers.map((driver) => (
                <Text key={`${driver.kind}-${driver.dependency_id}`} size="sm" component="li">
                  {driverSentence(driver)}
                  {driver.kind === "leveling_delay" && !readOnly ? (
                    <Button
                      variant="subtle"
                      size="compact-xs"
                      ml={6}
                      onClick={() => onChange({ leveling_delay_days: 0 })}
                    >
                      Clear delay
                    </Button>
                  ) : null}
                </Text>
              ))}
            </Stack>
          ) : null}
        </Box>
      ) : null}
    </Stack>
  );
}

/** One link of the task: the other task, type and lag edited in place, and a remove button. */
function LinkRow({
  link,
  side,
  other,
  readOnly,
  taskHref,
  writes,
}: {
  link: Dependency;
  side: Side;
  other: Task | undefined;
  readOnly: boolean;
  taskHref: (key: string) => string;
  writes: ReturnType<typeof useLinkWrites>;
}) {
  const name = other?.key ?? "…";
  const change = (changes: { type?: LinkType; lag_days?: number }) =>
    writes.change.mutate(
      { dependencyId: link.id, changes },
      { onError: (error) => notifyError(error, "Couldn't change the link") },
    );
  return (
    <Group
      gap="xs"
      wrap="nowrap"
      py={4}
      aria-label={`${side === "predecessor" ? "Predecessor" : "Successor"} ${name}`}
      role="group"
    >
      <UnstyledButton component={Link} to={other ? taskHref(other.key) : "#"} miw={0} flex={1}>
        <Group gap={8} wrap="nowrap">
          <Text size="xs" c="dimmed" ff="monospace" style={{ flexShrink: 0 }}>
            {name}
          </Text>
          <Text size="sm" truncate>
            {other?.title}
          </Text>
          {other?.finish_date ? (
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {span(other.start_date ?? other.finish_date, other.finish_date)}
            </Text>
          ) : null}
        </Group>
      </UnstyledButton>
      <Select
        size="xs"
        w={72}
        aria-label={`Link type with ${name}`}
        disabled={readOnly}
        allowDeselect={false}
        data={LINK_TYPES.map((type) => ({ value: type.value, label: type.value }))}
        value={link.type}
        onChange={(type) => type && type !== link.type && change({ type: type as LinkType })}
        comboboxProps={{ width: 160 }}
        renderOption={({ option }) =>
          `${option.value} · ${LINK_TYPES.find((type) => type.value === option.value)?.label}`
        }
      />
      <DaysInput
        key={`${link.id}-${link.lag_days}`}
        label={`Lag with ${name} in working days`}
        value={link.lag_days}
        min={-10_000}
        width={76}
        disabled={readOnly}
        onSave={(lag_days) => change({ lag_days })}
      />
      {readOnly ? null : (
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={`Remove the link with ${name}`}
          onClick={() =>
            writes.remove.mutate(link.id, {
              onError: (error) => notifyError(error, "Couldn't remove the link"),
            })
          }
        >
          <IconX size={14} />
        </ActionIcon>
      )}
    </Group>
  );
}

/** Search any task of the workspace by key or title and link it, with a type and lag. */
function AddLink({
  workspaceId,
  task,
  side,
  linked,
  writes,
}: {
  workspaceId: string;
  task: Task;
  side: Side;
  linked: Set<string>;
  writes: ReturnType<typeof useLinkWrites>;
}) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  const [picked, setPicked] = useState<string | null>(null);
  const [type, setType] = useState<LinkType>("FS");
  const [lag, setLag] = useState<string | number>(0);
  const found = useTaskSearch(workspaceId, debounced);
  const options = (found.data ?? [])
    .filter((each) => each.id !== task.id && !linked.has(each.id))
    .map((each) => ({ value: each.id, label: `${each.key} ${each.title}` }));
  const what = side === "predecessor" ? "predecessor" : "successor";
  const add = () => {
    if (!picked) return;
    writes.add.mutate(
      {
        predecessor_id: side === "predecessor" ? picked : task.id,
        successor_id: side === "predecessor" ? task.id : picked,
        type,
        lag_days: Number(lag) || 0,
      },
      {
        onSuccess: () => {
          setPicked(null);
          setSearch("");
          setLag(0);
          setType("FS");
        },
        onError: (error) => notifyError(error, `Couldn't add the ${what}`),
      },
    );
  };
  return (
    <Group gap="xs" wrap="nowrap" pt={4}>
      <Select
        size="xs"
        flex={1}
        miw={0}
        aria-label={`Add a ${what}`}
        placeholder={`Add a ${what}: type a key or title`}
        leftSection={<IconPlus size={14} />}
        searchable
        clearable
        data={options}
        // The server searched already; keep what it found.
        filter={({ options: all }) => all}
        searchValue={search}
        onSearchChange={setSearch}
        value={picked}
        onChange={setPicked}
        nothingFoundMessage={debounced.trim() ? "No matching task" : "Type to search"}
      />
      <Select
        size="xs"
        w={72}
        aria-label={`Type of the new ${what} link`}
        allowDeselect={false}
        data={LINK_TYPES.map((each) => ({ value: each.value, label: each.value }))}
        value={type}
        onChange={(value) => value && setType(value as LinkType)}
      />
      <NumberInput
        size="xs"
        w={76}
        aria-label={`Lag of the new ${what} link in working days`}
        allowDecimal={false}
        min={-10_000}
        max={10_000}
        suffix=" d"
        value={lag}
        onChange={setLag}
      />
      <Button
        size="xs"
        variant="light"
        disabled={!picked}
        loading={writes.add.isPending}
        onClick={add}
      >
        Add
      </Button>
    </Group>
  );
}

function LinkList({
  workspaceId,
  task,
  side,
  links,
  tasks,
  readOnly,
  taskHref,
  writes,
}: {
  workspaceId: string;
  task: Task;
  side: Side;
  links: Dependency[];
  tasks: Map<string, Task>;
  readOnly: boolean;
  taskHref: (key: string) => string;
  writes: ReturnType<typeof useLinkWrites>;
}) {
  const otherOf = (link: Dependency) =>
    side === "predecessor" ? link.predecessor_id : link.successor_id;
  return (
    <Box>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {side === "predecessor" ? "Predecessors" : "Successors"}
      </Text>
      {links.length === 0 && readOnly ? (
        <Text size="sm" c="dimmed">
          None
        </Text>
      ) : null}
      {links.map((link) => (
        <LinkRow
          key={link.id}
          link={link}
          side={side}
          other={tasks.get(otherOf(link))}
          readOnly={readOnly}
          taskHref={taskHref}
          writes={writes}
        />
      ))}
      {readOnly ? null : (
        <AddLink
          workspaceId={workspaceId}
          task={task}
          side={side}
          linked={new Set(links.map(otherOf))}
          writes={writes}
        />
      )}
    </Box>
  );
}

/**
 * The task's scheduling, as a desktop scheduler's task inspector shows it: duration, mode and
 * constraint; the computed dates and slack; what drives the start; and its links.
 */
export function TaskSchedule({
  workspaceId,
  task,
  readOnly,
  taskHref,
  onChange,
}: {
  workspaceId: string;
  task: Task;
  readOnly: boolean;
  taskHref: (key: string) => string;
  onChange: (changes: TaskUpdate) => void;
}) {
  const links = useTaskLinks(workspaceId, task.id);
  const writes = useLinkWrites(workspaceId);
  const all = links.items ?? [];
  const predecessors = all.filter((link) => link.successor_id === task.id);
  const successors = all.filter((link) => link.predecessor_id === task.id);
  const others = [
    ...predecessors.map((link) => link.predecessor_id),
    ...successors.map((link) => link.successor_id),
  ];
  const tasks = useTasksById(workspaceId, others);
  return (
    <Box>
      <Group justify="space-between" mb={6}>
        <Text size="sm" fw={600}>
          Schedule
        </Text>
        <Group gap={6}>
          {task.finish_after_due && task.due_date ? (
            <Badge size="sm" color="red" variant="light">
              Finishes after due {formatDay(task.due_date)}
            </Badge>
          ) : null}
        </Group>
      </Group>
      <Paper withBorder radius="md" p="sm">
        <Stack gap="sm">
          <ScheduleInputs task={task} readOnly={readOnly} onChange={onChange} />
          <ComputedSchedule
            workspaceId={workspaceId}
            task={task}
            readOnly={readOnly}
            onChange={onChange}
          />
          <LinkList
            workspaceId={workspaceId}
            task={task}
            side="predecessor"
            links={predecessors}
            tasks={tasks}
            readOnly={readOnly}
            taskHref={taskHref}
            writes={writes}
          />
          <LinkList
            workspaceId={workspaceId}
            task={task}
            side="successor"
            links={successors}
            tasks={tasks}
            readOnly={readOnly}
            taskHref={taskHref}
            writes={writes}
          />
        </Stack>
      </Paper>
    </Box>
  );
}
