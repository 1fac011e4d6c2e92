import { Badge, Button, Group, Stack, Text, Title, Tooltip } from "@mantine/core";
import { IconPencil, IconPlus } from "@tabler/icons-react";
import type { Project } from "@/features/projects/api";
import { PhaseBadge, PhaseControl } from "@/features/projects/components/phase-control";

/** A project's key, name, status and description, with its phase and what the user may do. */
export function ProjectHeader({
  workspaceId,
  project,
  readOnly,
  onEdit,
  onCreateTask,
}: {
  workspaceId: string;
  project: Project;
  readOnly: boolean;
  onEdit: () => void;
  onCreateTask: () => void;
}) {
  return (
    <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
      <Stack gap={4} miw={0}>
        <Group gap="sm" wrap="nowrap">
          <Badge variant="default" ff="monospace" fw={500} size="lg" radius="sm">
            {project.key}
          </Badge>
          <Title order={1} lineClamp={1}>
            {project.name}
          </Title>
          {project.status !== "active" ? (
            <Badge color="gray" variant="outline">
              {project.status === "archived" ? "Archived" : "On hold"}
            </Badge>
          ) : null}
        </Group>
        {project.description ? (
          <Text c="dimmed" size="sm" lineClamp={1} maw={720}>
            {project.description}
          </Text>
        ) : null}
      </Stack>
      {readOnly ? (
        <PhaseBadge project={project} />
      ) : (
        <Group gap="xs" wrap="nowrap">
          <PhaseControl workspaceId={workspaceId} project={project} />
          <Tooltip label="Edit project">
            <Button
              variant="default"
              size="xs"
              leftSection={<IconPencil size={14} />}
              onClick={onEdit}
            >
              Edit
            </Button>
          </Tooltip>
          <Tooltip label="Create a task (C)">
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={onCreateTask}>
              New task
            </Button>
          </Tooltip>
        </Group>
      )}
    </Group>
  );
}
