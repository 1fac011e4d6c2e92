import { Group, TextInput } from "@mantine/core";
import { useForm } from "react-hook-form";
import { ApiForm } from "@/components/api-form";
import { FormActions } from "@/components/form-actions";
import { SelectField } from "@/components/select-field";
import { useApiSubmit } from "@/hooks/use-api-submit";
import { notBlank, textField } from "@/lib/forms";
import { useCreateWorkspace, type Workspace } from "../api";
import { browserTimeZone, timeZones, WEEKDAYS } from "./options";

interface Values {
  name: string;
  timezone: string;
  week_start: string;
}

export function CreateWorkspaceForm({
  onCreated,
  onCancel,
}: {
  onCreated: (workspace: Workspace) => void;
  onCancel?: () => void;
}) {
  const create = useCreateWorkspace();
  const form = useForm<Values>({
    defaultValues: { name: "", timezone: browserTimeZone(), week_start: "1" },
  });
  const { control, formState } = form;
  const { formError, submit } = useApiSubmit(form, ["name", "timezone", "week_start"]);

  const onSubmit = submit(async (values) => {
    const workspace = await create.mutateAsync({
      name: values.name.trim(),
      timezone: values.timezone,
      week_start: Number(values.week_start),
      timer_rounding_minutes: 1,
    });
    onCreated(workspace);
  });

  return (
    <ApiForm onSubmit={onSubmit} error={formError}>
      <TextInput
        label="Workspace name"
        placeholder="Acme Operations"
        data-autofocus
        autoFocus
        {...textField(form, "name", notBlank("Give the workspace a name."))}
      />
      <Group grow align="flex-start">
        <SelectField
          control={control}
          name="timezone"
          label="Time zone"
          searchable
          data={timeZones}
          fallback="UTC"
          comboboxProps={{ withinPortal: true }}
        />
        <SelectField
          control={control}
          name="week_start"
          label="Week starts on"
          data={WEEKDAYS}
          fallback="1"
        />
      </Group>
      <FormActions
        submitLabel="Create workspace"
        submitting={formState.isSubmitting}
        onCancel={onCancel}
      />
    </ApiForm>
  );
}
