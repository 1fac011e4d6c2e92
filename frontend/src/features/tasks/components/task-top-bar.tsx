import { ActionIcon, Anchor, Button, Group, Menu, Text, Tooltip } from "@mantine/core";
import {
  IconArrowsMaximize,
  IconDots,
  IconPlayerPlayFilled,
  IconTrash,
  IconX,
} from "@tabler/icons-react";
import { Link } from "react-router";
import type { Project } from "@/api/directory";
import { isApiError } from "@/api/errors";
import { confirmDestructive } from "@/components/confirm";
import { notifyError, notifySuccess } from "@/components/notify";
import { plural } from "@/lib/format";
import { type Task, useDeleteTask } from "../api";
import type { TaskDetailProps } from "./task-detail";
import classes from "./task-detail.module.css";

/** The line above a task: where it belongs, and what can be done to it as a whole. */
export function TaskTopBar({
  workspaceId,
  task,
  project,
  readOnly,
  variant,
  taskHref,
  projectHref,
  onClose,
  onDeleted,
  onStartTimer,
}: Pick<
  TaskDetailProps,
  "workspaceId" | "variant" | "taskHref" | "projectHref" | "onClose" | "onDeleted" | "onStartTimer"
> & { task: Task; project: Project | undefined; readOnly: boolean }) {
  const remove = useDeleteTask(workspaceId);
  const deleteTask = async () => {
    const confirmed = await confirmDestructive({
      title: `Delete ${task.key}?`,
      message: "The task, its comments and its history are deleted. This cannot be undone.",
      confirmLabel: "Delete task",
    });
    if (!confirmed) return;
    try {
      await remove.mutateAsync({ task });
    } catch (error) {
      if (isApiError(error) && error.code === "has_subtasks") {
        const count = error.count("subtask_count") ?? 0;
        const withChildren = await confirmDestructive({
          title: `${task.key} has ${plural(count, "subtask")}`,
          message:
            "Delete them too? Cancel keeps everything; to keep the subtasks, move them to another parent first.",
          confirmLabel: "Delete with subtasks",
        });
        if (!withChildren) return;
        try {
          await remove.mutateAsync({ task, children: "delete" });
        } catch (again) {
          notifyError(again, `Couldn't delete ${task.key}`);
          return;
        }
      } else {
        notifyError(error, `Couldn't delete ${task.key}`);
        return;
      }
    }
    notifySuccess(`Deleted ${task.key}`);
    onDeleted?.(task);
  };

  return (
    <Group justify="space-between" wrap="nowrap" className={classes.topBar}>
      <Group gap={6} wrap="nowrap" miw={0}>
        {project ? (
          <Anchor component={Link} to={projectHref(project.id)} size="sm" c="dimmed" truncate>
            {project.name}
          </Anchor>
        ) : null}
        <Text size="sm" c="dimmed">
          /
        </Text>
        <Text size="sm" fw={500} c="dimmed" ff="monospace">
          {task.key}
        </Text>
      </Group>
      <Group gap={4} wrap="nowrap">
        {variant === "panel" ? (
          <Tooltip label="Open as a page">
            <ActionIcon
              component={Link}
              to={taskHref(task.key)}
              variant="subtle"
              color="gray"
              aria-label="Open as a page"
            >
              <IconArrowsMaximize size={16} />
            </ActionIcon>
          </Tooltip>
        ) : null}
        {onStartTimer && !readOnly ? (
          <Tooltip label="Track time on this task">
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconPlayerPlayFilled size={11} />}
              onClick={() => onStartTimer(task)}
            >
              Start timer
            </Button>
          </Tooltip>
        ) : null}
        <Menu position="bottom-end">
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label="Task actions">
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item
              color="red"
              leftSection={<IconTrash size={14} />}
              disabled={readOnly}
              onClick={deleteTask}
            >
              Delete task
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        {onClose ? (
          <Tooltip label="Close (Esc)">
            <ActionIcon variant="subtle" color="gray" aria-label="Close task" onClick={onClose}>
              <IconX size={16} />
            </ActionIcon>
          </Tooltip>
        ) : null}
      </Group>
    </Group>
  );
}
