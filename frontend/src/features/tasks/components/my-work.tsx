import { Badge, Box, Group, Stack, Text } from "@mantine/core";
import { IconCoffee } from "@tabler/icons-react";
import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import { statusesOptions, useProjectDirectory, type WorkflowStatus } from "@/api/directory";
import { EmptyState, ErrorState, SkeletonRows } from "@/components/states";
import { type Task, type TaskUpdate, useTaskPage, useUpdateTask } from "../api";
import { isLate } from "../late";
import { DUE_GROUPS, groupByDue } from "../my-work";
import { DateField, PriorityField, StatusField } from "./fields";
import classes from "./my-work.module.css";

function mine(status_category: "in_progress" | "todo" | "backlog") {
  return { assignee: "me", status_category, sort: "due_date,number" };
}

/**
 * The caller's open tasks in this workspace, by when they are due. Three bounded requests (one
 * per open status category, 200 each) rather than every page of every project.
 */
export function MyWork({
  workspaceId,
  weekStart,
  onOpenTask,
  onFocusTask,
}: {
  workspaceId: string;
  weekStart: number;
  onOpenTask: (task: Task) => void;
  onFocusTask?: (task: Task | null) => void;
}) {
  const inProgress = useTaskPage(workspaceId, mine("in_progress"));
  const todo = useTaskPage(workspaceId, mine("todo"));
  const backlog = useTaskPage(workspaceId, mine("backlog"));
  const pages = [inProgress, todo, backlog];
  const projects = useProjectDirectory(workspaceId);
  const update = useUpdateTask(workspaceId);
  const tasks = useMemo(
    () => [inProgress.data, todo.data, backlog.data].flatMap((page) => page?.items ?? []),
    [inProgress.data, todo.data, backlog.data],
  );
  const projectIds = useMemo(() => [...new Set(tasks.map((task) => task.project_id))], [tasks]);
  const statusQueries = useQueries({
    queries: projectIds.map((id) => statusesOptions(workspaceId, id)),
  });
  const statusesOf = new Map<string, WorkflowStatus[]>(
    projectIds.map((id, index) => [id, statusQueries[index]?.data ?? []]),
  );
  const capped = pages.some((page) => page.data?.next_cursor);

  const failed = pages.find((page) => page.isError);
  if (failed)
    return <ErrorState error={failed.error} onRetry={() => pages.map((page) => page.refetch())} />;
  if (pages.some((page) => page.isPending)) return <SkeletonRows rows={6} height={40} />;
  if (tasks.length === 0) {
    return (
      <EmptyState
        icon={<IconCoffee size={22} />}
        title="Nothing on your plate"
        description="Tasks assigned to you in this workspace show up here, grouped by when they are due."
      />
    );
  }

  const groups = groupByDue(
    [...tasks].sort((a, b) => (a.due_date ?? "9999").localeCompare(b.due_date ?? "9999")),
    weekStart,
  );
  const change = (task: Task, changes: TaskUpdate) => update.mutate({ task, changes });

  return (
    <Stack gap="xl">
      {DUE_GROUPS.map(({ value: id, label: title }) => {
        const rows = groups[id];
        if (rows.length === 0) return null;
        return (
          <Box key={id} component="section" aria-label={title}>
            <Group gap={8} mb={6}>
              <Text size="sm" fw={600} c={id === "overdue" ? "red.7" : undefined}>
                {title}
              </Text>
              <Badge size="sm" variant="light" color={id === "overdue" ? "red" : "gray"} circle>
                {rows.length}
              </Badge>
            </Group>
            <div className={classes.list}>
              {rows.map((task) => {
                const project = projects.byId.get(task.project_id);
                const readOnly = project?.status === "archived";
                return (
                  // biome-ignore lint/a11y/useSemanticElements: a row holding its own controls
                  <div
                    key={task.id}
                    role="button"
                    tabIndex={0}
                    className={classes.row}
                    data-task-id={task.id}
                    onClick={() => onOpenTask(task)}
                    onFocus={(event) => {
                      if (event.target === event.currentTarget) onFocusTask?.(task);
                    }}
                    onKeyDown={(event) => {
                      if (event.target === event.currentTarget && event.key === "Enter") {
                        onOpenTask(task);
                      }
                    }}
                  >
                    <StatusField
                      taskKey={task.key}
                      statusId={task.status_id}
                      statuses={statusesOf.get(task.project_id) ?? []}
                      disabled={readOnly}
                      compact
                      onChange={(status_id) => change(task, { status_id })}
                    />
                    <Text size="xs" c="dimmed" className={classes.key}>
                      {task.key}
                    </Text>
                    <Text size="sm" fw={500} truncate flex={1}>
                      {task.title}
                    </Text>
                    <Text size="xs" c="dimmed" truncate maw={180} visibleFrom="sm">
                      {project?.name}
                    </Text>
                    <PriorityField
                      taskKey={task.key}
                      priority={task.priority}
                      disabled={readOnly}
                      compact
                      onChange={(priority) => change(task, { priority })}
                    />
                    <Box w={110}>
                      <DateField
                        label={`Due date of ${task.key}`}
                        value={task.due_date}
                        disabled={readOnly}
                        late={isLate(task)}
                        placeholder="—"
                        onChange={(due_date) => change(task, { due_date })}
                      />
                    </Box>
                  </div>
                );
              })}
            </div>
          </Box>
        );
      })}
      {capped ? (
        <Text size="xs" c="dimmed">
          Showing your first 200 tasks of each status; filter a project's list to see the rest.
        </Text>
      ) : null}
    </Stack>
  );
}
