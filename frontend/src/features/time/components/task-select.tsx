import { Select, type SelectProps } from "@mantine/core";
import { useProjectTasks } from "../api";

/** A task of the chosen project to book time to, or none; disabled until a project is chosen. */
export function TaskSelect({
  workspaceId,
  projectId,
  ...select
}: {
  workspaceId: string;
  projectId: string | null;
} & Omit<SelectProps, "data">) {
  const tasks = useProjectTasks(workspaceId, projectId);
  return (
    <Select
      label="Task"
      placeholder={projectId ? "No task" : "Choose a project first"}
      searchable
      clearable
      disabled={!projectId}
      data={(tasks.data ?? []).map((task) => ({
        value: task.id,
        label: `${task.key} ${task.title}`,
      }))}
      nothingFoundMessage="No matching task"
      {...select}
    />
  );
}
