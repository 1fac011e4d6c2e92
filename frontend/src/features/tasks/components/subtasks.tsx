import { Box, Button, Group, Stack, Text, TextInput, UnstyledButton } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import type { WorkflowStatus } from "@/api/directory";
import { notifyError } from "@/components/notify";
import { type Task, useCreateTask, useTaskPage } from "../api";
import { StatusIcon } from "./fields";
import classes from "./task-detail.module.css";

export function Subtasks({
  workspaceId,
  task,
  statuses,
  readOnly,
  taskHref,
  onCreateSubtask,
}: {
  workspaceId: string;
  task: Task;
  statuses: WorkflowStatus[];
  readOnly?: boolean;
  taskHref: (key: string) => string;
  onCreateSubtask: () => void;
}) {
  const children = useTaskPage(workspaceId, { parent_id: task.id, sort: "position,number" });
  const create = useCreateTask(workspaceId);
  const [title, setTitle] = useState("");
  const rows = children.data?.items ?? [];
  const category = (id: string) => statuses.find((status) => status.id === id)?.category;
  const done = rows.filter((row) => row.completed_at).length;

  const add = () => {
    if (!title.trim()) return;
    create.mutate(
      {
        project_id: task.project_id,
        parent_id: task.id,
        title: title.trim(),
        description: "",
        priority: "none",
        scheduling_mode: "auto",
      },
      {
        onSuccess: () => setTitle(""),
        onError: (error) => notifyError(error, "Couldn't add the subtask"),
      },
    );
  };

  return (
    <Box>
      <Group justify="space-between" mb={6}>
        <Text size="sm" fw={600}>
          Subtasks{" "}
          {rows.length ? (
            <Text span size="xs" c="dimmed" fw={400}>
              {done}/{rows.length} done
            </Text>
          ) : null}
        </Text>
        {readOnly ? null : (
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            leftSection={<IconPlus size={12} />}
            onClick={onCreateSubtask}
          >
            With details
          </Button>
        )}
      </Group>
      <Stack gap={0} className={classes.subtasks}>
        {rows.map((row) => (
          <UnstyledButton
            key={row.id}
            component={Link}
            to={taskHref(row.key)}
            className={classes.subtask}
          >
            <StatusIcon category={category(row.status_id)} size={15} />
            <Text size="xs" c="dimmed" ff="monospace" w={64}>
              {row.key}
            </Text>
            <Text size="sm" truncate td={row.completed_at ? "line-through" : undefined}>
              {row.title}
            </Text>
          </UnstyledButton>
        ))}
        {readOnly ? null : (
          <TextInput
            aria-label="Add a subtask"
            placeholder="Add a subtask and press Enter"
            variant="unstyled"
            size="sm"
            px="xs"
            leftSection={<IconPlus size={14} />}
            value={title}
            disabled={create.isPending}
            onChange={(event) => setTitle(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                add();
              }
            }}
          />
        )}
      </Stack>
    </Box>
  );
}
