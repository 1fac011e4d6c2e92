import {
  Checkbox,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
// With the date pickers, not in main.tsx: they load with the screens that use them.
import "@mantine/dates/styles.css";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useLabelDirectory, useProjectDirectory, useProjectStatuses } from "@/api/directory";
import { FormActions } from "@/components/form-actions";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { AssigneesSelect } from "@/components/member-select";
import { notifySuccess } from "@/components/notify";
import { ProjectSelect } from "@/components/project-select";
import { useApiSubmit } from "@/hooks/use-api-submit";
import { textField } from "@/lib/forms";
import { type Priority, type Task, useCreateTask } from "../api";
import { PRIORITIES } from "./fields";

interface Values {
  project_id: string;
  title: string;
  description: string;
  status_id: string | null;
  priority: Priority;
  assignee_ids: string[];
  label_ids: string[];
  due_date: string | null;
}

const FIELDS = [
  "project_id",
  "title",
  "description",
  "status_id",
  "priority",
  "assignee_ids",
  "label_ids",
  "due_date",
] as const;

export interface CreateTaskDefaults {
  projectId?: string;
  statusId?: string;
  parentId?: string;
  assigneeIds?: string[];
}

export function CreateTaskModal({
  workspaceId,
  opened,
  defaults,
  onClose,
  onCreated,
}: {
  workspaceId: string;
  opened: boolean;
  defaults: CreateTaskDefaults;
  onClose: () => void;
  onCreated?: (task: Task) => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={defaults.parentId ? "New subtask" : "New task"}
      size="lg"
    >
      {opened ? (
        <CreateTaskForm
          workspaceId={workspaceId}
          defaults={defaults}
          onClose={onClose}
          onCreated={onCreated}
        />
      ) : null}
    </Modal>
  );
}

function CreateTaskForm({
  workspaceId,
  defaults,
  onClose,
  onCreated,
}: {
  workspaceId: string;
  defaults: CreateTaskDefaults;
  onClose: () => void;
  onCreated?: (task: Task) => void;
}) {
  const create = useCreateTask(workspaceId);
  const projects = useProjectDirectory(workspaceId);
  const labels = useLabelDirectory(workspaceId);
  const [more, setMore] = useState(false);
  const firstOpen = projects.items?.find((project) => project.status !== "archived");
  const form = useForm<Values>({
    defaultValues: {
      project_id: defaults.projectId ?? firstOpen?.id ?? "",
      title: "",
      description: "",
      status_id: defaults.statusId ?? null,
      priority: "none",
      assignee_ids: defaults.assigneeIds ?? [],
      label_ids: [],
      due_date: null,
    },
  });
  const { control, reset, watch, setValue, formState } = form;
  const { formError, submit } = useApiSubmit(form, FIELDS);
  const projectId = watch("project_id");
  const statuses = useProjectStatuses(workspaceId, projectId || undefined);

  const onSubmit = submit(async (values) => {
    const task = await create.mutateAsync({
      project_id: values.project_id,
      title: values.title.trim(),
      description: values.description,
      status_id: values.status_id,
      priority: values.priority,
      assignee_ids: values.assignee_ids,
      label_ids: values.label_ids,
      due_date: values.due_date,
      parent_id: defaults.parentId ?? null,
      scheduling_mode: "auto",
    });
    notifySuccess(`Created ${task.key}`);
    // Close first: onCreated may navigate, and a later close (which edits the URL) would
    // replace that navigation while the next screen is still loading.
    if (more) reset({ ...values, title: "", description: "" });
    else onClose();
    onCreated?.(task);
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <FormAlert message={formError} />
        {defaults.projectId ? null : (
          <FormField
            control={control}
            name="project_id"
            rules={{ required: "Choose a project." }}
            render={(field) => (
              <ProjectSelect
                workspaceId={workspaceId}
                nothingFoundMessage="No projects yet"
                {...field}
                onChange={(projectId) => {
                  field.onChange(projectId);
                  setValue("status_id", null);
                }}
              />
            )}
          />
        )}
        <TextInput
          label="Title"
          placeholder="What needs doing?"
          data-autofocus
          {...textField(form, "title", {
            validate: (value) => value.trim().length > 0 || "Give the task a title.",
          })}
        />
        <Textarea
          label="Description"
          description="Markdown works: **bold**, lists, links, `code`."
          autosize
          minRows={3}
          maxRows={10}
          {...textField(form, "description")}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <FormField
            control={control}
            name="status_id"
            render={(field) => (
              <Select
                label="Status"
                placeholder="Project default"
                clearable
                data={(statuses.data ?? []).map((status) => ({
                  value: status.id,
                  label: status.name,
                }))}
                {...field}
              />
            )}
          />
          <FormField
            control={control}
            name="priority"
            render={(field) => (
              <Select
                label="Priority"
                data={PRIORITIES}
                value={field.value}
                onChange={(value) => field.onChange((value as Priority | null) ?? "none")}
              />
            )}
          />
          <FormField
            control={control}
            name="assignee_ids"
            render={(field) => <AssigneesSelect workspaceId={workspaceId} {...field} />}
          />
          <FormField
            control={control}
            name="due_date"
            render={(field) => (
              <DatePickerInput
                label="Due date"
                placeholder="No due date"
                clearable
                valueFormat="MMM D, YYYY"
                {...field}
              />
            )}
          />
        </SimpleGrid>
        <FormField
          control={control}
          name="label_ids"
          render={(field) => (
            <MultiSelect
              label="Labels"
              placeholder={field.value.length ? undefined : "None"}
              searchable
              data={(labels.items ?? []).map((label) => ({ value: label.id, label: label.name }))}
              nothingFoundMessage="No labels yet"
              {...field}
            />
          )}
        />
        <FormActions
          submitLabel="Create task"
          submitting={formState.isSubmitting}
          onCancel={onClose}
          aside={
            <Checkbox
              size="xs"
              label="Create more"
              checked={more}
              onChange={(event) => setMore(event.currentTarget.checked)}
            />
          }
        />
      </Stack>
    </form>
  );
}
