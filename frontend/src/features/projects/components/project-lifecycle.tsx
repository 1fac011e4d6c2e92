import { Button, Group, SegmentedControl, Stack, Text } from "@mantine/core";
import { IconArchive, IconArchiveOff } from "@tabler/icons-react";
import { confirmDestructive } from "@/components/confirm";
import { notifyError, notifySuccess } from "@/components/notify";
import { type Project, useArchiveProject, useUpdateProject } from "../api";

/** Pause, resume, archive (read-only) and unarchive a project. */
export function ProjectLifecycle({
  workspaceId,
  project,
}: {
  workspaceId: string;
  project: Project;
}) {
  const update = useUpdateProject(workspaceId);
  const archive = useArchiveProject(workspaceId);
  const archived = project.status === "archived";

  const toggleArchive = async () => {
    if (!archived) {
      const ok = await confirmDestructive({
        title: `Archive ${project.name}?`,
        message: "It becomes read-only and leaves the active list. You can unarchive it later.",
        confirmLabel: "Archive project",
      });
      if (!ok) return;
    }
    archive.mutate(
      { project, archived: !archived },
      {
        onSuccess: () =>
          notifySuccess(archived ? `Unarchived ${project.name}` : `Archived ${project.name}`),
        onError: (error) => notifyError(error, "Couldn't change the project"),
      },
    );
  };

  return (
    <Stack gap="md" maw={640}>
      {archived ? null : (
        <Group justify="space-between">
          <div>
            <Text size="sm" fw={500}>
              Status
            </Text>
            <Text size="xs" c="dimmed">
              A project on hold stays visible but out of the active list.
            </Text>
          </div>
          <SegmentedControl
            size="xs"
            value={project.status}
            onChange={(status) =>
              update.mutate(
                { project, changes: { status: status as "active" | "on_hold" } },
                { onError: (error) => notifyError(error, "Couldn't change the status") },
              )
            }
            data={[
              { value: "active", label: "Active" },
              { value: "on_hold", label: "On hold" },
            ]}
          />
        </Group>
      )}
      <Group justify="space-between">
        <div>
          <Text size="sm" fw={500}>
            {archived ? "This project is archived" : "Archive"}
          </Text>
          <Text size="xs" c="dimmed">
            {archived
              ? "Unarchive it to change it or its tasks again."
              : "Read-only from then on; its tasks stay searchable."}
          </Text>
        </div>
        <Button
          size="xs"
          variant="default"
          color={archived ? undefined : "red"}
          leftSection={archived ? <IconArchiveOff size={14} /> : <IconArchive size={14} />}
          loading={archive.isPending}
          onClick={toggleArchive}
        >
          {archived ? "Unarchive" : "Archive project"}
        </Button>
      </Group>
    </Stack>
  );
}
