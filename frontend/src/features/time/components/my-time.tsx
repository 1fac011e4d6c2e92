import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import {
  IconChevronLeft,
  IconChevronRight,
  IconClockPlus,
  IconLock,
  IconMessageExclamation,
  IconPencil,
  IconSend,
  IconTrash,
} from "@tabler/icons-react";
import { useState } from "react";
import { useMemberDirectory, useProjectDirectory } from "@/api/directory";
import { isApiError } from "@/api/errors";
import { confirmDestructive } from "@/components/confirm";
import { IconAction } from "@/components/icon-action";
import { notifyError, notifySuccess } from "@/components/notify";
import { ErrorState, SkeletonRows } from "@/components/states";
import { addDays, formatDay, fromIso, todayIso } from "@/lib/dates";
import { formatDateTime } from "@/lib/format";
import {
  type TimeEntry,
  type Timesheet,
  useDeleteTimeEntry,
  useSubmitWeek,
  useTasksById,
  useTimeEntries,
  useWeekTimesheet,
  useWorkTypes,
} from "../api";
import { formatMinutes } from "../duration";
import { weekDays, weekStartOf } from "../week";
import classes from "./time.module.css";
import { TimeEntryModal } from "./time-entry-modal";
import { WeekTable } from "./week-table";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const longDay = new Intl.DateTimeFormat(undefined, {
  weekday: "long",
  month: "short",
  day: "numeric",
});

/** "Nov 23 – 29, 2026" */
export function formatWeek(start: string): string {
  const end = addDays(start, 6);
  const format = new Intl.DateTimeFormat(undefined, {
    month: "short",
    day: "numeric",
    year: "numeric",
  });
  return format.formatRange(fromIso(start), fromIso(end));
}

export const STATUS_LABEL: Record<Timesheet["status"], string> = {
  draft: "Open",
  submitted: "Submitted",
  approved: "Approved",
  rejected: "Rejected",
};

export const STATUS_COLOR: Record<Timesheet["status"], string> = {
  draft: "gray",
  submitted: "blue",
  approved: "teal",
  rejected: "orange",
};

export function isLocked(sheet: Timesheet | null | undefined): boolean {
  return sheet?.status === "submitted" || sheet?.status === "approved";
}

/**
 * The signed-in member's week: the grid of logged time, the entries day by day, and the
 * timesheet's state. Submitted and approved weeks are read-only.
 */
export function MyTime({
  workspaceId,
  memberId,
  weekStartDay,
  week,
  onWeekChange,
  adding,
  onAddingChange,
  readOnlyRole = false,
}: {
  workspaceId: string;
  memberId: string | undefined;
  /** The workspace's first day of the week, ISO weekday 1-7. */
  weekStartDay: number;
  /** The first day of the week shown; null shows this week. */
  week: string | null;
  onWeekChange: (start: string | null) => void;
  adding: boolean;
  onAddingChange: (adding: boolean) => void;
  readOnlyRole?: boolean;
}) {
  const today = todayIso();
  const thisWeek = weekStartOf(today, weekStartDay);
  const start = week && ISO_DAY.test(week) ? weekStartOf(week, weekStartDay) : thisWeek;
  const end = addDays(start, 6);
  const entries = useTimeEntries(workspaceId, memberId ? { memberId, from: start, to: end } : null);
  const sheet = useWeekTimesheet(workspaceId, memberId, start);
  const submit = useSubmitWeek(workspaceId);
  const [editingId, setEditingId] = useState<string | null>(null);
  const items = entries.items ?? [];
  const editing = items.find((entry) => entry.id === editingId) ?? null;
  const locked = isLocked(sheet.data);
  const status = sheet.data?.status ?? "draft";
  const total = items.reduce((sum, entry) => sum + entry.minutes, 0);
  const canEdit = !locked && !readOnlyRole;
  const defaultDay = today >= start && today <= end ? today : start;

  const goTo = (next: string) => onWeekChange(next === thisWeek ? null : next);

  const submitWeek = () =>
    submit.mutate(start, {
      onSuccess: () => notifySuccess("Week submitted for approval"),
      onError: (error) => notifyError(error, "Couldn't submit the week"),
    });

  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="xs" wrap="nowrap">
          <IconAction
            tooltip="Previous week"
            variant="default"
            size="lg"
            onClick={() => goTo(addDays(start, -7))}
            icon={<IconChevronLeft size={16} />}
          />
          <IconAction
            tooltip="Next week"
            variant="default"
            size="lg"
            onClick={() => goTo(addDays(start, 7))}
            icon={<IconChevronRight size={16} />}
          />
          <Button
            variant="default"
            onClick={() => onWeekChange(null)}
            disabled={start === thisWeek}
          >
            This week
          </Button>
          <Title order={2} size="h3" ml="xs">
            {formatWeek(start)}
          </Title>
          <Badge
            color={STATUS_COLOR[status]}
            variant="light"
            leftSection={locked ? <IconLock size={12} /> : undefined}
            aria-label={`Timesheet status: ${STATUS_LABEL[status]}`}
          >
            {STATUS_LABEL[status]}
          </Badge>
        </Group>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            Week total{" "}
            <Text span fw={700} c="var(--mantine-color-text)" className={classes.num}>
              {formatMinutes(total)}
            </Text>
          </Text>
          {canEdit ? (
            <>
              <Button
                variant="default"
                leftSection={<IconSend size={15} />}
                onClick={submitWeek}
                loading={submit.isPending}
              >
                Submit week
              </Button>
              <Button
                leftSection={<IconClockPlus size={16} />}
                onClick={() => onAddingChange(true)}
              >
                Add time
              </Button>
            </>
          ) : null}
        </Group>
      </Group>

      <SheetBanner workspaceId={workspaceId} sheet={sheet.data ?? null} />

      {entries.isPending && memberId ? (
        <SkeletonRows rows={5} height={36} />
      ) : entries.isError && !entries.items ? (
        <ErrorState error={entries.error} onRetry={() => entries.refetch()} />
      ) : (
        <>
          <WeekTable
            workspaceId={workspaceId}
            weekStart={start}
            entries={items}
            label={`Time logged in the week of ${formatWeek(start)}`}
          />
          <EntryList
            workspaceId={workspaceId}
            weekStart={start}
            entries={items}
            canEdit={canEdit}
            onEdit={(entry) => setEditingId(entry.id)}
          />
        </>
      )}

      <TimeEntryModal
        workspaceId={workspaceId}
        opened={adding || editing !== null}
        entry={editing}
        defaults={{ date: defaultDay }}
        onClose={() => {
          setEditingId(null);
          onAddingChange(false);
        }}
      />
    </Stack>
  );
}

/** Why a week cannot change, or what the reviewer said when they sent it back. */
function SheetBanner({ workspaceId, sheet }: { workspaceId: string; sheet: Timesheet | null }) {
  const members = useMemberDirectory(workspaceId);
  if (!sheet || sheet.status === "draft") return null;
  const reviewer = sheet.decided_by ? members.byId.get(sheet.decided_by)?.name : undefined;
  if (sheet.status === "rejected") {
    return (
      <Alert
        color="orange"
        variant="light"
        icon={<IconMessageExclamation size={18} />}
        title={`Returned for changes${reviewer ? ` by ${reviewer}` : ""}`}
      >
        <Stack gap={4}>
          {sheet.comment ? (
            <Text size="sm" fs="italic">
              “{sheet.comment}”
            </Text>
          ) : null}
          <Text size="sm">Fix the entries, then submit the week again.</Text>
        </Stack>
      </Alert>
    );
  }
  const approved = sheet.status === "approved";
  return (
    <Alert
      color={approved ? "teal" : "blue"}
      variant="light"
      icon={<IconLock size={18} />}
      title={approved ? "This week is approved and locked" : "This week is submitted for approval"}
    >
      <Text size="sm">
        {approved
          ? `Approved${reviewer ? ` by ${reviewer}` : ""}${
              sheet.decided_at ? ` on ${formatDateTime(sheet.decided_at)}` : ""
            }. Its time can't change unless an admin reopens it.`
          : `Submitted${
              sheet.submitted_at ? ` on ${formatDateTime(sheet.submitted_at)}` : ""
            }. Its time is read-only until it is approved or sent back.`}
      </Text>
    </Alert>
  );
}

/** The week's entries, day by day, each with its details and actions. */
function EntryList({
  workspaceId,
  weekStart,
  entries,
  canEdit,
  onEdit,
}: {
  workspaceId: string;
  weekStart: string;
  entries: readonly TimeEntry[];
  canEdit: boolean;
  onEdit: (entry: TimeEntry) => void;
}) {
  const projects = useProjectDirectory(workspaceId);
  const workTypes = useWorkTypes(workspaceId);
  const tasks = useTasksById(
    workspaceId,
    entries.map((entry) => entry.task_id),
  );
  const remove = useDeleteTimeEntry(workspaceId);
  const days = weekDays(weekStart).filter((day) => entries.some((entry) => entry.date === day));
  if (days.length === 0) return null;

  const deleteEntry = async (entry: TimeEntry) => {
    const ok = await confirmDestructive({
      title: "Delete this entry?",
      message: `${formatMinutes(entry.minutes)} on ${formatDay(entry.date)} is removed from your week.`,
      confirmLabel: "Delete entry",
    });
    if (!ok) return;
    remove.mutate(entry, {
      onSuccess: () => notifySuccess("Entry deleted"),
      onError: (error) =>
        isApiError(error) && error.isStale
          ? notifyError(
              new Error("It was changed elsewhere; we loaded the latest version. Try again."),
              "Entry not deleted",
            )
          : notifyError(error, "Couldn't delete the entry"),
    });
  };

  return (
    <Stack gap={0} component="section" aria-label="Entries">
      <Title order={3} mb="sm">
        Entries
      </Title>
      {days.map((day) => {
        const ofDay = entries.filter((entry) => entry.date === day);
        const dayTotal = ofDay.reduce((sum, entry) => sum + entry.minutes, 0);
        return (
          <Stack key={day} gap={6} className={classes.dayGroup}>
            <Group justify="space-between">
              <Text size="sm" fw={600}>
                {longDay.format(fromIso(day))}
              </Text>
              <Text size="sm" c="dimmed" className={classes.num}>
                {formatMinutes(dayTotal)}
              </Text>
            </Group>
            {ofDay.map((entry) => {
              const project = projects.byId.get(entry.project_id);
              const task = entry.task_id ? tasks.get(entry.task_id) : undefined;
              const workType = workTypes.data?.find((each) => each.key === entry.work_type);
              const what = task ? `${task.key} ${task.title}` : (project?.name ?? "Project");
              return (
                <Paper
                  key={entry.id}
                  withBorder
                  radius="md"
                  px="md"
                  py={8}
                  data-testid="time-entry"
                >
                  <Group justify="space-between" wrap="nowrap" gap="md">
                    <Group gap="md" wrap="nowrap" miw={0}>
                      <Text fw={700} className={classes.num} w={48}>
                        {formatMinutes(entry.minutes)}
                      </Text>
                      <Stack gap={0} miw={0}>
                        <Text size="sm" truncate>
                          {project ? (
                            <Text span ff="monospace" size="xs" c="dimmed" mr={6}>
                              {project.key}
                            </Text>
                          ) : null}
                          {task ? `${task.key} ${task.title}` : (project?.name ?? "Project")}
                        </Text>
                        {entry.description ? (
                          <Text size="xs" c="dimmed" truncate>
                            {entry.description}
                          </Text>
                        ) : null}
                      </Stack>
                    </Group>
                    <Group gap={6} wrap="nowrap">
                      {workType ? (
                        <Badge variant="default" size="sm">
                          {workType.name}
                        </Badge>
                      ) : null}
                      {entry.billable ? (
                        <Badge variant="light" color="teal" size="sm">
                          Billable
                        </Badge>
                      ) : null}
                      {canEdit ? (
                        <>
                          <IconAction
                            tooltip="Edit"
                            label={`Edit ${formatMinutes(entry.minutes)} on ${what}`}
                            onClick={() => onEdit(entry)}
                            icon={<IconPencil size={16} />}
                          />
                          <IconAction
                            tooltip="Delete"
                            color="red"
                            label={`Delete ${formatMinutes(entry.minutes)} on ${what}`}
                            onClick={() => deleteEntry(entry)}
                            icon={<IconTrash size={16} />}
                          />
                        </>
                      ) : null}
                    </Group>
                  </Group>
                </Paper>
              );
            })}
          </Stack>
        );
      })}
    </Stack>
  );
}
