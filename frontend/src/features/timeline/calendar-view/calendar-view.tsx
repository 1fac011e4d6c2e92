// First: FullCalendar injects its styles as its modules load (see the module).
import "./fullcalendar-styles";
import type {
  DatesSetArg,
  DayCellContentArg,
  EventClickArg,
  EventContentArg,
  EventDropArg,
} from "@fullcalendar/core";
import dayGridPlugin from "@fullcalendar/daygrid";
import interactionPlugin, { type EventResizeDoneArg } from "@fullcalendar/interaction";
import FullCalendar from "@fullcalendar/react";
import {
  ActionIcon,
  Button,
  Group,
  Loader,
  SegmentedControl,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import {
  IconCalendarEvent,
  IconChevronLeft,
  IconChevronRight,
  IconPlus,
} from "@tabler/icons-react";
import { useMemo, useRef, useState } from "react";
import type { components } from "@/api/schema";
import { notifyError, notifySuccess } from "@/components/notify";
import { EmptyState, ErrorState, LoadingState } from "@/components/states";
import { formatDay, todayIso } from "@/lib/dates";
import { plural } from "@/lib/format";
import {
  type Task,
  type TaskUpdate,
  usePlanWrites,
  useProjectCalendar,
  useProjectTasks,
  useSchedule,
} from "../api";
import { dayOf, type WorkingCalendar } from "../calendar";
import classes from "./calendar-view.module.css";
import {
  type ColourBy,
  moveChange,
  openingDay,
  resizeChange,
  type TaskEventProps,
  type Tone,
  taskEvents,
} from "./events";

type Project = components["schemas"]["Project"];
type WorkflowStatus = components["schemas"]["WorkflowStatus"];

export interface CalendarViewProps {
  workspaceId: string;
  project: Project;
  statuses: WorkflowStatus[];
  readOnly: boolean;
  /** ISO weekday the week starts on (1 = Monday). */
  weekStart: number;
  onOpenTask: (task: Task) => void;
  onCreateTask: () => void;
}

type ViewName = "dayGridMonth" | "dayGridWeek";

const VIEW_KEY = "worklane.calendar.view";
const COLOUR_KEY = "worklane.calendar.colour";

function saved<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  try {
    const value = localStorage.getItem(key);
    return allowed.find((each) => each === value) ?? fallback;
  } catch {
    return fallback;
  }
}

function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage can be unavailable (private mode): the choice then lasts this visit only.
  }
}

/** The project's calendar: loads the tasks, schedule and working days, then hands them over. */
export function CalendarView(props: CalendarViewProps) {
  const { workspaceId, project } = props;
  const tasks = useProjectTasks(workspaceId, project.id);
  const schedule = useSchedule(workspaceId, project.id);
  const calendar = useProjectCalendar(workspaceId, project.calendar_id);
  const error = tasks.error ?? schedule.error ?? calendar.error;
  if (error) {
    return (
      <ErrorState
        error={error}
        onRetry={() => {
          void tasks.refetch();
          void schedule.refetch();
        }}
      />
    );
  }
  if (!tasks.isComplete || !tasks.items || !calendar.calendar) {
    return <LoadingState label="Loading the calendar…" />;
  }
  if (tasks.items.length === 0) {
    return (
      <EmptyState
        icon={<IconCalendarEvent size={22} />}
        title="Nothing on the calendar yet"
        description="Add tasks with start dates and durations: the calendar shows when each runs, and dragging one moves it."
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
    <MonthWeekCalendar
      {...props}
      tasks={tasks.items}
      schedule={schedule.data}
      calendar={calendar.calendar}
      exceptionNames={calendar.exceptionNames}
    />
  );
}

const TONE_CLASS: Record<Tone, string | undefined> = {
  backlog: classes.toneBacklog,
  todo: classes.toneTodo,
  in_progress: classes.toneInProgress,
  done: classes.toneDone,
  cancelled: classes.toneCancelled,
  critical: classes.toneCritical,
  normal: classes.toneNormal,
};

function MonthWeekCalendar({
  workspaceId,
  statuses,
  readOnly,
  weekStart,
  onOpenTask,
  tasks,
  schedule,
  calendar,
  exceptionNames,
}: CalendarViewProps & {
  tasks: Task[];
  schedule: components["schemas"]["Schedule"] | undefined;
  calendar: WorkingCalendar;
  exceptionNames: ReadonlyMap<string, string>;
}) {
  const ref = useRef<FullCalendar>(null);
  const [view, setView] = useState<ViewName>(() =>
    saved(VIEW_KEY, ["dayGridMonth", "dayGridWeek"], "dayGridMonth"),
  );
  const [colourBy, setColourBy] = useState<ColourBy>(() =>
    saved(COLOUR_KEY, ["status", "critical"], "status"),
  );
  const [title, setTitle] = useState("");
  const [saving, setSaving] = useState(false);
  const writes = usePlanWrites(workspaceId);
  const tasksById = useMemo(() => new Map(tasks.map((task) => [task.id, task])), [tasks]);
  const { events, undated } = useMemo(
    () => taskEvents(tasks, schedule, statuses, { colourBy, readOnly }),
    [tasks, schedule, statuses, colourBy, readOnly],
  );
  // Where it opens is decided once: a refetch after a drag must not jump the view away.
  const [initialDate] = useState(() => openingDay(events, todayIso()));
  const api = () => ref.current?.getApi();

  const changeView = (next: ViewName) => {
    setView(next);
    remember(VIEW_KEY, next);
    api()?.changeView(next);
  };
  const changeColour = (next: ColourBy) => {
    setColourBy(next);
    remember(COLOUR_KEY, next);
  };

  /** Sends one change; the server reschedules and the refetch redraws every task it moved.
   * A refusal puts the event back where it was and says why. */
  const save = async (
    task: Task,
    changes: TaskUpdate,
    revert: () => void,
    said: (saved: Task) => string,
  ) => {
    setSaving(true);
    try {
      const result = await writes.updateTask(task.id, changes);
      notifySuccess(said(result));
    } catch (error) {
      revert();
      notifyError(error, `Couldn't change ${task.key}`);
    } finally {
      setSaving(false);
    }
  };

  const onDrop = (info: EventDropArg) => {
    const task = tasksById.get(info.event.id);
    const change = task && moveChange(task, info.event.startStr, calendar);
    if (!task || !change) {
      info.revert();
      return;
    }
    void save(task, change, info.revert, (saved) =>
      saved.start_date
        ? `${task.key} now starts ${formatDay(saved.start_date)}`
        : `${task.key} moved`,
    );
  };

  const onResize = (info: EventResizeDoneArg) => {
    const task = tasksById.get(info.event.id);
    const change = task && info.event.endStr && resizeChange(task, info.event.endStr, calendar);
    if (!task || !change) {
      info.revert();
      return;
    }
    void save(
      task,
      change,
      info.revert,
      (saved) => `${task.key} now lasts ${plural(saved.duration_days, "working day")}`,
    );
  };

  const onClick = (info: EventClickArg) => {
    info.jsEvent.preventDefault();
    const task = tasksById.get(info.event.id);
    if (task) onOpenTask(task);
  };

  const dayClasses = ({ date }: DayCellContentArg) => {
    const day = dayOf(isoDate(date));
    if (calendar.isWorking(day)) return [];
    return [(calendar.isException(day) ? classes.holiday : classes.nonWorking) ?? ""];
  };

  return (
    <div className={classes.root}>
      <Group justify="space-between" mb="sm" wrap="wrap" gap="sm">
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="default" onClick={() => api()?.today()}>
            Today
          </Button>
          <ActionIcon.Group>
            <ActionIcon
              variant="default"
              size="md"
              aria-label={view === "dayGridMonth" ? "Previous month" : "Previous week"}
              onClick={() => api()?.prev()}
            >
              <IconChevronLeft size={16} />
            </ActionIcon>
            <ActionIcon
              variant="default"
              size="md"
              aria-label={view === "dayGridMonth" ? "Next month" : "Next week"}
              onClick={() => api()?.next()}
            >
              <IconChevronRight size={16} />
            </ActionIcon>
          </ActionIcon.Group>
          <Title order={3} size="h4" fw={600} aria-live="polite" miw={180}>
            {title}
          </Title>
          {saving ? <Loader size="xs" aria-label="Saving" /> : null}
        </Group>
        <Group gap="sm" wrap="nowrap">
          {undated > 0 ? (
            <Tooltip label="Give them a start date to see them here" withArrow>
              <Text size="xs" c="dimmed">
                {plural(undated, "task")} without dates
              </Text>
            </Tooltip>
          ) : null}
          <SegmentedControl
            size="xs"
            aria-label="Colour by"
            value={colourBy}
            onChange={(value) => changeColour(value as ColourBy)}
            data={[
              { value: "status", label: "By status" },
              { value: "critical", label: "Critical path" },
            ]}
          />
          <SegmentedControl
            size="xs"
            aria-label="Calendar range"
            value={view}
            onChange={(value) => changeView(value as ViewName)}
            data={[
              { value: "dayGridMonth", label: "Month" },
              { value: "dayGridWeek", label: "Week" },
            ]}
          />
        </Group>
      </Group>
      <div className={classes.frame} data-view={view}>
        <FullCalendar
          ref={ref}
          plugins={[dayGridPlugin, interactionPlugin]}
          initialView={view}
          initialDate={initialDate}
          headerToolbar={false}
          // A month grows to show six rows of bars a week (more open from "+n more"); a week
          // fills the frame and scrolls inside it.
          height={view === "dayGridMonth" ? "auto" : "100%"}
          firstDay={weekStart % 7}
          fixedWeekCount={false}
          events={events}
          eventOrder="start,-duration,title"
          editable={!readOnly}
          eventInteractive
          eventResizableFromStart={false}
          views={{
            dayGridMonth: { dayMaxEventRows: 6 },
            dayGridWeek: {
              dayMaxEvents: false,
              dayHeaderFormat: { weekday: "short", day: "numeric", month: "short" },
            },
          }}
          datesSet={(info: DatesSetArg) => setTitle(info.view.title)}
          eventDrop={onDrop}
          eventResize={onResize}
          eventClick={onClick}
          eventClassNames={eventClasses}
          eventContent={EventBody}
          dayCellClassNames={dayClasses}
          dayCellContent={(arg: DayCellContentArg) => (
            <DayNumber
              arg={arg}
              holiday={exceptionNames.get(isoDate(arg.date))}
              calendar={calendar}
            />
          )}
        />
      </div>
      <Legend colourBy={colourBy} readOnly={readOnly} />
    </div>
  );
}

/** A FullCalendar date (local midnight of an all-day cell) as `2026-03-02`. */
function isoDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, "0");
  const day = String(date.getDate()).padStart(2, "0");
  return `${date.getFullYear()}-${month}-${day}`;
}

function propsOf(arg: EventContentArg): TaskEventProps {
  return arg.event.extendedProps as TaskEventProps;
}

function eventClasses(arg: EventContentArg): string[] {
  const props = propsOf(arg);
  return [
    classes.event,
    TONE_CLASS[props.tone],
    props.kind === "milestone" ? classes.milestone : undefined,
    props.kind === "summary" ? classes.summary : undefined,
    props.done ? classes.done : undefined,
  ].filter((name): name is string => Boolean(name));
}

function tooltipOf(arg: EventContentArg): string {
  const props = propsOf(arg);
  const start = arg.event.startStr;
  const when =
    props.kind === "milestone"
      ? `milestone on ${formatDay(start)}`
      : `${formatDay(start)} – ${formatDay(props.finish)}${
          props.duration === null ? "" : `, ${plural(props.duration, "working day")}`
        }`;
  const slack =
    props.slack === null ? "" : props.slack === 0 ? " · critical" : ` · ${props.slack}d slack`;
  return `${props.key} ${arg.event.title}\n${when}${slack}`;
}

function EventBody(arg: EventContentArg) {
  const props = propsOf(arg);
  return (
    <div className={classes.eventBody} data-task-key={props.key} title={tooltipOf(arg)}>
      {props.kind === "milestone" ? <span className={classes.diamond} aria-hidden /> : null}
      <span className={classes.eventKey}>{props.key}</span>
      <span className={classes.eventTitle}>{arg.event.title}</span>
    </div>
  );
}

function DayNumber({
  arg,
  holiday,
  calendar,
}: {
  arg: DayCellContentArg;
  holiday: string | undefined;
  calendar: WorkingCalendar;
}) {
  const closed = holiday && !calendar.isWorking(dayOf(isoDate(arg.date)));
  return (
    <span className={classes.dayNumber}>
      {holiday ? (
        <span className={classes.holidayName} title={holiday}>
          {closed ? holiday : `${holiday} (working)`}
        </span>
      ) : null}
      {arg.dayNumberText}
    </span>
  );
}

function Legend({ colourBy, readOnly }: { colourBy: ColourBy; readOnly: boolean }) {
  const swatches: [string | undefined, string][] =
    colourBy === "status"
      ? [
          [classes.toneTodo, "To do"],
          [classes.toneInProgress, "In progress"],
          [classes.toneDone, "Done"],
        ]
      : [
          [classes.toneCritical, "Critical path"],
          [classes.toneNormal, "Has slack"],
        ];
  return (
    <Group gap="md" mt="xs" px={4} className={classes.legend}>
      {swatches.map(([tone, label]) => (
        <Group key={label} gap={6} wrap="nowrap">
          <span className={`${classes.swatch} ${tone ?? ""}`} />
          <Text size="xs" c="dimmed">
            {label}
          </Text>
        </Group>
      ))}
      <Group gap={6} wrap="nowrap">
        <span className={classes.diamond} />
        <Text size="xs" c="dimmed">
          Milestone
        </Text>
      </Group>
      <Group gap={6} wrap="nowrap">
        <span className={`${classes.swatch} ${classes.summarySwatch}`} />
        <Text size="xs" c="dimmed">
          Summary
        </Text>
      </Group>
      <Group gap={6} wrap="nowrap">
        <span className={`${classes.swatch} ${classes.nonWorkingSwatch}`} />
        <Text size="xs" c="dimmed">
          Non-working day
        </Text>
      </Group>
      {readOnly ? null : (
        <Text size="xs" c="dimmed" ml="auto">
          Drag a task to move its start · drag its right edge to change its duration
        </Text>
      )}
    </Group>
  );
}

export default CalendarView;
