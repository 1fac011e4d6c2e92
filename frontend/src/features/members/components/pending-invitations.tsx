import { Badge, Group, Table, Text } from "@mantine/core";
import { IconLink, IconTrash } from "@tabler/icons-react";
import { confirmDestructive } from "@/components/confirm";
import { ActionsHeader, DataTable } from "@/components/data-table";
import { IconAction } from "@/components/icon-action";
import { notifyError, notifySuccess } from "@/components/notify";
import { Section } from "@/components/page";
import { loadingOrError } from "@/components/states";
import { formatDate } from "@/lib/format";
import { type Invitation, isExpired, useInvitations, useRevokeInvitation } from "../invitations";
import { roleLabel } from "./roles";

/** Open invitations, each with a new link to pass on (the old one is never shown again) and a
 * revoke; nothing at all when there are none. */
export function PendingInvitations({
  workspaceId,
  onReinvite,
}: {
  workspaceId: string;
  onReinvite: (invitation: Invitation) => void;
}) {
  const invitations = useInvitations(workspaceId);
  const revoke = useRevokeInvitation(workspaceId);

  const waiting = loadingOrError(invitations, { rows: 2, height: 40 });
  if (waiting) return waiting;
  const rows = invitations.items ?? [];
  if (rows.length === 0) return null;

  const confirmRevoke = async (invitation: Invitation) => {
    const confirmed = await confirmDestructive({
      title: `Revoke the invitation for ${invitation.email}?`,
      message: "Its link stops working. You can invite them again later.",
      confirmLabel: "Revoke invitation",
    });
    if (!confirmed) return;
    revoke.mutate(invitation, {
      onSuccess: () => notifySuccess(`Revoked the invitation for ${invitation.email}`),
      onError: (error) => notifyError(error, "Couldn't revoke the invitation"),
    });
  };

  return (
    <Section
      title="Pending invitations"
      description="Waiting for the invited person to accept."
      mt={32}
    >
      <DataTable
        minWidth={640}
        aria-label="Pending invitations"
        head={
          <>
            <Table.Th>Invited email</Table.Th>
            <Table.Th w={120}>Role</Table.Th>
            <Table.Th w={180}>Expires</Table.Th>
            <ActionsHeader w={96} />
          </>
        }
      >
        {rows.map((invitation) => (
          <Table.Tr key={invitation.id}>
            <Table.Td>
              <Text size="sm" truncate>
                {invitation.email}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{roleLabel(invitation.role)}</Text>
            </Table.Td>
            <Table.Td>
              {isExpired(invitation) ? (
                <Badge size="sm" variant="light" color="gray">
                  Expired
                </Badge>
              ) : (
                <Text size="sm">{formatDate(invitation.expires_at)}</Text>
              )}
            </Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap" justify="flex-end">
                <IconAction
                  tooltip="New link to copy"
                  label={`New link for ${invitation.email}`}
                  onClick={() => onReinvite(invitation)}
                  icon={<IconLink size={16} />}
                />
                <IconAction
                  tooltip="Revoke"
                  color="red"
                  label={`Revoke the invitation for ${invitation.email}`}
                  onClick={() => confirmRevoke(invitation)}
                  icon={<IconTrash size={16} />}
                />
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Section>
  );
}
