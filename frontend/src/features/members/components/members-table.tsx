import {
  ActionIcon,
  Avatar,
  Badge,
  Group,
  Menu,
  Select,
  Table,
  Text,
  Tooltip,
} from "@mantine/core";
import { IconDots, IconPencil, IconUserMinus, IconUsers } from "@tabler/icons-react";
import { useState } from "react";
import { confirmDestructive } from "@/components/confirm";
import { ActionsHeader, DataTable, LoadMore, numberClass } from "@/components/data-table";
import { notifyError, notifySuccess } from "@/components/notify";
import { EmptyState, loadingOrError } from "@/components/states";
import { formatDecimal } from "@/lib/format";
import { type Member, type Role, useMembers, useRemoveMember, useUpdateMember } from "../api";
import { EditMemberModal } from "./edit-member-modal";
import { ROLES, roleLabel } from "./roles";

interface MembersTableProps {
  workspaceId: string;
  callerRole: Role;
  currentUserId: string | undefined;
}

export function MembersTable({ workspaceId, callerRole, currentUserId }: MembersTableProps) {
  const members = useMembers(workspaceId);
  const update = useUpdateMember(workspaceId);
  const remove = useRemoveMember(workspaceId);
  const [editingId, setEditingId] = useState<string | null>(null);
  const isAdmin = callerRole === "owner" || callerRole === "admin";
  const editing = members.items?.find((member) => member.id === editingId);

  const waiting = loadingOrError(members, { rows: 5, height: 44 });
  if (waiting) return waiting;
  const rows = members.items ?? [];
  if (rows.length === 0) {
    return (
      <EmptyState
        icon={<IconUsers size={22} />}
        title="No members yet"
        description="Invite people by email; they join when they accept."
      />
    );
  }

  const changeRole = (member: Member, role: Role) => {
    if (role === member.role) return;
    update.mutate(
      { member, changes: { role } },
      {
        onSuccess: (saved) => notifySuccess(`${saved.name} is now ${roleLabel(saved.role)}`),
        onError: (error) => notifyError(error, `Couldn't change ${member.name}'s role`),
      },
    );
  };

  const confirmRemove = async (member: Member) => {
    const you = member.user_id === currentUserId;
    const confirmed = await confirmDestructive({
      title: you ? "Leave this workspace?" : `Remove ${member.name}?`,
      message: you
        ? "You will lose access to this workspace until someone adds you again."
        : `${member.name} loses access to this workspace, its teams and their API tokens for it.`,
      confirmLabel: you ? "Leave workspace" : "Remove member",
    });
    if (!confirmed) return;
    remove.mutate(member, {
      onSuccess: () => notifySuccess(you ? "You left the workspace" : `Removed ${member.name}`),
      onError: (error) => notifyError(error, `Couldn't remove ${member.name}`),
    });
  };

  const roleOptions = ROLES.map((role) => ({
    value: role.value,
    label: role.label,
    disabled: role.value === "owner" && callerRole !== "owner",
  }));

  return (
    <>
      <DataTable
        minWidth={760}
        head={
          <>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th w={150}>Role</Table.Th>
            <Table.Th w={120}>Capacity</Table.Th>
            {/* Rates are for admins: the API leaves them out for everyone else. */}
            {isAdmin ? <Table.Th w={110}>Cost rate</Table.Th> : null}
            <ActionsHeader w={48} />
          </>
        }
      >
        {rows.map((member) => (
          <Table.Tr key={member.id}>
            <Table.Td>
              <Group gap="sm" wrap="nowrap">
                <Avatar name={member.name} color="initials" size={28} radius="xl" />
                <Text size="sm" fw={500} truncate>
                  {member.name}
                </Text>
                {member.user_id === currentUserId ? (
                  <Badge size="xs" variant="light" color="gray">
                    You
                  </Badge>
                ) : null}
              </Group>
            </Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed" truncate>
                {member.email}
              </Text>
            </Table.Td>
            <Table.Td>
              {isAdmin ? (
                <Select
                  aria-label={`Role of ${member.name}`}
                  size="xs"
                  variant="filled"
                  data={roleOptions}
                  value={member.role}
                  onChange={(value) => value && changeRole(member, value as Role)}
                  comboboxProps={{ withinPortal: true }}
                  w={120}
                />
              ) : (
                <Text size="sm">{roleLabel(member.role)}</Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm" className={numberClass}>
                {formatDecimal(String(member.weekly_capacity_hours))} h/wk
              </Text>
            </Table.Td>
            {isAdmin ? (
              <Table.Td>
                <Text size="sm" className={numberClass} c={member.cost_rate ? undefined : "dimmed"}>
                  {formatDecimal(member.cost_rate)}
                </Text>
              </Table.Td>
            ) : null}
            <Table.Td>
              {isAdmin ? (
                <Menu position="bottom-end">
                  <Menu.Target>
                    <Tooltip label="More actions">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Actions for ${member.name}`}
                      >
                        <IconDots size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item
                      leftSection={<IconPencil size={16} stroke={1.75} />}
                      onClick={() => setEditingId(member.id)}
                    >
                      Edit capacity and rate
                    </Menu.Item>
                    <Menu.Item
                      color="red"
                      leftSection={<IconUserMinus size={16} stroke={1.75} />}
                      onClick={() => confirmRemove(member)}
                    >
                      {member.user_id === currentUserId
                        ? "Leave workspace"
                        : "Remove from workspace"}
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              ) : null}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <LoadMore list={members} />
      {editing ? (
        <EditMemberModal
          workspaceId={workspaceId}
          member={editing}
          onClose={() => setEditingId(null)}
        />
      ) : null}
    </>
  );
}
