import {
  ActionIcon,
  Badge,
  Button,
  ColorInput,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from "@mantine/core";
import { IconTag, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useLabelDirectory } from "@/api/directory";
import { isStale } from "@/api/errors";
import { confirmDestructive } from "@/components/confirm";
import { DataTable } from "@/components/data-table";
import { notifyError, notifySuccess } from "@/components/notify";
import { EmptyState, ErrorState, SkeletonRows } from "@/components/states";
import { type Label, useCreateLabel, useDeleteLabel, useUpdateLabel } from "../api";

export const SWATCHES = [
  "#6b7280",
  "#ef4444",
  "#f97316",
  "#eab308",
  "#22c55e",
  "#14b8a6",
  "#3b82f6",
  "#6366f1",
  "#a855f7",
  "#ec4899",
];

function LabelRow({
  workspaceId,
  label,
  canEdit,
}: {
  workspaceId: string;
  label: Label;
  canEdit: boolean;
}) {
  const update = useUpdateLabel(workspaceId);
  const remove = useDeleteLabel(workspaceId);
  const [name, setName] = useState(label.name);
  const save = (changes: { name?: string; color?: string }) =>
    update.mutate(
      { label, changes },
      {
        onError: (error) => {
          setName(label.name);
          // A 412 already offered to apply the change to the latest version.
          if (!isStale(error)) notifyError(error, "Couldn't save the label");
        },
      },
    );
  return (
    <Table.Tr>
      <Table.Td>
        <TextInput
          size="xs"
          variant="unstyled"
          aria-label={`Name of ${label.name}`}
          value={name}
          disabled={!canEdit}
          onChange={(event) => setName(event.currentTarget.value)}
          onBlur={() =>
            name.trim() && name.trim() !== label.name
              ? save({ name: name.trim() })
              : setName(label.name)
          }
          onKeyDown={(event) => event.key === "Enter" && event.currentTarget.blur()}
        />
      </Table.Td>
      <Table.Td w={170}>
        <ColorInput
          size="xs"
          aria-label={`Colour of ${label.name}`}
          value={label.color}
          disabled={!canEdit}
          swatches={SWATCHES}
          withPicker={false}
          onChangeEnd={(color) => color !== label.color && save({ color })}
        />
      </Table.Td>
      <Table.Td w={140}>
        <Badge
          variant="default"
          leftSection={
            <span
              style={{
                width: 8,
                height: 8,
                borderRadius: 4,
                background: label.color,
                display: "inline-block",
              }}
            />
          }
        >
          {label.name}
        </Badge>
      </Table.Td>
      <Table.Td w={48}>
        {canEdit ? (
          <Tooltip label="Delete label">
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Delete ${label.name}`}
              onClick={async () => {
                const ok = await confirmDestructive({
                  title: `Delete ${label.name}?`,
                  message: "It comes off every task that has it.",
                  confirmLabel: "Delete label",
                });
                if (ok)
                  remove.mutate(label, {
                    onError: (error) => {
                      if (!isStale(error)) notifyError(error, "Couldn't delete");
                    },
                  });
              }}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

/** The workspace's labels: every project's tasks share them. */
export function LabelsSettings({
  workspaceId,
  canEdit,
}: {
  workspaceId: string;
  canEdit: boolean;
}) {
  const labels = useLabelDirectory(workspaceId);
  const create = useCreateLabel(workspaceId);
  const [name, setName] = useState("");
  const [color, setColor] = useState(SWATCHES[6] ?? "#3b82f6");
  const add = () => {
    if (!name.trim()) return;
    create.mutate(
      { name: name.trim(), color },
      {
        onSuccess: (label) => {
          setName("");
          notifySuccess(`Created ${label.name}`);
        },
        onError: (error) => notifyError(error, "Couldn't create the label"),
      },
    );
  };

  return (
    <Stack gap="lg">
      {canEdit ? (
        <Group gap="xs" align="flex-end">
          <TextInput
            label="New label"
            placeholder="Bug, Customer, Blocked…"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            onKeyDown={(event) => event.key === "Enter" && add()}
            w={260}
          />
          <ColorInput
            label="Colour"
            value={color}
            onChange={setColor}
            swatches={SWATCHES}
            w={150}
          />
          <Button onClick={add} loading={create.isPending} disabled={!name.trim()}>
            Create label
          </Button>
        </Group>
      ) : null}
      {labels.isPending ? (
        <SkeletonRows rows={4} height={40} />
      ) : labels.isError && !labels.items ? (
        <ErrorState error={labels.error} onRetry={() => labels.refetch()} />
      ) : (labels.items ?? []).length === 0 ? (
        <EmptyState
          icon={<IconTag size={22} />}
          title="No labels yet"
          description="Labels cut across projects: use them for kinds of work (Bug, Chore) or whatever you filter by."
        />
      ) : (
        <DataTable minWidth={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Colour</Table.Th>
              <Table.Th>Preview</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(labels.items ?? []).map((label) => (
              // A new version (ours or someone else's) starts the row's name over from it.
              <LabelRow
                key={`${label.id}-${label.version}`}
                workspaceId={workspaceId}
                label={label}
                canEdit={canEdit}
              />
            ))}
          </Table.Tbody>
        </DataTable>
      )}
      <Text size="xs" c="dimmed">
        {(labels.items ?? []).length} labels
      </Text>
    </Stack>
  );
}
