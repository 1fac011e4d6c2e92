import { Checkbox, Modal, SimpleGrid, Textarea, TextInput } from "@mantine/core";
import { useForm } from "react-hook-form";
import { ApiForm } from "@/components/api-form";
import { FormActions } from "@/components/form-actions";
import { FormField } from "@/components/form-field";
import { notifySuccess } from "@/components/notify";
import { ProjectSelect } from "@/components/project-select";
import { SelectField } from "@/components/select-field";
import { useApiSubmit } from "@/hooks/use-api-submit";
import { textField } from "@/lib/forms";
import {
  type TimeEntry,
  type TimeEntryUpdate,
  useCreateTimeEntry,
  useUpdateTimeEntry,
  useWorkTypes,
} from "../api";
import { formatMinutes, parseDuration } from "../duration";
import { TaskSelect } from "./task-select";

interface Values {
  date: string;
  project_id: string;
  task_id: string | null;
  /** The duration as typed (`1:30`, `1h30`, `1.5`, `90m`); the API's `/minutes` lands here. */
  minutes: string;
  work_type: string | null;
  billable: boolean;
  description: string;
}

const FIELDS = [
  "date",
  "project_id",
  "task_id",
  "minutes",
  "work_type",
  "billable",
  "description",
] as const;

export interface TimeEntryDefaults {
  date: string;
  projectId?: string | null;
}

/** Log time (no `entry`) or change an entry; server problems land on their fields. */
export function TimeEntryModal({
  workspaceId,
  opened,
  entry,
  defaults,
  onClose,
}: {
  workspaceId: string;
  opened: boolean;
  entry?: TimeEntry | null;
  defaults: TimeEntryDefaults;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={entry ? "Edit time" : "Log time"} size="lg">
      {opened ? (
        <TimeEntryForm
          workspaceId={workspaceId}
          entry={entry ?? null}
          defaults={defaults}
          onDone={onClose}
        />
      ) : null}
    </Modal>
  );
}

export function TimeEntryForm({
  workspaceId,
  entry,
  defaults,
  onDone,
}: {
  workspaceId: string;
  entry: TimeEntry | null;
  defaults: TimeEntryDefaults;
  onDone: () => void;
}) {
  const create = useCreateTimeEntry(workspaceId);
  const update = useUpdateTimeEntry(workspaceId);
  const workTypes = useWorkTypes(workspaceId);
  const initial: Values = entry
    ? {
        date: entry.date,
        project_id: entry.project_id,
        task_id: entry.task_id,
        minutes: formatMinutes(entry.minutes),
        work_type: entry.work_type,
        billable: entry.billable,
        description: entry.description,
      }
    : {
        date: defaults.date,
        project_id: defaults.projectId ?? "",
        task_id: null,
        minutes: "",
        work_type: null,
        billable: false,
        description: "",
      };
  const form = useForm<Values>({ defaultValues: initial });
  const { control, watch, setValue, formState } = form;
  const { formError, submit } = useApiSubmit(form, FIELDS, {
    staleMessage:
      "This entry was changed elsewhere; we loaded the latest version. Check it and save again.",
  });
  const projectId = watch("project_id");

  const onSubmit = submit(async (values) => {
    const minutes = parseDuration(values.minutes) ?? 0;
    if (entry) {
      const changes: TimeEntryUpdate = {};
      if (values.date !== entry.date) changes.date = values.date;
      if (values.project_id !== entry.project_id) changes.project_id = values.project_id;
      if (values.task_id !== entry.task_id) changes.task_id = values.task_id;
      if (minutes !== entry.minutes) changes.minutes = minutes;
      if (values.work_type !== entry.work_type) changes.work_type = values.work_type;
      if (values.billable !== entry.billable) changes.billable = values.billable;
      if (values.description !== entry.description) changes.description = values.description;
      if (Object.keys(changes).length > 0) await update.mutateAsync({ entry, changes });
      notifySuccess("Entry saved");
    } else {
      await create.mutateAsync({
        date: values.date,
        project_id: values.project_id,
        task_id: values.task_id,
        minutes,
        work_type: values.work_type,
        billable: values.billable,
        description: values.description.trim(),
      });
      notifySuccess(`Logged ${formatMinutes(minutes)}`);
    }
    onDone();
  });

  return (
    <ApiForm onSubmit={onSubmit} error={formError}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          type="date"
          label="Date"
          {...textField(form, "date", { required: "Pick a day." })}
        />
        <TextInput
          label="Duration"
          placeholder="1:30"
          description="1:30, 1h30, 1.5 or 90m"
          data-autofocus
          autoComplete="off"
          {...textField(form, "minutes", {
            validate: (value) =>
              parseDuration(value) !== null || "Type a duration such as 1:30, 1h30, 1.5 or 90m.",
          })}
        />
        <FormField
          control={control}
          name="project_id"
          rules={{ required: "Choose a project." }}
          render={(field) => (
            <ProjectSelect
              workspaceId={workspaceId}
              placeholder="Choose a project"
              {...field}
              onChange={(projectId) => {
                field.onChange(projectId);
                setValue("task_id", null);
              }}
            />
          )}
        />
        <FormField
          control={control}
          name="task_id"
          render={(field) => (
            <TaskSelect workspaceId={workspaceId} projectId={projectId || null} {...field} />
          )}
        />
        <SelectField
          control={control}
          name="work_type"
          label="Work type"
          placeholder="None"
          clearable
          data={(workTypes.data ?? []).map((workType) => ({
            value: workType.key,
            label: workType.name,
          }))}
          fallback={null}
        />
        <Checkbox label="Billable" mt={{ base: 0, sm: 30 }} {...textField(form, "billable")} />
      </SimpleGrid>
      <Textarea
        label="Description"
        placeholder="What did you work on?"
        autosize
        minRows={2}
        maxRows={6}
        {...textField(form, "description")}
      />
      <FormActions
        submitLabel={entry ? "Save entry" : "Log time"}
        submitting={formState.isSubmitting}
        onCancel={onDone}
      />
    </ApiForm>
  );
}
