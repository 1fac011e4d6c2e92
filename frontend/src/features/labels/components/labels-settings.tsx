import { Badge, Button, ColorInput, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { IconTag, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useLabelDirectory } from "@/api/directory";
import { isStale } from "@/api/errors";
import { ApiForm } from "@/components/api-form";
import { confirmDestructive } from "@/components/confirm";
import { DataTable } from "@/components/data-table";
import { IconAction } from "@/components/icon-action";
import { notifyError, notifySuccess } from "@/components/notify";
import { EmptyState, ErrorState, SkeletonRows } from "@/components/states";
import { plural } from "@/lib/format";
import { applyProblemToForm } from "@/lib/forms";
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

interface NameValues {
  name: string;
}

const NAME_FIELDS = ["name"] as const;
/** A 409 for a name in use carries no pointer, but it is about the name. */
const NAME_CODES = { label_name_taken: "name" } as const;

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
  const { register, setError, clearErrors, setValue, getValues, formState } = useForm<NameValues>({
    defaultValues: { name: label.name },
  });
  const save = (changes: { name?: string; color?: string }) =>
    update.mutate(
      { label, changes },
      {
        onError: (error) => {
          // A 412 already offered to apply the change to the latest version.
          if (isStale(error)) return setValue("name", label.name);
          // A name the server refused stays in the field, with the reason under it, to fix.
          if (changes.name && !applyProblemToForm(error, setError, NAME_FIELDS, NAME_CODES)) return;
          setValue("name", label.name);
          notifyError(error, "Couldn't save the label");
        },
      },
    );
  const rename = () => {
    const name = getValues("name").trim();
    if (name && name !== label.name) save({ name });
    else {
      setValue("name", label.name);
      clearErrors("name");
    }
  };
  return (
    <Table.Tr>
      <Table.Td>
        <TextInput
          size="xs"
          variant="unstyled"
          aria-label={`Name of ${label.name}`}
          disabled={!canEdit}
          error={formState.errors.name?.message}
          {...register("name", { onBlur: rename, onChange: () => clearErrors("name") })}
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
          <IconAction
            tooltip="Delete label"
            color="red"
            label={`Delete ${label.name}`}
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
            icon={<IconTrash size={16} />}
          />
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

interface LabelsSettingsProps {
  workspaceId: string;
  canEdit: boolean;
}

/** The workspace's labels: every project's tasks share them. */
export function LabelsSettings({ workspaceId, canEdit }: LabelsSettingsProps) {
  const labels = useLabelDirectory(workspaceId);
  const create = useCreateLabel(workspaceId);
  const [color, setColor] = useState(SWATCHES[6] ?? "#3b82f6");
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, reset, watch, formState } = useForm<NameValues>({
    defaultValues: { name: "" },
  });
  const add = handleSubmit(async ({ name }) => {
    setFormError(null);
    try {
      const label = await create.mutateAsync({ name: name.trim(), color });
      reset();
      notifySuccess(`Created ${label.name}`);
    } catch (error) {
      setFormError(applyProblemToForm(error, setError, NAME_FIELDS, NAME_CODES));
    }
  });
  const count = (labels.items ?? []).length;

  return (
    <Stack gap="lg">
      {canEdit ? (
        <ApiForm onSubmit={add} error={formError} gap="xs">
          <Group gap="xs" align="flex-start">
            <TextInput
              label="New label"
              placeholder="Bug, Customer, Blocked…"
              error={formState.errors.name?.message}
              {...register("name", { validate: (value) => value.trim().length > 0 })}
              w={260}
            />
            <ColorInput
              label="Colour"
              value={color}
              onChange={setColor}
              swatches={SWATCHES}
              w={150}
            />
            <Button
              type="submit"
              mt={25}
              loading={formState.isSubmitting}
              disabled={!watch("name").trim()}
            >
              Create label
            </Button>
          </Group>
        </ApiForm>
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
        <DataTable
          minWidth={560}
          head={
            <>
              <Table.Th>Name</Table.Th>
              <Table.Th>Colour</Table.Th>
              <Table.Th>Preview</Table.Th>
              <Table.Th />
            </>
          }
        >
          {(labels.items ?? []).map((label) => (
            // A new version (ours or someone else's) starts the row's name over from it.
            <LabelRow
              key={`${label.id}-${label.version}`}
              workspaceId={workspaceId}
              label={label}
              canEdit={canEdit}
            />
          ))}
        </DataTable>
      )}
      <Text size="xs" c="dimmed">
        {plural(count, "label")}
      </Text>
    </Stack>
  );
}
