import { Avatar, Badge, Drawer, Group, Select, Stack, Text, Title } from "@mantine/core";
import { IconCrown, IconX } from "@tabler/icons-react";
import { IconAction } from "@/components/icon-action";
import { notifyError, notifySuccess } from "@/components/notify";
import {
  type Member,
  type Team,
  useAddTeamMember,
  useRemoveTeamMember,
  useUpdateTeam,
} from "../api";
import { teamPath } from "../tree";

/** One team: who is in it, who leads it; admins change both here. */
export function TeamDrawer({
  workspaceId,
  team,
  teams,
  members,
  canEdit,
  onClose,
}: {
  workspaceId: string;
  team: Team | undefined;
  teams: Team[];
  members: Member[];
  canEdit: boolean;
  onClose: () => void;
}) {
  const add = useAddTeamMember(workspaceId);
  const remove = useRemoveTeamMember(workspaceId);
  const update = useUpdateTeam(workspaceId);
  const byId = new Map(members.map((member) => [member.id, member]));
  const inTeam = team
    ? team.member_ids.map((id) => byId.get(id)).filter((m): m is Member => !!m)
    : [];
  inTeam.sort((a, b) => a.name.localeCompare(b.name));
  const candidates = team
    ? members
        .filter((member) => !team.member_ids.includes(member.id))
        .map((member) => ({ value: member.id, label: `${member.name} · ${member.email}` }))
    : [];

  const addMember = (memberId: string | null) => {
    if (!team || !memberId) return;
    const name = byId.get(memberId)?.name ?? "Member";
    add.mutate(
      { team, memberId },
      {
        onSuccess: () => notifySuccess(`Added ${name} to ${team.name}`),
        onError: (error) => notifyError(error, `Couldn't add ${name}`),
      },
    );
  };

  const removeMember = (member: Member) => {
    if (!team) return;
    remove.mutate(
      { team, memberId: member.id },
      {
        onSuccess: () => notifySuccess(`Removed ${member.name} from ${team.name}`),
        onError: (error) => notifyError(error, `Couldn't remove ${member.name}`),
      },
    );
  };

  const setLead = (memberId: string | null) => {
    if (!team || memberId === team.lead_member_id) return;
    update.mutate(
      { team, changes: { lead_member_id: memberId } },
      {
        onSuccess: (saved) =>
          notifySuccess(
            saved.lead_member_id
              ? `${byId.get(saved.lead_member_id)?.name ?? "Member"} leads ${saved.name}`
              : `${saved.name} has no lead`,
          ),
        onError: (error) => notifyError(error, "Couldn't change the lead"),
      },
    );
  };

  return (
    <Drawer
      opened={Boolean(team)}
      onClose={onClose}
      position="right"
      size={420}
      title={
        team ? (
          <Stack gap={0}>
            <Title order={2}>{team.name}</Title>
            {team.parent_id ? (
              <Text size="xs" c="dimmed">
                {teamPath(teams, team)}
              </Text>
            ) : null}
          </Stack>
        ) : null
      }
    >
      {team ? (
        <Stack gap="lg">
          <Select
            label="Lead"
            placeholder="No lead"
            clearable
            searchable
            allowDeselect
            disabled={!canEdit}
            data={members.map((member) => ({ value: member.id, label: member.name }))}
            value={team.lead_member_id}
            onChange={setLead}
            leftSection={<IconCrown size={16} stroke={1.75} />}
          />
          <Stack gap="xs">
            <Group justify="space-between">
              <Text fw={600} size="sm">
                Members
              </Text>
              <Badge variant="light" color="gray">
                {inTeam.length}
              </Badge>
            </Group>
            {canEdit ? (
              <Select
                aria-label="Add a member to this team"
                placeholder="Add a member…"
                searchable
                data={candidates}
                value={null}
                onChange={addMember}
                nothingFoundMessage="Everyone is already in this team"
                disabled={add.isPending}
              />
            ) : null}
            {inTeam.length === 0 ? (
              <Text size="sm" c="dimmed" py="sm">
                Nobody is in this team yet.
              </Text>
            ) : (
              <Stack gap={2}>
                {inTeam.map((member) => (
                  <Group key={member.id} justify="space-between" wrap="nowrap" py={6}>
                    <Group gap="sm" wrap="nowrap" miw={0}>
                      <Avatar name={member.name} color="initials" size={28} radius="xl" />
                      <Stack gap={0} miw={0}>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm" fw={500} truncate>
                            {member.name}
                          </Text>
                          {member.id === team.lead_member_id ? (
                            <Badge size="xs" variant="light">
                              Lead
                            </Badge>
                          ) : null}
                        </Group>
                        <Text size="xs" c="dimmed" truncate>
                          {member.email}
                        </Text>
                      </Stack>
                    </Group>
                    {canEdit ? (
                      <IconAction
                        tooltip="Remove from team"
                        label={`Remove ${member.name} from ${team.name}`}
                        onClick={() => removeMember(member)}
                        icon={<IconX size={16} />}
                      />
                    ) : null}
                  </Group>
                ))}
              </Stack>
            )}
          </Stack>
        </Stack>
      ) : null}
    </Drawer>
  );
}
