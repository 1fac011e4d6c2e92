import { Button, Group, Modal, NumberInput, Select, Stack, TextInput } from "@mantine/core";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { FormAlert } from "@/components/form-alert";
import { notifySuccess } from "@/components/notify";
import { applyProblemToForm } from "@/lib/forms";
import { type Role, useAddMember } from "../api";
import { ROLES } from "./roles";

interface Values {
  email: string;
  role: Role;
  weekly_capacity_hours: number | string;
  cost_rate: number | string;
}

const FIELDS = ["email", "role", "weekly_capacity_hours", "cost_rate"] as const;

export function AddMemberModal({
  workspaceId,
  callerRole,
  opened,
  onClose,
}: {
  workspaceId: string;
  callerRole: Role;
  opened: boolean;
  onClose: () => void;
}) {
  const add = useAddMember(workspaceId);
  const [formError, setFormError] = useState<string | null>(null);
  const { register, control, handleSubmit, setError, reset, formState } = useForm<Values>({
    defaultValues: { email: "", role: "member", weekly_capacity_hours: 40, cost_rate: "" },
  });

  const close = () => {
    reset();
    setFormError(null);
    onClose();
  };

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const member = await add.mutateAsync({
        email: values.email.trim(),
        role: values.role,
        weekly_capacity_hours:
          values.weekly_capacity_hours === "" ? 40 : values.weekly_capacity_hours,
        cost_rate: values.cost_rate === "" ? null : values.cost_rate,
      });
      notifySuccess(`${member.name} joined the workspace`);
      close();
    } catch (error) {
      setFormError(applyProblemToForm(error, setError, FIELDS));
    }
  });

  return (
    <Modal opened={opened} onClose={close} title="Add a member" size="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormAlert message={formError} />
          <TextInput
            label="Email"
            description="They need a Worklane account already."
            type="email"
            placeholder="name@company.com"
            data-autofocus
            error={formState.errors.email?.message}
            {...register("email", { required: "Enter their email address." })}
          />
          <Controller
            control={control}
            name="role"
            render={({ field, fieldState }) => (
              <Select
                label="Role"
                data={ROLES.filter((role) => callerRole === "owner" || role.value !== "owner").map(
                  (role) => ({ value: role.value, label: `${role.label} — ${role.description}` }),
                )}
                value={field.value}
                onChange={(value) => field.onChange(value ?? "member")}
                error={fieldState.error?.message}
                comboboxProps={{ withinPortal: true }}
              />
            )}
          />
          <Group grow align="flex-start">
            <Controller
              control={control}
              name="weekly_capacity_hours"
              render={({ field, fieldState }) => (
                <NumberInput
                  label="Capacity"
                  description="Hours per week"
                  min={0}
                  max={168}
                  decimalScale={2}
                  value={field.value}
                  onChange={field.onChange}
                  error={fieldState.error?.message}
                />
              )}
            />
            <Controller
              control={control}
              name="cost_rate"
              render={({ field, fieldState }) => (
                <NumberInput
                  label="Cost rate"
                  description="Per hour (optional)"
                  min={0}
                  decimalScale={2}
                  value={field.value}
                  onChange={field.onChange}
                  error={fieldState.error?.message}
                />
              )}
            />
          </Group>
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={formState.isSubmitting}>
              Add member
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
