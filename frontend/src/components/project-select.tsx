import { Select, type SelectProps } from "@mantine/core";
import { useProjectDirectory } from "@/api/directory";

/**
 * A searchable choice of the workspace's projects, each shown as `KEY · Name`; `""` when none is
 * chosen. Archived projects are offered only with `withArchived` (reports), or when one is the
 * current value (an entry booked before its project was archived).
 */
export function ProjectSelect({
  workspaceId,
  value,
  onChange,
  withArchived = false,
  nothingFoundMessage = "No projects",
  ...select
}: {
  workspaceId: string;
  value: string;
  onChange: (projectId: string) => void;
  withArchived?: boolean;
} & Omit<SelectProps, "data" | "value" | "onChange">) {
  const projects = useProjectDirectory(workspaceId);
  const shown = (projects.items ?? []).filter(
    (project) => withArchived || project.status !== "archived" || project.id === value,
  );
  return (
    <Select
      label="Project"
      searchable
      data={shown.map((project) => ({
        value: project.id,
        label: `${project.key} · ${project.name}`,
      }))}
      value={value || null}
      onChange={(chosen) => onChange(chosen ?? "")}
      nothingFoundMessage={nothingFoundMessage}
      {...select}
    />
  );
}
