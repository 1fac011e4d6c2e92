import { MultiSelect, type MultiSelectProps, Select, type SelectProps } from "@mantine/core";
import { useMemo } from "react";
import { useMemberDirectory } from "@/api/directory";

function useMemberChoices(workspaceId: string) {
  const members = useMemberDirectory(workspaceId);
  return useMemo(
    () => (members.items ?? []).map((member) => ({ value: member.id, label: member.name })),
    [members.items],
  );
}

/** One member of the workspace (an owner, a lead, a report's person), searchable by name. */
export function MemberSelect({
  workspaceId,
  ...select
}: { workspaceId: string } & Omit<SelectProps, "data">) {
  return (
    <Select
      searchable
      clearable
      data={useMemberChoices(workspaceId)}
      nothingFoundMessage="No one by that name"
      {...select}
    />
  );
}

/** The members a task is assigned to. */
export function AssigneesSelect({
  workspaceId,
  value,
  ...select
}: { workspaceId: string; value: string[] } & Omit<MultiSelectProps, "data" | "value">) {
  return (
    <MultiSelect
      label="Assignees"
      placeholder={value.length ? undefined : "Nobody yet"}
      searchable
      data={useMemberChoices(workspaceId)}
      value={value}
      nothingFoundMessage="No one by that name"
      {...select}
    />
  );
}
