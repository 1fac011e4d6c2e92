import {
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
// With the date pickers, not in main.tsx: they load with the screens that use them.
import "@mantine/dates/styles.css";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTeamDirectory } from "@/api/directory";
import { FormActions } from "@/components/form-actions";
import { FormAlert } from "@/components/form-alert";
import { FormField } from "@/components/form-field";
import { MemberSelect } from "@/components/member-select";
import { notifySuccess } from "@/components/notify";
import { useApiSubmit } from "@/hooks/use-api-submit";
import { toIso } from "@/lib/dates";
import { textField } from "@/lib/forms";
import {
  type Project,
  type ProjectKind,
  type ProjectUpdate,
  useCreateProject,
  useUpdateProject,
} from "../api";

interface Values {
  kind: ProjectKind;
  name: string;
  key: string;
  description: string;
  start_date: string | null;
  target_date: string | null;
  owner_id: string | null;
  team_id: string | null;
  budget_hours: number | string;
  budget_amount: number | string;
  currency: string;
}

const FIELDS = [
  "kind",
  "name",
  "key",
  "description",
  "start_date",
  "target_date",
  "owner_id",
  "team_id",
  "budget_hours",
  "budget_amount",
  "currency",
] as const;
/** A key in use is a 409 without a pointer; it belongs under the Key field all the same. */
const CODE_FIELDS = { project_key_taken: "key" } as const;

/** "Website relaunch" → "WR"; "Operations" → "OPS". */
export function suggestKey(name: string): string {
  const words = name
    .toUpperCase()
    .replace(/[^A-Z\s]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return "";
  if (words.length === 1) return (words[0] ?? "").slice(0, 3);
  return words
    .map((word) => word[0])
    .join("")
    .slice(0, 5);
}

function toValues(project: Project | undefined, ownerId: string | null): Values {
  return {
    kind: project?.kind ?? "project",
    name: project?.name ?? "",
    key: project?.key ?? "",
    description: project?.description ?? "",
    start_date: project?.start_date ?? toIso(new Date()),
    target_date: project?.target_date ?? null,
    owner_id: project?.owner_id ?? ownerId,
    team_id: project?.team_id ?? null,
    budget_hours: project?.budget_hours ?? "",
    budget_amount: project?.budget_amount ? Number(project.budget_amount) : "",
    currency: project?.currency ?? "",
  };
}

/** Create a project (or ongoing work), or edit one from the version the user opened. */
export function ProjectFormModal({
  workspaceId,
  opened,
  project,
  defaultOwnerId,
  onClose,
  onSaved,
}: {
  workspaceId: string;
  opened: boolean;
  project?: Project;
  defaultOwnerId: string | null;
  onClose: () => void;
  onSaved?: (project: Project) => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={project ? `Edit ${project.name}` : "New project"}
      size="lg"
    >
      {opened ? (
        <ProjectForm
          workspaceId={workspaceId}
          project={project}
          defaultOwnerId={defaultOwnerId}
          onClose={onClose}
          onSaved={onSaved}
        />
      ) : null}
    </Modal>
  );
}

function ProjectForm({
  workspaceId,
  project,
  defaultOwnerId,
  onClose,
  onSaved,
}: {
  workspaceId: string;
  project?: Project;
  defaultOwnerId: string | null;
  onClose: () => void;
  onSaved?: (project: Project) => void;
}) {
  const create = useCreateProject(workspaceId);
  const update = useUpdateProject(workspaceId);
  const teams = useTeamDirectory(workspaceId);
  const [keyTouched, setKeyTouched] = useState(Boolean(project));
  const form = useForm<Values>({ defaultValues: toValues(project, defaultOwnerId) });
  const { control, setValue, watch, formState } = form;
  const { formError, submit } = useApiSubmit(form, FIELDS, {
    codeFields: CODE_FIELDS,
    staleMessage:
      "Someone else changed this project while you were editing. Close and reopen it to see their changes, then apply yours again.",
  });
  const kind = watch("kind");

  const onSubmit = submit(async (values) => {
    const common = {
      name: values.name.trim(),
      description: values.description,
      start_date: values.start_date,
      target_date: values.kind === "project" ? values.target_date : null,
      owner_id: values.owner_id,
      team_id: values.team_id,
      budget_hours: values.budget_hours === "" ? null : Number(values.budget_hours),
      budget_amount: values.budget_amount === "" ? null : String(values.budget_amount),
      currency: values.currency.trim() ? values.currency.trim().toUpperCase() : null,
    };
    const saved = project
      ? await update.mutateAsync({ project, changes: common satisfies ProjectUpdate })
      : await create.mutateAsync({
          ...common,
          kind: values.kind,
          key: values.key.trim().toUpperCase(),
          scheduling_mode: "auto",
          description: values.description,
        });
    notifySuccess(project ? `Saved ${saved.name}` : `Created ${saved.name}`);
    // Close first: onSaved may navigate, and a later close (which edits the URL) would
    // replace that navigation while the next screen is still loading.
    onClose();
    onSaved?.(saved);
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <FormAlert message={formError} />
        {project ? null : (
          <FormField
            control={control}
            name="kind"
            render={(field) => (
              <Stack gap={4}>
                <SegmentedControl
                  fullWidth
                  value={field.value}
                  onChange={(value) => field.onChange(value as ProjectKind)}
                  data={[
                    { value: "project", label: "Project" },
                    { value: "ongoing", label: "Ongoing work" },
                  ]}
                  aria-label="Kind"
                />
                <Text size="xs" c="dimmed">
                  {field.value === "project"
                    ? "Has a start and a target date, and moves through phases from initiation to closed."
                    : "Runs without an end: operations, support, maintenance."}
                </Text>
              </Stack>
            )}
          />
        )}
        <Group grow align="flex-start">
          <TextInput
            label="Name"
            placeholder="Website relaunch"
            data-autofocus
            {...textField(form, "name", {
              validate: (value) => value.trim().length > 0 || "Give the project a name.",
              onChange: (event) => {
                if (!keyTouched) setValue("key", suggestKey(event.target.value));
              },
            })}
          />
          <TextInput
            label="Key"
            description={project ? "Task keys start with it; it cannot change." : undefined}
            placeholder="WEB"
            maw={140}
            disabled={Boolean(project)}
            {...textField(form, "key", {
              validate: (value) =>
                Boolean(project) ||
                /^[A-Z]{2,10}$/.test(value.trim().toUpperCase()) ||
                "2 to 10 letters, A to Z.",
              onChange: () => setKeyTouched(true),
              setValueAs: (value: string) => value.toUpperCase(),
            })}
          />
        </Group>
        <Textarea
          label="Description"
          autosize
          minRows={2}
          maxRows={6}
          {...textField(form, "description")}
        />
        <SimpleGrid cols={2} spacing="md">
          <FormField
            control={control}
            name="start_date"
            rules={{
              validate: (value) => kind === "ongoing" || Boolean(value) || "Pick a start date.",
            }}
            render={(field) => (
              <DatePickerInput
                label="Start"
                valueFormat="MMM D, YYYY"
                clearable={kind === "ongoing"}
                {...field}
              />
            )}
          />
          {kind === "project" ? (
            <FormField
              control={control}
              name="target_date"
              rules={{ validate: (value) => Boolean(value) || "Pick a target date." }}
              render={(field) => (
                <DatePickerInput
                  label="Target"
                  placeholder="When should it be done?"
                  valueFormat="MMM D, YYYY"
                  {...field}
                />
              )}
            />
          ) : (
            <div />
          )}
          <FormField
            control={control}
            name="owner_id"
            render={(field) => <MemberSelect workspaceId={workspaceId} label="Owner" {...field} />}
          />
          <FormField
            control={control}
            name="team_id"
            render={(field) => (
              <Select
                label="Team"
                placeholder="No team"
                searchable
                clearable
                data={(teams.items ?? []).map((team) => ({ value: team.id, label: team.name }))}
                nothingFoundMessage="No teams yet"
                {...field}
              />
            )}
          />
        </SimpleGrid>
        <SimpleGrid cols={3} spacing="md">
          <FormField
            control={control}
            name="budget_hours"
            render={(field) => (
              <NumberInput label="Budget hours" min={0} decimalScale={2} {...field} />
            )}
          />
          <FormField
            control={control}
            name="budget_amount"
            render={(field) => (
              <NumberInput
                label="Budget amount"
                min={0}
                decimalScale={2}
                thousandSeparator=","
                {...field}
              />
            )}
          />
          <TextInput
            label="Currency"
            placeholder="EUR"
            maxLength={3}
            {...textField(form, "currency")}
          />
        </SimpleGrid>
        <FormActions
          submitLabel={project ? "Save changes" : "Create project"}
          submitting={formState.isSubmitting}
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
}
