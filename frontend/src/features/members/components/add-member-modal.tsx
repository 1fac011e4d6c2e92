import { Modal, Select, Stack, TextInput } from "@mantine/core";
import { type Control, useForm } from "react-hook-form";
import { FormActions } from "@/components/form-actions";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { notifySuccess } from "@/components/notify";
import { useApiSubmit } from "@/hooks/use-api-submit";
import { textField } from "@/lib/forms";
import { type Role, useAddMember } from "../api";
import { CAPACITY_FIELDS, CapacityFields, type CapacityValues } from "./capacity-fields";
import { ROLES } from "./roles";

interface Values extends CapacityValues {
  email: string;
  role: Role;
}

const FIELDS = ["email", "role", ...CAPACITY_FIELDS] as const;

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
  const form = useForm<Values>({
    defaultValues: { email: "", role: "member", weekly_capacity_hours: 40, cost_rate: "" },
  });
  const { control, reset, formState } = form;
  const { formError, setFormError, submit } = useApiSubmit(form, FIELDS);

  const close = () => {
    reset();
    setFormError(null);
    onClose();
  };

  const onSubmit = submit(async (values) => {
    const member = await add.mutateAsync({
      email: values.email.trim(),
      role: values.role,
      weekly_capacity_hours:
        values.weekly_capacity_hours === "" ? 40 : values.weekly_capacity_hours,
      cost_rate: values.cost_rate === "" ? null : values.cost_rate,
    });
    notifySuccess(`${member.name} joined the workspace`);
    close();
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
            {...textField(form, "email", { required: "Enter their email address." })}
          />
          <FormField
            control={control}
            name="role"
            render={(field) => (
              <Select
                label="Role"
                data={ROLES.filter((role) => callerRole === "owner" || role.value !== "owner").map(
                  (role) => ({ value: role.value, label: `${role.label} — ${role.description}` }),
                )}
                comboboxProps={{ withinPortal: true }}
                {...field}
                onChange={(value) => field.onChange((value as Role | null) ?? "member")}
              />
            )}
          />
          {/* The form's values extend the capacity fields', which are all this control reaches. */}
          <CapacityFields control={control as unknown as Control<CapacityValues>} />
          <FormActions
            submitLabel="Add member"
            submitting={formState.isSubmitting}
            onCancel={close}
          />
        </Stack>
      </form>
    </Modal>
  );
}
