import { Badge, Button, Code, Group, Table, Text, Tooltip } from "@mantine/core";
import { IconKey } from "@tabler/icons-react";
import { confirmDestructive } from "@/components/confirm";
import { ActionsHeader, DataTable, LoadMore } from "@/components/data-table";
import { notifyError, notifySuccess } from "@/components/notify";
import { EmptyState, loadingOrError } from "@/components/states";
import { formatDate, formatDateTime, formatRelative } from "@/lib/format";
import { type ApiToken, useApiTokens, useRevokeApiToken } from "../api";

function status(token: ApiToken): { label: string; color: string } {
  if (token.revoked_at) return { label: "Revoked", color: "gray" };
  if (token.expires_at && new Date(token.expires_at) <= new Date()) {
    return { label: "Expired", color: "orange" };
  }
  return { label: "Active", color: "teal" };
}

export function TokensTable({
  workspaceId,
  onCreate,
}: {
  workspaceId: string;
  onCreate: () => void;
}) {
  const tokens = useApiTokens(workspaceId);
  const revoke = useRevokeApiToken(workspaceId);

  const waiting = loadingOrError(tokens, { rows: 3, height: 44 });
  if (waiting) return waiting;
  const rows = tokens.items ?? [];
  if (rows.length === 0) {
    return (
      <EmptyState
        icon={<IconKey size={22} />}
        title="No API tokens"
        description="Tokens let scripts and integrations call the Worklane API as you, limited to the scopes you pick."
        action={<Button onClick={onCreate}>Create a token</Button>}
      />
    );
  }

  const confirmRevoke = async (token: ApiToken) => {
    const confirmed = await confirmDestructive({
      title: `Revoke “${token.name}”?`,
      message: "Anything using this token stops working at once. This cannot be undone.",
      confirmLabel: "Revoke token",
    });
    if (!confirmed) return;
    revoke.mutate(token, {
      onSuccess: () => notifySuccess(`Revoked ${token.name}`),
      onError: (error) => notifyError(error, `Couldn't revoke ${token.name}`),
    });
  };

  return (
    <>
      <DataTable
        minWidth={820}
        head={
          <>
            <Table.Th>Name</Table.Th>
            <Table.Th>Scopes</Table.Th>
            <Table.Th w={110}>Last used</Table.Th>
            <Table.Th w={120}>Expires</Table.Th>
            <Table.Th w={90}>Status</Table.Th>
            <ActionsHeader w={90} />
          </>
        }
      >
        {rows.map((token) => {
          const state = status(token);
          return (
            <Table.Tr key={token.id} opacity={token.revoked_at ? 0.6 : 1}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {token.name}
                </Text>
                <Text size="xs" c="dimmed">
                  <Code fz="xs">{token.prefix}…</Code> · created {formatDate(token.created_at)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {token.scopes.map((scope) => (
                    <Badge key={scope} size="sm" variant="default" ff="monospace" fw={400}>
                      {scope}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                {token.last_used_at ? (
                  <Tooltip label={formatDateTime(token.last_used_at)}>
                    <Text size="sm">{formatRelative(token.last_used_at)}</Text>
                  </Tooltip>
                ) : (
                  <Text size="sm" c="dimmed">
                    Never
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={token.expires_at ? undefined : "dimmed"}>
                  {token.expires_at ? formatDate(token.expires_at) : "Never"}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={state.color} size="sm">
                  {state.label}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">
                {token.revoked_at ? null : (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => confirmRevoke(token)}
                    aria-label={`Revoke ${token.name}`}
                  >
                    Revoke
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </DataTable>
      <LoadMore list={tokens} />
    </>
  );
}
