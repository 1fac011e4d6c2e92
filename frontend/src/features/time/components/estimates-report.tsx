import { Badge, Box, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { IconChartLine } from "@tabler/icons-react";
import { DataTable, EmptyRow } from "@/components/data-table";
import { ProjectSelect } from "@/components/project-select";
import { EmptyState, ErrorState, SkeletonRows } from "@/components/states";
import { formatMoney } from "@/lib/format";
import { type EstimatesReport, type TaskEstimate, useEstimatesReport } from "../api";
import { formatHours } from "../duration";
import { BurnChart } from "./burn-chart";
import classes from "./time.module.css";

/** Over is positive and says so: "+2:00". */
function formatVariance(hours: number | null): string {
  if (hours === null) return "–";
  return hours > 0 ? `+${formatHours(hours)}` : formatHours(hours);
}

/** One project's estimates against logged time, its budget against actuals, and the weekly burn. */
export function EstimatesReportView({
  workspaceId,
  projectId,
  onProjectChange,
}: {
  workspaceId: string;
  projectId: string | null;
  onProjectChange: (projectId: string | null) => void;
}) {
  const report = useEstimatesReport(workspaceId, projectId);

  return (
    <Stack gap="lg">
      <Box maw={360}>
        <ProjectSelect
          workspaceId={workspaceId}
          withArchived
          value={projectId ?? ""}
          onChange={(id) => onProjectChange(id || null)}
          placeholder="Pick a project"
        />
      </Box>
      {!projectId ? (
        <EmptyState
          icon={<IconChartLine size={22} />}
          title="Pick a project"
          description="See its estimates against the time logged, its budget and its weekly burn."
        />
      ) : report.isPending ? (
        <SkeletonRows rows={4} height={36} />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => report.refetch()} />
      ) : (
        <>
          <BudgetSummary report={report.data} />
          <Stack gap="sm">
            <Title order={2} size="h4">
              Tasks
            </Title>
            <TaskEstimatesTable report={report.data} />
          </Stack>
          <Stack gap="sm">
            <Title order={2} size="h4">
              Weekly burn
            </Title>
            <BurnChart
              burn={report.data.burn}
              budgetHours={report.data.budget_hours}
              currency={report.data.currency}
            />
          </Stack>
        </>
      )}
    </Stack>
  );
}

function Figure({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="xl" fw={600} className={classes.num}>
        {value}
      </Text>
      <Text size="sm" c="dimmed">
        {detail}
      </Text>
    </Paper>
  );
}

/** "of 40:00 budgeted, 12:00 left" under a figure, or that there is no such budget. */
function budgetDetail<T>(
  kind: "hours" | "money",
  budget: T | null,
  remaining: T,
  format: (value: T) => string,
): string {
  if (budget === null) return `No ${kind} budget`;
  return `of ${format(budget)} budgeted, ${format(remaining)} left`;
}

function BudgetSummary({ report }: { report: EstimatesReport }) {
  const money = (amount: string) => formatMoney(amount, report.currency);
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
      <Figure
        label="Hours"
        value={formatHours(report.actual_hours)}
        detail={budgetDetail(
          "hours",
          report.budget_hours,
          report.budget_hours_remaining,
          formatHours,
        )}
      />
      {/* Costs come only to those who may see rates (admins). */}
      {report.actual_cost === undefined ? null : (
        <Figure
          label="Cost"
          value={money(report.actual_cost)}
          detail={budgetDetail(
            "money",
            report.budget_amount,
            report.budget_amount_remaining ?? "0",
            money,
          )}
        />
      )}
      <Figure
        label="Estimates"
        value={formatHours(report.estimate_hours)}
        detail={`${formatHours(report.logged_on_tasks_hours)} logged on tasks, ${formatHours(report.remaining_hours)} remaining`}
      />
    </SimpleGrid>
  );
}

function TaskRow({ task }: { task: TaskEstimate }) {
  const over = task.variance_hours !== null && task.variance_hours > 0;
  return (
    <Table.Tr className={over ? classes.overRow : undefined} data-over={over || undefined}>
      <Table.Th scope="row" fw={400}>
        <Text span ff="monospace" c="dimmed" size="xs">
          {task.key}
        </Text>{" "}
        {task.title}
        {over ? (
          <Badge color="red" variant="light" size="xs" ml={8}>
            Over estimate
          </Badge>
        ) : null}
      </Table.Th>
      <Table.Td ta="right" className={classes.num}>
        {formatHours(task.estimate_hours)}
      </Table.Td>
      <Table.Td ta="right" className={classes.num}>
        {formatHours(task.logged_hours)}
      </Table.Td>
      <Table.Td ta="right" className={classes.num}>
        {formatHours(task.remaining_hours)}
      </Table.Td>
      <Table.Td ta="right" className={classes.num} c={over ? "red" : undefined}>
        {formatVariance(task.variance_hours)}
      </Table.Td>
    </Table.Tr>
  );
}

function TaskEstimatesTable({ report }: { report: EstimatesReport }) {
  return (
    <DataTable minWidth={640}>
      <Table.Caption className={classes.srOnly}>
        Estimates against logged time per task
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Task</Table.Th>
          <Table.Th ta="right">Estimate</Table.Th>
          <Table.Th ta="right">Logged</Table.Th>
          <Table.Th ta="right">Remaining</Table.Th>
          <Table.Th ta="right">Variance</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {report.tasks.length === 0 ? (
          <EmptyRow columns={5}>This project has no tasks yet.</EmptyRow>
        ) : null}
        {report.tasks.map((task) => (
          <TaskRow key={task.task_id} task={task} />
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr className={classes.totalRow}>
          <Table.Th scope="row">Total</Table.Th>
          <Table.Td ta="right" className={classes.num} fw={600}>
            {formatHours(report.estimate_hours)}
          </Table.Td>
          <Table.Td ta="right" className={classes.num} fw={600}>
            {formatHours(report.logged_on_tasks_hours)}
          </Table.Td>
          <Table.Td ta="right" className={classes.num} fw={600}>
            {formatHours(report.remaining_hours)}
          </Table.Td>
          <Table.Td ta="right" className={classes.num} fw={600}>
            {formatVariance(report.variance_hours)}
          </Table.Td>
        </Table.Tr>
      </Table.Tfoot>
    </DataTable>
  );
}
