import { Button, Group, Select, Stack, TextInput } from "@mantine/core";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { FormAlert } from "@/components/form-alert";
import { applyProblemToForm } from "@/lib/forms";
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
  const [formError, setFormError] = useState<string | null>(null);
  const { register, control, handleSubmit, setError, formState } = useForm<Values>({
    defaultValues: { name: "", timezone: browserTimeZone(), week_start: "1" },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const workspace = await create.mutateAsync({
        name: values.name.trim(),
        timezone: values.timezone,
        week_start: Number(values.week_start),
        timer_rounding_minutes: 1,
      });
      onCreated(workspace);
    } catch (error) {
      setFormError(applyProblemToForm(error, setError, ["name", "timezone", "week_start"]));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <FormAlert message={formError} />
        <TextInput
          label="Workspace name"
          placeholder="Acme Operations"
          data-autofocus
          autoFocus
          error={formState.errors.name?.message}
          {...register("name", {
            validate: (value) => value.trim().length > 0 || "Give the workspace a name.",
          })}
        />
        <Group grow align="flex-start">
          <Controller
            control={control}
            name="timezone"
            render={({ field, fieldState }) => (
              <Select
                label="Time zone"
                searchable
                data={timeZones(field.value)}
                value={field.value}
                onChange={(value) => field.onChange(value ?? "UTC")}
                error={fieldState.error?.message}
                comboboxProps={{ withinPortal: true }}
              />
            )}
          />
          <Controller
            control={control}
            name="week_start"
            render={({ field, fieldState }) => (
              <Select
                label="Week starts on"
                data={WEEKDAYS}
                value={field.value}
                onChange={(value) => field.onChange(value ?? "1")}
                error={fieldState.error?.message}
              />
            )}
          />
        </Group>
        <Group justify="flex-end" gap="xs" mt="xs">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" loading={formState.isSubmitting}>
            Create workspace
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
