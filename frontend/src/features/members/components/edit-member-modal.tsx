import { Button, Group, Modal, NumberInput, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { isApiError } from "@/api/errors";
import { FormAlert } from "@/components/form-alert";
import { notifySuccess } from "@/components/notify";
import { applyProblemToForm } from "@/lib/forms";
import { type Member, useUpdateMember } from "../api";

interface Values {
  weekly_capacity_hours: number | string;
  cost_rate: number | string;
}

const FIELDS = ["weekly_capacity_hours", "cost_rate"] as const;

/** Capacity and cost rate of one member; `member` is the latest version we hold. */
export function EditMemberModal({
  workspaceId,
  member,
  onClose,
}: {
  workspaceId: string;
  member: Member;
  onClose: () => void;
}) {
  const update = useUpdateMember(workspaceId);
  const [formError, setFormError] = useState<string | null>(null);
  const { control, handleSubmit, setError, formState } = useForm<Values>({
    defaultValues: {
      weekly_capacity_hours: member.weekly_capacity_hours,
      cost_rate: member.cost_rate == null ? "" : Number(member.cost_rate),
    },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
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
    } catch (error) {
      if (isApiError(error) && error.isStale) {
        // The lists refetch on settle, so `member` becomes the latest version: saving again applies.
        setFormError(
          "Someone else changed this member while you were editing. We loaded their latest details; save again to apply your values.",
        );
        return;
      }
      setFormError(applyProblemToForm(error, setError, FIELDS));
    }
  });

  return (
    <Modal opened onClose={onClose} title={`Edit ${member.name}`} size="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Capacity feeds workload and scheduling; the cost rate turns logged time into cost.
          </Text>
          <FormAlert message={formError} />
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
                  data-autofocus
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
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={formState.isSubmitting}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
