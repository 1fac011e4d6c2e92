import { Chip, Group, Input, Modal, NumberInput, Stack, TextInput } from "@mantine/core";
import { useForm } from "react-hook-form";
import { FormActions } from "@/components/form-actions";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { notifySuccess } from "@/components/notify";
import { useApiSubmit } from "@/hooks/use-api-submit";
import { textField } from "@/lib/forms";
import { type Calendar, type CalendarUpdate, useCreateCalendar, useUpdateCalendar } from "../api";
import { weekdayOrder } from "../year";

interface Values {
  name: string;
  working_weekdays: string[];
  hours_per_day: number | string;
}

const FIELDS = ["name", "working_weekdays", "hours_per_day"] as const;
const WEEKDAY = new Intl.DateTimeFormat(undefined, { weekday: "short" });

/** Create a calendar, or change one's name, weekdays and hours from the version shown. */
export function CalendarFormModal({
  workspaceId,
  calendar,
  weekStart,
  onClose,
  onSaved,
}: {
  workspaceId: string;
  calendar?: Calendar;
  weekStart: number;
  onClose: () => void;
  onSaved?: (calendar: Calendar) => void;
}) {
  const create = useCreateCalendar(workspaceId);
  const update = useUpdateCalendar(workspaceId);
  const form = useForm<Values>({
    defaultValues: {
      name: calendar?.name ?? "",
      working_weekdays: (calendar?.working_weekdays ?? [1, 2, 3, 4, 5]).map(String),
      hours_per_day: calendar?.hours_per_day ?? 8,
    },
  });
  const { control, formState } = form;
  const { formError, submit } = useApiSubmit(form, FIELDS, {
    staleMessage:
      "Someone else changed this calendar while you were editing. Close and reopen it to see their changes, then apply yours again.",
  });

  const onSubmit = submit(async (values) => {
    const body = {
      name: values.name.trim(),
      working_weekdays: values.working_weekdays.map(Number),
      hours_per_day: Number(values.hours_per_day),
    };
    const saved = calendar
      ? await update.mutateAsync({ calendar, changes: body satisfies CalendarUpdate })
      : await create.mutateAsync(body);
    notifySuccess(calendar ? `Saved ${saved.name}` : `Created ${saved.name}`);
    onClose();
    onSaved?.(saved);
  });

  return (
    <Modal opened onClose={onClose} title={calendar ? `Edit ${calendar.name}` : "New calendar"}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormAlert message={formError} />
          <TextInput
            label="Name"
            placeholder="Bavaria office"
            data-autofocus
            {...textField(form, "name", {
              validate: (value) => value.trim().length > 0 || "Give the calendar a name.",
            })}
          />
          <FormField
            control={control}
            name="working_weekdays"
            rules={{ validate: (days) => days.length > 0 || "Pick at least one working day." }}
            render={({ value, onChange, error }) => (
              <Input.Wrapper label="Working days" error={error}>
                <Chip.Group multiple value={value} onChange={onChange}>
                  <Group gap={6} mt={6}>
                    {weekdayOrder(weekStart).map((weekday) => (
                      <Chip key={weekday} value={String(weekday)} size="sm">
                        {WEEKDAY.format(new Date(2024, 0, weekday))}
                      </Chip>
                    ))}
                  </Group>
                </Chip.Group>
              </Input.Wrapper>
            )}
          />
          <FormField
            control={control}
            name="hours_per_day"
            rules={{
              validate: (value) =>
                (Number(value) > 0 && Number(value) <= 24) || "Between 0 and 24 hours.",
            }}
            render={(field) => (
              <NumberInput
                label="Hours per working day"
                description="What a day of effort means for tasks and capacity on this calendar."
                min={0.25}
                max={24}
                step={0.5}
                decimalScale={2}
                maw={220}
                {...field}
              />
            )}
          />
          <FormActions
            submitLabel={calendar ? "Save changes" : "Create calendar"}
            submitting={formState.isSubmitting}
            onCancel={onClose}
          />
        </Stack>
      </form>
    </Modal>
  );
}
