import { Select, type SelectProps } from "@mantine/core";
import { useTeamDirectory } from "@/api/directory";

/** One team of the workspace (a project's, a report's), searchable by name. */
export function TeamSelect({
  workspaceId,
  ...select
}: { workspaceId: string } & Omit<SelectProps, "data">) {
  const teams = useTeamDirectory(workspaceId);
  return (
    <Select
      label="Team"
      searchable
      clearable
      data={(teams.items ?? []).map((team) => ({ value: team.id, label: team.name }))}
      nothingFoundMessage="No team by that name"
      {...select}
    />
  );
}
