import { FileInput, Modal, NumberInput, SegmentedControl, Stack, Text } from "@mantine/core";
import { IconFileImport } from "@tabler/icons-react";
import { useForm } from "react-hook-form";
import { FormActions } from "@/components/form-actions";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { notifySuccess } from "@/components/notify";
import { useApiSubmit } from "@/hooks/use-api-submit";
import { plural } from "@/lib/format";
import { type Calendar, type CalendarImportResult, useImportExceptions } from "../api";

/** The server takes up to 256 KiB of text; a bigger file is refused before it is sent. */
const MAX_BYTES = 262_144;
const MAX_YEARS = 10;

/** The file is `ics`, as the API names its text: a problem at `/ics` shows under it. */
interface Values {
  ics: File | null;
  kind: "holidays" | "working";
  years: number | string;
}

const FIELDS = ["ics", "kind", "years"] as const;

/** "12 holidays added; 4 already days off; 3 already there." */
export function importSummary(result: CalendarImportResult, working: boolean): string {
  const added = plural(result.created, working ? "extra working day" : "holiday");
  const parts = [`${added} added`];
  if (result.unchanged) {
    parts.push(`${result.unchanged} ${working ? "already working days" : "already days off"}`);
  }
  if (result.skipped) parts.push(`${result.skipped} already there`);
  if (result.outside) parts.push(`${result.outside} outside the years imported`);
  return `${parts.join("; ")}.`;
}

/**
 * Read an iCalendar file (a public-holiday calendar exported from anywhere) into the calendar's
 * exceptions, from the year shown for a few years.
 */
export function ImportIcsModal({
  workspaceId,
  calendar,
  year,
  onClose,
}: {
  workspaceId: string;
  calendar: Calendar;
  year: number;
  onClose: () => void;
}) {
  const importing = useImportExceptions(workspaceId, calendar.id);
  const form = useForm<Values>({ defaultValues: { ics: null, kind: "holidays", years: 3 } });
  const { control, formState, setError } = form;
  const { formError, submit } = useApiSubmit(form, FIELDS);

  const onSubmit = submit(async ({ ics: file, kind, years }) => {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setError("ics", { message: "The file is over 256 KiB; split it by year." });
      return;
    }
    const working = kind === "working";
    const result = await importing.mutateAsync({
      ics: await file.text(),
      working,
      from_date: `${year}-01-01`,
      to_date: `${year + Number(years) - 1}-12-31`,
    });
    notifySuccess(importSummary(result, working));
    onClose();
  });

  return (
    <Modal opened onClose={onClose} title={`Import into ${calendar.name}`}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <FormAlert message={formError} />
          <Text size="sm" c="dimmed">
            An iCalendar (.ics) file, such as a public-holiday calendar: each day of its events
            becomes an exception, named after the event. Days already set are left as they are.
          </Text>
          <FormField
            control={control}
            name="ics"
            rules={{ validate: (file) => Boolean(file) || "Choose an .ics file." }}
            render={(field) => (
              <FileInput
                label="File"
                placeholder="holidays.ics"
                accept=".ics,text/calendar"
                leftSection={<IconFileImport size={16} />}
                clearable
                {...field}
              />
            )}
          />
          <FormField
            control={control}
            name="kind"
            render={({ value, onChange }) => (
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  The events are
                </Text>
                <SegmentedControl
                  value={value}
                  onChange={(next) => onChange(next as Values["kind"])}
                  data={[
                    { value: "holidays", label: "Holidays and closures" },
                    { value: "working", label: "Extra working days" },
                  ]}
                  aria-label="The events are"
                />
              </Stack>
            )}
          />
          <FormField
            control={control}
            name="years"
            rules={{
              validate: (value) =>
                (Number(value) >= 1 && Number(value) <= MAX_YEARS) ||
                `From 1 to ${MAX_YEARS} years.`,
            }}
            render={(field) => (
              <NumberInput
                label="Years"
                description={`From ${year}: repeating events are added in each of these years.`}
                min={1}
                max={MAX_YEARS}
                maw={220}
                {...field}
              />
            )}
          />
          <FormActions
            submitLabel="Import"
            submitting={formState.isSubmitting}
            onCancel={onClose}
          />
        </Stack>
      </form>
    </Modal>
  );
}
