import { Select } from "@mantine/core";
import type { Project } from "@/api/directory";

/** A searchable choice of project, each shown as `KEY · Name`; `""` when none is chosen. */
export function ProjectSelect({
  projects,
  value,
  onChange,
  error,
  placeholder,
  nothingFound = "No projects",
  clearable = false,
}: {
  projects: readonly Project[];
  value: string;
  onChange: (projectId: string) => void;
  error?: string;
  placeholder?: string;
  nothingFound?: string;
  clearable?: boolean;
}) {
  return (
    <Select
      label="Project"
      placeholder={placeholder}
      searchable
      clearable={clearable}
      data={projects.map((project) => ({
        value: project.id,
        label: `${project.key} · ${project.name}`,
      }))}
      value={value || null}
      onChange={(chosen) => onChange(chosen ?? "")}
      error={error}
      nothingFoundMessage={nothingFound}
    />
  );
}
