import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  IconCalendarEvent,
  IconChevronLeft,
  IconChevronRight,
  IconDots,
  IconFileImport,
  IconPencil,
  IconStar,
  IconTrash,
  IconX,
} from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { toApiError } from "@/api/errors";
import { confirmDestructive } from "@/components/confirm";
import { notifyError, notifySuccess } from "@/components/notify";
import { EmptyState, ErrorState, SkeletonRows } from "@/components/states";
import { useReplaceSearchParams, useSearchParam } from "@/hooks/use-search-param";
import { formatDay } from "@/lib/dates";
import { plural } from "@/lib/format";
import {
  type Calendar,
  type CalendarException,
  useCalendars,
  useCalendarUsers,
  useDeleteCalendar,
  useToggleDay,
  useUpdateCalendar,
  useYearExceptions,
} from "../api";
import { describeWeekdays, toggleOf, workingDaysIn } from "../year";
import { CalendarFormModal } from "./calendar-form-modal";
import { ImportIcsModal } from "./import-ics-modal";
import { YearLegend, YearView } from "./year-view";

/** The default first, then by name. */
function byDefaultThenName(a: Calendar, b: Calendar): number {
  if (a.is_default !== b.is_default) return a.is_default ? -1 : 1;
  return a.name.localeCompare(b.name);
}

/** The workspace's calendars, one at a time: its rules, its year of exceptions, who follows it. */
export function CalendarsSettings({
  workspaceId,
  weekStart,
  canEdit,
}: {
  workspaceId: string;
  weekStart: number;
  canEdit: boolean;
}) {
  const calendars = useCalendars(workspaceId);
  const [creating] = useSearchParam("new");
  const [chosen] = useSearchParam("calendar");
  const setParams = useReplaceSearchParams();
  const items = useMemo(
    () => [...(calendars.data?.items ?? [])].sort(byDefaultThenName),
    [calendars.data],
  );
  if (calendars.error) {
    return <ErrorState error={calendars.error} onRetry={() => void calendars.refetch()} />;
  }
  if (!calendars.data) return <SkeletonRows rows={6} />;
  const selected = items.find((each) => each.id === chosen) ?? items[0];
  return (
    <Stack gap="lg">
      <Tabs
        variant="pills"
        value={selected?.id ?? null}
        onChange={(id) => setParams({ calendar: id })}
      >
        <Tabs.List>
          {items.map((calendar) => (
            <Tabs.Tab
              key={calendar.id}
              value={calendar.id}
              leftSection={calendar.is_default ? <IconStar size={14} /> : undefined}
            >
              {calendar.name}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {selected ? (
        <CalendarDetail
          key={selected.id}
          workspaceId={workspaceId}
          calendar={selected}
          weekStart={weekStart}
          canEdit={canEdit}
          onDeleted={() => setParams({ calendar: null })}
        />
      ) : (
        <EmptyState icon={<IconCalendarEvent size={22} />} title="No calendars yet" />
      )}
      {creating === "calendar" && canEdit ? (
        <CalendarFormModal
          workspaceId={workspaceId}
          weekStart={weekStart}
          onClose={() => setParams({ new: null })}
          onSaved={(saved) => setParams({ new: null, calendar: saved.id })}
        />
      ) : null}
    </Stack>
  );
}

function CalendarDetail({
  workspaceId,
  calendar,
  weekStart,
  canEdit,
  onDeleted,
}: {
  workspaceId: string;
  calendar: Calendar;
  weekStart: number;
  canEdit: boolean;
  onDeleted: () => void;
}) {
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [editing, setEditing] = useState(false);
  const [importing, setImporting] = useState(false);
  const [pendingDate, setPendingDate] = useState<string | null>(null);
  const exceptions = useYearExceptions(workspaceId, calendar.id, year);
  const toggle = useToggleDay(workspaceId, calendar.id);
  const update = useUpdateCalendar(workspaceId);
  const remove = useDeleteCalendar(workspaceId);
  const byDate = useMemo(
    () => new Map((exceptions.items ?? []).map((exception) => [exception.date, exception])),
    [exceptions.items],
  );
  const weekdays = calendar.working_weekdays;

  const onToggle = (iso: string) => {
    setPendingDate(iso);
    toggle.mutate(toggleOf(iso, weekdays, byDate), {
      onError: (error) => notifyError(error, "Couldn't change the day"),
      onSettled: () => setPendingDate(null),
    });
  };
  const makeDefault = () =>
    update.mutate(
      { calendar, changes: { is_default: true } },
      {
        onSuccess: (saved) => notifySuccess(`${saved.name} is the workspace default now`),
        onError: (error) => notifyError(error, "Couldn't make it the default"),
      },
    );
  const deleteCalendar = async () => {
    const confirmed = await confirmDestructive({
      title: `Delete ${calendar.name}?`,
      message: "Its holidays and extra working days go with it.",
      confirmLabel: "Delete calendar",
    });
    if (!confirmed) return;
    remove.mutate(calendar, {
      onSuccess: () => {
        notifySuccess(`Deleted ${calendar.name}`);
        onDeleted();
      },
      onError: (error) => {
        const problem = toApiError(error);
        if (problem.code !== "calendar_in_use") return notifyError(error, "Couldn't delete it");
        const users = [
          plural(problem.count("projects") ?? 0, "project"),
          plural(problem.count("resources") ?? 0, "resource"),
        ];
        notifications.show({
          title: `${calendar.name} is in use`,
          message: `${users.join(" and ")} follow it. Move them to another calendar first.`,
          color: "red",
          autoClose: 8000,
        });
      },
    });
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={2} size="h3">
              {calendar.name}
            </Title>
            {calendar.is_default ? (
              <Badge variant="light" color="blue">
                Workspace default
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" c="dimmed">
            {describeWeekdays(weekdays)} · {calendar.hours_per_day} h a day
            {exceptions.isComplete
              ? ` · ${plural(workingDaysIn(year, weekdays, byDate), "working day")} in ${year}`
              : null}
          </Text>
        </Stack>
        {canEdit ? (
          <Group gap="xs" wrap="nowrap">
            <Button
              variant="default"
              leftSection={<IconPencil size={16} />}
              onClick={() => setEditing(true)}
            >
              Edit
            </Button>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="default" size="lg" aria-label="More actions">
                  <IconDots size={16} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  leftSection={<IconStar size={14} />}
                  disabled={calendar.is_default}
                  onClick={makeDefault}
                >
                  Make workspace default
                </Menu.Item>
                <Menu.Item
                  color="red"
                  leftSection={<IconTrash size={14} />}
                  disabled={calendar.is_default}
                  onClick={() => void deleteCalendar()}
                >
                  Delete calendar
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        ) : null}
      </Group>

      <Paper withBorder radius="md" p="lg">
        <Group justify="space-between" mb="md" gap="sm">
          <Group gap={4}>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label="Previous year"
              onClick={() => setYear(year - 1)}
            >
              <IconChevronLeft size={18} />
            </ActionIcon>
            <Text fw={600} size="lg" w={56} ta="center" aria-live="polite">
              {year}
            </Text>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label="Next year"
              onClick={() => setYear(year + 1)}
            >
              <IconChevronRight size={18} />
            </ActionIcon>
          </Group>
          <YearLegend />
          {canEdit ? (
            <Button
              variant="light"
              leftSection={<IconFileImport size={16} />}
              onClick={() => setImporting(true)}
            >
              Import .ics
            </Button>
          ) : null}
        </Group>
        {exceptions.error ? (
          <ErrorState error={exceptions.error} onRetry={() => void exceptions.refetch()} />
        ) : (
          <YearView
            year={year}
            weekStart={weekStart}
            workingWeekdays={weekdays}
            exceptions={byDate}
            pendingDate={pendingDate}
            onToggle={canEdit && exceptions.isComplete ? onToggle : undefined}
          />
        )}
        {canEdit ? (
          <Text size="xs" c="dimmed" mt="md">
            Click a working day to make it a holiday, a day off to make it a working day, and a
            coloured day to set it back.
          </Text>
        ) : null}
      </Paper>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <ExceptionsList
          year={year}
          exceptions={exceptions.items ?? []}
          canEdit={canEdit}
          onRemove={(exception) =>
            toggle.mutate(
              { remove: exception },
              { onError: (error) => notifyError(error, "Couldn't remove it") },
            )
          }
        />
        <UsedBy workspaceId={workspaceId} calendar={calendar} />
      </SimpleGrid>

      {editing ? (
        <CalendarFormModal
          workspaceId={workspaceId}
          calendar={calendar}
          weekStart={weekStart}
          onClose={() => setEditing(false)}
        />
      ) : null}
      {importing ? (
        <ImportIcsModal
          workspaceId={workspaceId}
          calendar={calendar}
          year={year}
          onClose={() => setImporting(false)}
        />
      ) : null}
    </Stack>
  );
}

function ExceptionsList({
  year,
  exceptions,
  canEdit,
  onRemove,
}: {
  year: number;
  exceptions: CalendarException[];
  canEdit: boolean;
  onRemove: (exception: CalendarException) => void;
}) {
  const yearStart = new Date(year, 0, 1);
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={3} size="h5" mb="sm">
        Exceptions in {year}
      </Title>
      {exceptions.length === 0 ? (
        <Text size="sm" c="dimmed">
          None: every day follows the working weekdays.
        </Text>
      ) : (
        <Table verticalSpacing={6} fz="sm">
          <Table.Tbody>
            {exceptions.map((exception) => (
              <Table.Tr key={exception.id}>
                <Table.Td w={90} style={{ whiteSpace: "nowrap" }}>
                  {formatDay(exception.date, yearStart)}
                </Table.Td>
                <Table.Td>
                  {exception.name ? (
                    <Text size="sm" lineClamp={1}>
                      {exception.name}
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      No name
                    </Text>
                  )}
                </Table.Td>
                <Table.Td w={120}>
                  <Badge variant="light" color={exception.working ? "teal" : "red"} size="sm">
                    {exception.working ? "Extra day" : "Holiday"}
                  </Badge>
                </Table.Td>
                {canEdit ? (
                  <Table.Td w={36}>
                    <Tooltip label="Remove">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="sm"
                        aria-label={`Remove ${exception.name || exception.date}`}
                        onClick={() => onRemove(exception)}
                      >
                        <IconX size={14} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function UsedBy({ workspaceId, calendar }: { workspaceId: string; calendar: Calendar }) {
  const users = useCalendarUsers(workspaceId, calendar.id);
  const data = users.data;
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={3} size="h5" mb={4}>
        Used by
      </Title>
      {calendar.is_default ? (
        <Text size="xs" c="dimmed" mb="sm">
          Projects and resources without a calendar of their own follow the default.
        </Text>
      ) : null}
      {users.error ? <ErrorState error={users.error} onRetry={() => void users.refetch()} /> : null}
      {!data && !users.error ? <SkeletonRows rows={3} height={20} /> : null}
      {data ? (
        <Stack gap="md" mt="xs">
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              {plural(data.project_count, "project")}
            </Text>
            {data.projects.length ? (
              <Group gap={6}>
                {data.projects.map((project) => (
                  <Anchor
                    key={project.id}
                    component={Link}
                    to={`/w/${workspaceId}/projects/${project.id}`}
                    size="sm"
                  >
                    <Badge variant="default" tt="none" fw={500} style={{ cursor: "pointer" }}>
                      {project.name}
                    </Badge>
                  </Anchor>
                ))}
                {data.project_count > data.projects.length ? (
                  <Text size="xs" c="dimmed">
                    and {data.project_count - data.projects.length} more
                  </Text>
                ) : null}
              </Group>
            ) : null}
          </Stack>
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              {plural(data.resource_count, "resource")}
            </Text>
            {data.resources.length ? (
              <Group gap={6}>
                {data.resources.map((resource) => (
                  <Badge key={resource.id} variant="default" tt="none" fw={500}>
                    {resource.name}
                  </Badge>
                ))}
                {data.resource_count > data.resources.length ? (
                  <Text size="xs" c="dimmed">
                    and {data.resource_count - data.resources.length} more
                  </Text>
                ) : null}
              </Group>
            ) : null}
          </Stack>
        </Stack>
      ) : null}
    </Paper>
  );
}
