import { Avatar, Button, Group, Select, Stack, Table, Text } from "@mantine/core";
import { IconUserMinus, IconUserPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useMemberDirectory } from "@/api/directory";
import { DataTable } from "@/components/data-table";
import { IconAction } from "@/components/icon-action";
import { notifyError } from "@/components/notify";
import { loadingOrError } from "@/components/states";
import { choices } from "@/lib/choices";
import {
  type StakeholderRole,
  useRemoveStakeholder,
  useSetStakeholder,
  useStakeholders,
} from "../api";
import type { SettingsSectionProps } from "./settings-section";

const ROLES = choices<StakeholderRole>({
  owner: "Owner",
  contributor: "Contributor",
  stakeholder: "Stakeholder",
  informed: "Informed",
});

/** Who has a stake in the project, across departments, and in what role. */
export function StakeholdersSettings({ workspaceId, projectId, readOnly }: SettingsSectionProps) {
  const stakeholders = useStakeholders(workspaceId, projectId);
  const members = useMemberDirectory(workspaceId);
  const set = useSetStakeholder(workspaceId, projectId);
  const remove = useRemoveStakeholder(workspaceId, projectId);
  const [adding, setAdding] = useState<string | null>(null);
  const [role, setRole] = useState<StakeholderRole>("stakeholder");

  const waiting = loadingOrError(stakeholders, { rows: 3, height: 40 });
  if (waiting) return waiting;
  const rows = stakeholders.data ?? [];
  const present = new Set(rows.map((row) => row.member_id));
  const candidates = (members.items ?? []).filter((member) => !present.has(member.id));

  return (
    <Stack gap="md" maw={720}>
      {rows.length ? (
        <DataTable minWidth={520}>
          <Table.Tbody>
            {rows.map((row) => {
              const member = members.byId.get(row.member_id);
              return (
                <Table.Tr key={row.member_id}>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <Avatar name={member?.name ?? "?"} color="initials" size={26} radius="xl" />
                      <div>
                        <Text size="sm" fw={500}>
                          {member?.name ?? "Former member"}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {member?.email}
                        </Text>
                      </div>
                    </Group>
                  </Table.Td>
                  <Table.Td w={170}>
                    <Select
                      size="xs"
                      aria-label={`Role of ${member?.name ?? "member"}`}
                      data={ROLES}
                      value={row.role}
                      disabled={readOnly}
                      onChange={(value) =>
                        value &&
                        set.mutate(
                          { memberId: row.member_id, role: value as StakeholderRole },
                          { onError: (error) => notifyError(error, "Couldn't change the role") },
                        )
                      }
                    />
                  </Table.Td>
                  <Table.Td w={48}>
                    <IconAction
                      tooltip="Remove"
                      label={`Remove ${member?.name ?? "member"}`}
                      disabled={readOnly}
                      onClick={() =>
                        remove.mutate(row.member_id, {
                          onError: (error) => notifyError(error, "Couldn't remove"),
                        })
                      }
                      icon={<IconUserMinus size={16} />}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </DataTable>
      ) : (
        <Text size="sm" c="dimmed">
          No stakeholders yet.
        </Text>
      )}
      {readOnly ? null : (
        <Group gap="xs" align="flex-end">
          <Select
            size="xs"
            w={240}
            label="Add a stakeholder"
            placeholder="Choose a member"
            searchable
            data={candidates.map((member) => ({ value: member.id, label: member.name }))}
            value={adding}
            onChange={setAdding}
            nothingFoundMessage="Everyone is here already"
          />
          <Select
            size="xs"
            w={150}
            aria-label="Role"
            data={ROLES}
            value={role}
            onChange={(value) => setRole((value as StakeholderRole) ?? "stakeholder")}
          />
          <Button
            size="xs"
            variant="default"
            leftSection={<IconUserPlus size={14} />}
            disabled={!adding}
            loading={set.isPending}
            onClick={() =>
              adding &&
              set.mutate(
                { memberId: adding, role },
                {
                  onSuccess: () => setAdding(null),
                  onError: (error) => notifyError(error, "Couldn't add the stakeholder"),
                },
              )
            }
          >
            Add
          </Button>
        </Group>
      )}
    </Stack>
  );
}
