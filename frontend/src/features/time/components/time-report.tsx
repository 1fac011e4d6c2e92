import { Button, Group, Select, Stack, Table, TextInput } from "@mantine/core";
import { IconClockHour4, IconDownload } from "@tabler/icons-react";
import { useMemberDirectory, useProjectDirectory, useTeamDirectory } from "@/api/directory";
import { DataTable } from "@/components/data-table";
import { MemberSelect } from "@/components/member-select";
import { notifyError } from "@/components/notify";
import { ProjectSelect } from "@/components/project-select";
import { EmptyState, ErrorState, SkeletonRows } from "@/components/states";
import { TeamSelect } from "@/components/team-select";
import { formatDay, fromIso } from "@/lib/dates";
import { saveFile } from "@/lib/download";
import { formatMoney } from "@/lib/format";
import {
  type TimeReport,
  type TimeReportRow,
  useTasksById,
  useTimeReport,
  useTimeReportCsv,
  useWorkTypes,
} from "../api";
import { formatMinutes } from "../duration";
import {
  DIMENSION_LABEL,
  type Dimension,
  type ReportFilters,
  useReportFilters,
} from "../report-filters";
import { GroupByPicker } from "./group-by-picker";
import { formatWeek } from "./my-time";
import classes from "./time.module.css";

/** The row key that carries each dimension's value. */
const FIELD: Record<Dimension, keyof TimeReportRow> = {
  project: "project_id",
  task: "task_id",
  member: "member_id",
  team: "team_id",
  work_type: "work_type",
  billable: "billable",
  day: "day",
  week: "week",
  month: "month",
};

const BILLABLE_CHOICES = [
  { value: "all", label: "All time" },
  { value: "true", label: "Billable" },
  { value: "false", label: "Not billable" },
];

const monthFormat = new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric" });

/** Logged time in a date range, grouped by the chosen dimensions, with a CSV of the same. */
export function TimeReportView({ workspaceId }: { workspaceId: string }) {
  const [filters, setFilters] = useReportFilters();
  const rangeIsValid = filters.from <= filters.to;
  const report = useTimeReport(workspaceId, rangeIsValid ? filters : null);
  const csv = useTimeReportCsv(workspaceId);

  const download = () =>
    csv.mutate(filters, {
      onSuccess: (file) => saveFile(file, `worklane-time-${filters.from}-${filters.to}.csv`),
      onError: (error) => notifyError(error, "Couldn't download the report"),
    });

  return (
    <Stack gap="lg">
      <ReportFilterBar
        workspaceId={workspaceId}
        filters={filters}
        onChange={setFilters}
        rangeError={rangeIsValid ? null : "Ends before it starts."}
      />
      <Group justify="space-between" align="flex-start">
        <GroupByPicker value={filters.groupBy} onChange={(groupBy) => setFilters({ groupBy })} />
        <Button
          variant="default"
          leftSection={<IconDownload size={15} />}
          onClick={download}
          loading={csv.isPending}
          disabled={!rangeIsValid}
        >
          Download CSV
        </Button>
      </Group>
      {!rangeIsValid ? null : report.isPending ? (
        <SkeletonRows rows={4} height={36} />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => report.refetch()} />
      ) : report.data.rows.length === 0 ? (
        <EmptyState
          icon={<IconClockHour4 size={22} />}
          title="No time logged"
          description={`Nothing was logged from ${formatDay(filters.from)} to ${formatDay(filters.to)} that matches these filters.`}
        />
      ) : (
        <TimeReportTable
          workspaceId={workspaceId}
          groupBy={filters.groupBy}
          report={report.data}
          label={`Time from ${formatDay(filters.from)} to ${formatDay(filters.to)}`}
        />
      )}
    </Stack>
  );
}

function ReportFilterBar({
  workspaceId,
  filters,
  onChange,
  rangeError,
}: {
  workspaceId: string;
  filters: ReportFilters;
  onChange: (changes: Partial<ReportFilters>) => void;
  rangeError: string | null;
}) {
  return (
    <Group gap="sm" align="flex-start">
      <TextInput
        type="date"
        label="From"
        w={160}
        value={filters.from}
        onChange={(event) =>
          event.currentTarget.value && onChange({ from: event.currentTarget.value })
        }
      />
      <TextInput
        type="date"
        label="To"
        w={160}
        value={filters.to}
        error={rangeError}
        onChange={(event) =>
          event.currentTarget.value && onChange({ to: event.currentTarget.value })
        }
      />
      <ProjectSelect
        workspaceId={workspaceId}
        withArchived
        value={filters.projectId ?? ""}
        onChange={(projectId) => onChange({ projectId: projectId || null })}
        placeholder="All projects"
        clearable
      />
      <MemberSelect
        workspaceId={workspaceId}
        label="Member"
        placeholder="Everyone"
        value={filters.memberId}
        onChange={(memberId) => onChange({ memberId })}
      />
      <TeamSelect
        workspaceId={workspaceId}
        placeholder="All teams"
        value={filters.teamId}
        onChange={(teamId) => onChange({ teamId })}
      />
      <Select
        label="Billable"
        w={150}
        data={BILLABLE_CHOICES}
        value={filters.billable === null ? "all" : String(filters.billable)}
        onChange={(choice) =>
          onChange({ billable: choice === "true" ? true : choice === "false" ? false : null })
        }
        allowDeselect={false}
      />
    </Group>
  );
}

/** A name for each dimension's value in a row: ids become names, days become dates. */
function useDimensionNames(workspaceId: string, rows: readonly TimeReportRow[]) {
  const projects = useProjectDirectory(workspaceId);
  const members = useMemberDirectory(workspaceId);
  const teams = useTeamDirectory(workspaceId);
  const workTypes = useWorkTypes(workspaceId);
  const tasks = useTasksById(
    workspaceId,
    rows.map((row) => row.task_id ?? null),
  );

  return (dimension: Dimension, row: TimeReportRow): string => {
    switch (dimension) {
      case "project":
        return row.project_id
          ? (projects.byId.get(row.project_id)?.name ?? "Project")
          : "No project";
      case "task": {
        if (!row.task_id) return "No task";
        const task = tasks.get(row.task_id);
        return task ? `${task.key} ${task.title}` : "Task";
      }
      case "member":
        return row.member_id
          ? (members.byId.get(row.member_id)?.name ?? "Former member")
          : "No member";
      case "team":
        return row.team_id ? (teams.byId.get(row.team_id)?.name ?? "Team") : "No team";
      case "work_type":
        return row.work_type
          ? (workTypes.data?.find((workType) => workType.key === row.work_type)?.name ??
              row.work_type)
          : "No work type";
      case "billable":
        return row.billable ? "Billable" : "Not billable";
      case "day":
        return row.day ? formatDay(row.day) : "–";
      case "week":
        return row.week ? formatWeek(row.week) : "–";
      case "month":
        return row.month ? monthFormat.format(fromIso(`${row.month}-01`)) : "–";
    }
  };
}

function Measures({ row, strong = false }: { row: TimeReport["totals"]; strong?: boolean }) {
  // Costs come only to those who may see rates (admins): no cost, no column.
  const cells = [
    ["hours", formatMinutes(row.minutes)],
    ["billable-hours", formatMinutes(row.billable_minutes)],
    ...(row.cost === undefined ? [] : [["cost", formatMoney(row.cost)]]),
    ["billable-amount", formatMoney(row.billable_amount)],
  ];
  return (
    <>
      {cells.map(([measure, text]) => (
        <Table.Td key={measure} ta="right" className={classes.num} fw={strong ? 600 : undefined}>
          {text}
        </Table.Td>
      ))}
    </>
  );
}

function TimeReportTable({
  workspaceId,
  groupBy,
  report,
  label,
}: {
  workspaceId: string;
  groupBy: readonly Dimension[];
  report: TimeReport;
  label: string;
}) {
  const nameOf = useDimensionNames(workspaceId, report.rows);
  const rowKey = (row: TimeReportRow) =>
    groupBy.map((dimension) => String(row[FIELD[dimension]])).join("|");

  return (
    <DataTable minWidth={560 + groupBy.length * 140}>
      <Table.Caption className={classes.srOnly}>{label}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {groupBy.map((dimension) => (
            <Table.Th key={dimension}>{DIMENSION_LABEL[dimension]}</Table.Th>
          ))}
          <Table.Th ta="right">Hours</Table.Th>
          <Table.Th ta="right">Billable hours</Table.Th>
          {report.totals.cost === undefined ? null : <Table.Th ta="right">Cost</Table.Th>}
          <Table.Th ta="right">Billable amount</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {report.rows.map((row) => (
          <Table.Tr key={rowKey(row)}>
            {groupBy.map((dimension, index) =>
              index === 0 ? (
                <Table.Th key={dimension} scope="row" fw={500}>
                  {nameOf(dimension, row)}
                </Table.Th>
              ) : (
                <Table.Td key={dimension}>{nameOf(dimension, row)}</Table.Td>
              ),
            )}
            <Measures row={row} />
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr className={classes.totalRow}>
          <Table.Th scope="row" colSpan={groupBy.length}>
            Total
          </Table.Th>
          <Measures row={report.totals} strong />
        </Table.Tr>
      </Table.Tfoot>
    </DataTable>
  );
}
