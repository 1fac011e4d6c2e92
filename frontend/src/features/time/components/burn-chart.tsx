import "@mantine/charts/styles.css";
import { LineChart } from "@mantine/charts";
import { Table, Text } from "@mantine/core";
import { fromIso } from "@/lib/dates";
import { formatMoney } from "@/lib/format";
import type { BurnPoint } from "../api";
import { formatHours } from "../duration";
import { formatWeek } from "./my-time";
import classes from "./time.module.css";

const weekLabel = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });

/**
 * Hours per week and their running total, against the hours budget when there is one. Screen
 * readers get a summary and the same figures as a table.
 */
export function BurnChart({
  burn,
  budgetHours,
  currency,
}: {
  burn: readonly BurnPoint[];
  budgetHours: number | null;
  currency: string | null;
}) {
  const first = burn[0];
  const last = burn[burn.length - 1];
  const withCost = first?.cumulative_cost !== undefined;
  if (!first || !last) {
    return (
      <Text size="sm" c="dimmed">
        No time logged on this project yet.
      </Text>
    );
  }
  const data = burn.map((point) => ({
    week: weekLabel.format(fromIso(point.week_start)),
    hours: point.hours,
    total: point.cumulative_hours,
  }));
  const budget = budgetHours === null ? "" : ` of ${formatHours(budgetHours)} budgeted`;
  const summary = `Weekly burn from the week of ${formatWeek(first.week_start)} to the week of ${formatWeek(last.week_start)}: ${formatHours(last.cumulative_hours)} hours in total${budget}.`;

  return (
    <>
      <LineChart
        h={260}
        data={data}
        dataKey="week"
        series={[
          { name: "total", label: "Total hours", color: "blue.6" },
          { name: "hours", label: "Hours that week", color: "teal.6" },
        ]}
        referenceLines={
          budgetHours === null ? [] : [{ y: budgetHours, label: "Budget", color: "red.6" }]
        }
        curveType="linear"
        withLegend
        valueFormatter={(hours) => formatHours(hours)}
        role="img"
        aria-label={summary}
        // The table below is the accessible version; the chart itself stays out of the tab order.
        lineChartProps={{ accessibilityLayer: false }}
      />
      <Table className={classes.srOnly}>
        <Table.Caption>Hours per week</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Week</Table.Th>
            <Table.Th>Hours</Table.Th>
            <Table.Th>Total hours</Table.Th>
            {withCost ? <Table.Th>Total cost</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {burn.map((point) => (
            <Table.Tr key={point.week_start}>
              <Table.Th scope="row">{formatWeek(point.week_start)}</Table.Th>
              <Table.Td>{formatHours(point.hours)}</Table.Td>
              <Table.Td>{formatHours(point.cumulative_hours)}</Table.Td>
              {point.cumulative_cost === undefined ? null : (
                <Table.Td>{formatMoney(point.cumulative_cost, currency)}</Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
