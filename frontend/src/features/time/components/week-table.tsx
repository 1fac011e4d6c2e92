import { Table, Text } from "@mantine/core";
import { Fragment } from "react";
import { useProjectDirectory } from "@/api/directory";
import { DataTable, EmptyRow } from "@/components/data-table";
import { fromIso, todayIso } from "@/lib/dates";
import { type TimeEntry, useTasksById } from "../api";
import { formatMinutes } from "../duration";
import { buildWeekGrid, weekDays } from "../week";
import classes from "./time.module.css";

const weekday = new Intl.DateTimeFormat(undefined, { weekday: "short" });
const dayOfMonth = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });

function Cell({ minutes, strong = false }: { minutes: number; strong?: boolean }) {
  return (
    <Table.Td ta="right" className={classes.num} fw={strong ? 600 : undefined}>
      {minutes ? formatMinutes(minutes) : <span className={classes.zero}>–</span>}
    </Table.Td>
  );
}

/** A week's time by project and task, a column per day, with totals per row, day and week. */
export function WeekTable({
  workspaceId,
  weekStart,
  entries,
  label,
}: {
  workspaceId: string;
  weekStart: string;
  entries: readonly TimeEntry[];
  label: string;
}) {
  const projects = useProjectDirectory(workspaceId);
  const tasks = useTasksById(
    workspaceId,
    entries.map((entry) => entry.task_id),
  );
  const projectName = (id: string) => projects.byId.get(id)?.name ?? "Project";
  const taskName = (id: string) => {
    const task = tasks.get(id);
    return task ? `${task.key} ${task.title}` : "Task";
  };
  const grid = buildWeekGrid(entries, weekStart, { project: projectName, task: taskName });
  const days = weekDays(weekStart);
  const today = todayIso();

  return (
    <DataTable minWidth={760}>
      <Table.Caption className={classes.srOnly}>{label}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Project / task</Table.Th>
          {days.map((day) => (
            <Table.Th
              key={day}
              ta="right"
              w={76}
              data-today={day === today || undefined}
              className={classes.dayHead}
            >
              <Text size="xs" fw={600} span display="block">
                {weekday.format(fromIso(day))}
              </Text>
              <Text size="xs" c="dimmed" span display="block">
                {dayOfMonth.format(fromIso(day))}
              </Text>
            </Table.Th>
          ))}
          <Table.Th ta="right" w={84}>
            Total
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {grid.projects.length === 0 ? (
          <EmptyRow columns={9}>No time logged this week.</EmptyRow>
        ) : null}
        {grid.projects.map((project) => {
          const meta = projects.byId.get(project.projectId);
          return (
            <Fragment key={project.projectId}>
              <Table.Tr className={classes.projectRow}>
                <Table.Th scope="row">
                  {meta ? (
                    <Text span size="sm" fw={600}>
                      <Text span ff="monospace" c="dimmed" size="xs" mr={6}>
                        {meta.key}
                      </Text>
                      {meta.name}
                    </Text>
                  ) : (
                    "Project"
                  )}
                </Table.Th>
                {project.days.map((minutes, index) => (
                  <Cell key={days[index]} minutes={minutes} strong />
                ))}
                <Cell minutes={project.total} strong />
              </Table.Tr>
              {project.rows.map((row) => (
                <Table.Tr key={row.taskId ?? "none"}>
                  <Table.Th scope="row" className={classes.taskCell} fw={400}>
                    <Text span size="sm" c={row.taskId ? undefined : "dimmed"} lineClamp={1}>
                      {row.taskId ? taskName(row.taskId) : "No task"}
                    </Text>
                  </Table.Th>
                  {row.days.map((minutes, index) => (
                    <Cell key={days[index]} minutes={minutes} />
                  ))}
                  <Cell minutes={row.total} />
                </Table.Tr>
              ))}
            </Fragment>
          );
        })}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr className={classes.totalRow}>
          <Table.Th scope="row">Total</Table.Th>
          {grid.days.map((minutes, index) => (
            <Cell key={days[index]} minutes={minutes} strong />
          ))}
          <Table.Td ta="right" className={classes.num} fw={700} aria-label="Week total">
            {formatMinutes(grid.total)}
          </Table.Td>
        </Table.Tr>
      </Table.Tfoot>
    </DataTable>
  );
}
