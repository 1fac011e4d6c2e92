import { Modal, Stack, Text } from "@mantine/core";
import { useForm } from "react-hook-form";
import { FormActions } from "@/components/form-actions";
import { FormAlert } from "@/components/form-alert";
import { notifySuccess } from "@/components/notify";
import { useApiSubmit } from "@/hooks/use-api-submit";
import { type Member, useUpdateMember } from "../api";
import { CAPACITY_FIELDS, CapacityFields, type CapacityValues } from "./capacity-fields";

interface EditMemberModalProps {
  workspaceId: string;
  member: Member;
  onClose: () => void;
}

/** Capacity and cost rate of one member; `member` is the latest version we hold. */
export function EditMemberModal({ workspaceId, member, onClose }: EditMemberModalProps) {
  const update = useUpdateMember(workspaceId);
  const form = useForm<CapacityValues>({
    defaultValues: {
      weekly_capacity_hours: member.weekly_capacity_hours,
      cost_rate: member.cost_rate == null ? "" : Number(member.cost_rate),
    },
  });
  // The lists refetch on settle, so `member` becomes the latest version: saving again applies.
  const { formError, submit } = useApiSubmit(form, CAPACITY_FIELDS, {
    staleMessage:
      "Someone else changed this member while you were editing. We loaded their latest details; save again to apply your values.",
  });

  const onSubmit = submit(async (values) => {
    await update.mutateAsync({
      member,
      changes: {
        weekly_capacity_hours:
          values.weekly_capacity_hours === "" ? 0 : values.weekly_capacity_hours,
        cost_rate: values.cost_rate === "" ? null : values.cost_rate,
      },
    });
    notifySuccess(`Saved ${member.name}`);
    onClose();
  });

  return (
    <Modal opened onClose={onClose} title={`Edit ${member.name}`} size="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Capacity feeds workload and scheduling; the cost rate turns logged time into cost.
          </Text>
          <FormAlert message={formError} />
          <CapacityFields control={form.control} autoFocus />
          <FormActions
            submitLabel="Save"
            submitting={form.formState.isSubmitting}
            onCancel={onClose}
          />
        </Stack>
      </form>
    </Modal>
  );
}
