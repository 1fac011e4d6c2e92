import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  SegmentedControl,
  Switch,
  Text,
  Tooltip,
} from "@mantine/core";
import { IconArrowBackUp, IconColumns3, IconFlag, IconTarget } from "@tabler/icons-react";
import { plural } from "@/lib/format";
import type { Schedule } from "../api";
import { dayOf, type WorkingCalendar } from "../calendar";
import { shortDate, ZOOMS, type Zoom } from "../geometry";
import type { Column, ColumnId } from "../hooks/use-columns";

const ZOOM_LABELS: Record<Zoom, string> = {
  day: "Day",
  week: "Week",
  month: "Month",
  quarter: "Quarter",
};

/** The project's finish and how it stands against the target date. */
function FinishSummary({
  schedule,
  finish,
  target,
  calendar,
}: {
  schedule: Schedule | undefined;
  finish: number | null;
  target: number | null;
  calendar: WorkingCalendar;
}) {
  if (!schedule || finish === null) return null;
  const slip = target === null ? null : calendar.workingDaysBetween(target, finish);
  const critical = schedule.tasks.filter((task) => task.critical).length;
  return (
    <Group gap={8} wrap="nowrap" data-testid="schedule-summary">
      <Text size="sm" fw={600}>
        Finish {shortDate(finish)}
      </Text>
      {slip === null || target === null ? (
        <Text size="xs" c="dimmed">
          no target date
        </Text>
      ) : slip > 0 ? (
        <Badge color="red" variant="light" leftSection={<IconTarget size={12} />}>
          {plural(slip, "working day")} late for {shortDate(target)}
        </Badge>
      ) : (
        <Badge color="teal" variant="light" leftSection={<IconTarget size={12} />}>
          {slip === 0 ? "on target" : `${plural(-slip, "working day")} ahead of`}{" "}
          {shortDate(target)}
        </Badge>
      )}
      <Text size="xs" c="dimmed">
        {plural(critical, "critical task")}
      </Text>
      {schedule.violations.length ? (
        <Tooltip
          label={schedule.violations
            .map(
              (v) =>
                `${v.key}: finishes ${shortDate(dayOf(v.early_finish))}, due by ${shortDate(dayOf(v.constraint_date))}`,
            )
            .join(" · ")}
        >
          <Badge color="red" variant="filled" leftSection={<IconFlag size={12} />}>
            {plural(schedule.violations.length, "deadline")} missed
          </Badge>
        </Tooltip>
      ) : null}
    </Group>
  );
}

export function TimelineToolbar({
  zoom,
  onZoom,
  showCritical,
  onShowCritical,
  draftOn,
  onDraft,
  readOnly,
  onToday,
  onProjectStart,
  undoLabel,
  onUndo,
  columns,
  onToggleColumn,
  schedule,
  finish,
  target,
  calendar,
  taskCount,
}: {
  zoom: Zoom;
  onZoom: (zoom: Zoom) => void;
  showCritical: boolean;
  onShowCritical: (on: boolean) => void;
  draftOn: boolean;
  onDraft: (on: boolean) => void;
  readOnly: boolean;
  onToday: () => void;
  onProjectStart: () => void;
  undoLabel: string | null;
  onUndo: () => void;
  columns: Column[];
  onToggleColumn: (id: ColumnId) => void;
  schedule: Schedule | undefined;
  finish: number | null;
  target: number | null;
  calendar: WorkingCalendar;
  taskCount: number;
}) {
  return (
    <Group justify="space-between" gap="sm" mb={8} wrap="wrap">
      <Group gap="md" wrap="nowrap">
        <FinishSummary schedule={schedule} finish={finish} target={target} calendar={calendar} />
        <Text size="xs" c="dimmed" visibleFrom="lg">
          {plural(taskCount, "task")}
        </Text>
      </Group>
      <Group gap="sm" wrap="nowrap">
        {readOnly ? null : (
          <Switch
            size="sm"
            color="orange"
            label="Draft"
            checked={draftOn}
            onChange={(event) => onDraft(event.currentTarget.checked)}
          />
        )}
        <Switch
          size="sm"
          color="red"
          label="Critical path"
          checked={showCritical}
          onChange={(event) => onShowCritical(event.currentTarget.checked)}
        />
        <SegmentedControl
          size="xs"
          value={zoom}
          onChange={(value) => onZoom(value as Zoom)}
          data={ZOOMS.map((value) => ({ value, label: ZOOM_LABELS[value] }))}
          aria-label="Zoom"
        />
        <Button.Group>
          <Button size="xs" variant="default" onClick={onToday}>
            Today
          </Button>
          <Button size="xs" variant="default" onClick={onProjectStart}>
            Project start
          </Button>
        </Button.Group>
        {readOnly ? null : (
          <Tooltip label={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : "Nothing to undo"}>
            <ActionIcon
              variant="default"
              size="md"
              aria-label={undoLabel ? `Undo ${undoLabel}` : "Undo"}
              disabled={!undoLabel}
              onClick={onUndo}
            >
              <IconArrowBackUp size={16} />
            </ActionIcon>
          </Tooltip>
        )}
        <Menu closeOnItemClick={false} position="bottom-end">
          <Menu.Target>
            <Tooltip label="Columns">
              <ActionIcon variant="default" size="md" aria-label="Columns">
                <IconColumns3 size={16} />
              </ActionIcon>
            </Tooltip>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>Show columns</Menu.Label>
            {columns.map((column) => (
              <Menu.Item
                key={column.id}
                onClick={() => onToggleColumn(column.id)}
                disabled={column.id === "title"}
              >
                <Checkbox
                  size="xs"
                  label={column.id === "duration" ? "Duration" : column.label}
                  checked={column.visible}
                  readOnly
                  tabIndex={-1}
                />
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Group>
  );
}
