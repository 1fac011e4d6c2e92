import { Modal, Select, TextInput } from "@mantine/core";
import { useForm } from "react-hook-form";
import { ApiForm } from "@/components/api-form";
import { FormActions } from "@/components/form-actions";
import { FormField } from "@/components/form-field";
import { notifySuccess } from "@/components/notify";
import { SelectField } from "@/components/select-field";
import { useApiSubmit } from "@/hooks/use-api-submit";
import { notBlank, textField } from "@/lib/forms";
import { type Member, type Team, type TeamUpdate, useCreateTeam, useUpdateTeam } from "../api";
import { subtreeIds, teamPath } from "../tree";

export type TeamFormMode =
  | { kind: "create"; parentId: string | null }
  | { kind: "edit"; team: Team };

interface Values {
  name: string;
  parent_id: string;
  lead_member_id: string;
}

const FIELDS = ["name", "parent_id", "lead_member_id"] as const;
/** A name in use is a 409 without a pointer; it belongs under the Name field all the same. */
const CODE_FIELDS = { team_name_taken: "name" } as const;
const TOP_LEVEL = "";

export function TeamFormModal({
  workspaceId,
  mode,
  teams,
  members,
  onClose,
  onSaved,
}: {
  workspaceId: string;
  mode: TeamFormMode;
  teams: Team[];
  members: Member[];
  onClose: () => void;
  onSaved?: (team: Team) => void;
}) {
  const create = useCreateTeam(workspaceId);
  const update = useUpdateTeam(workspaceId);
  const editing = mode.kind === "edit" ? mode.team : null;
  const form = useForm<Values>({
    defaultValues: {
      name: editing?.name ?? "",
      parent_id:
        (editing ? editing.parent_id : mode.kind === "create" ? mode.parentId : null) ?? TOP_LEVEL,
      lead_member_id: editing?.lead_member_id ?? "",
    },
  });
  const { control, formState } = form;
  const { formError, submit } = useApiSubmit(form, FIELDS, {
    codeFields: CODE_FIELDS,
    staleMessage:
      "Someone else changed this team while you were editing. We loaded the latest version; save again to apply your changes.",
  });

  const excluded = editing ? subtreeIds(teams, editing.id) : new Set<string>();
  const parentOptions = [
    { value: TOP_LEVEL, label: "None (top level)" },
    ...teams
      .filter((team) => !excluded.has(team.id))
      .map((team) => ({ value: team.id, label: teamPath(teams, team) }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  ];
  const leadOptions = members.map((member) => ({ value: member.id, label: member.name }));

  const onSubmit = submit(async (values) => {
    const parent_id = values.parent_id === TOP_LEVEL ? null : values.parent_id;
    const lead_member_id = values.lead_member_id === "" ? null : values.lead_member_id;
    let saved: Team;
    if (editing) {
      const changes: TeamUpdate = {};
      if (formState.dirtyFields.name) changes.name = values.name.trim();
      if (formState.dirtyFields.parent_id) changes.parent_id = parent_id;
      if (formState.dirtyFields.lead_member_id) changes.lead_member_id = lead_member_id;
      saved = await update.mutateAsync({ team: editing, changes });
      notifySuccess(`Saved ${saved.name}`);
    } else {
      saved = await create.mutateAsync({
        name: values.name.trim(),
        parent_id,
        lead_member_id,
        member_ids: lead_member_id ? [lead_member_id] : [],
      });
      notifySuccess(`Created ${saved.name}`);
    }
    onSaved?.(saved);
    onClose();
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={editing ? `Edit ${editing.name}` : "Create a team"}
      size="md"
    >
      <ApiForm onSubmit={onSubmit} error={formError}>
        <TextInput
          label="Name"
          placeholder="Platform"
          data-autofocus
          {...textField(form, "name", notBlank("Give the team a name."))}
        />
        <SelectField
          control={control}
          name="parent_id"
          label="Part of"
          description="Teams nest, like departments."
          searchable
          data={parentOptions}
          fallback={TOP_LEVEL}
        />
        <FormField
          control={control}
          name="lead_member_id"
          render={(field) => (
            <Select
              label="Lead"
              placeholder="No lead"
              searchable
              clearable
              allowDeselect
              data={leadOptions}
              nothingFoundMessage="No member with that name"
              {...field}
              value={field.value || null}
              onChange={(value) => field.onChange(value ?? "")}
            />
          )}
        />
        <FormActions
          submitLabel={editing ? "Save" : "Create team"}
          submitting={formState.isSubmitting}
          onCancel={onClose}
          disabled={editing !== null && !formState.isDirty}
        />
      </ApiForm>
    </Modal>
  );
}
