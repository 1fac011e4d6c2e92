import { Alert, Button, Group, List, Stack, Text, TextInput } from "@mantine/core";
import { IconGitMerge } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { isApiError } from "@/api/errors";
import { FormAlert } from "@/components/form-alert";
import { notifySuccess } from "@/components/notify";
import { SelectField } from "@/components/select-field";
import { applyProblemToForm, notBlank } from "@/lib/forms";
import {
  canAdminister,
  useUpdateWorkspace,
  type Workspace,
  type WorkspaceUpdate,
  workspaceOptions,
} from "../api";
import {
  TIMER_ROUNDINGS,
  timerRounding,
  timeZones,
  tokenLifetime,
  tokenLifetimes,
  tokenLifetimeValue,
  WEEKDAYS,
} from "./options";

interface Values {
  name: string;
  timezone: string;
  week_start: string;
  timer_rounding_minutes: string;
  max_token_lifetime_days: string;
}

const FIELDS = [
  "name",
  "timezone",
  "week_start",
  "timer_rounding_minutes",
  "max_token_lifetime_days",
] as const;
const LABELS: Record<keyof Values, string> = {
  name: "Name",
  timezone: "Time zone",
  week_start: "Week start",
  timer_rounding_minutes: "Timer rounding",
  max_token_lifetime_days: "Longest API token lifetime",
};

function toValues(workspace: Workspace): Values {
  return {
    name: workspace.name,
    timezone: workspace.timezone,
    week_start: String(workspace.week_start),
    timer_rounding_minutes: String(workspace.timer_rounding_minutes),
    max_token_lifetime_days: tokenLifetimeValue(workspace.max_token_lifetime_days),
  };
}

function choices(field: keyof Values, value: string): { value: string; label: string }[] {
  if (field === "week_start") return WEEKDAYS;
  if (field === "timer_rounding_minutes") return TIMER_ROUNDINGS;
  if (field === "max_token_lifetime_days") return tokenLifetimes(value);
  return [];
}

function shown(field: keyof Values, value: string): string {
  return choices(field, value).find((option) => option.value === value)?.label ?? value;
}

/**
 * Name, time zone, week start, timer rounding and the longest API token lifetime. Saves only what the user changed, with If-Match of the version
 * they started from; on 412 it loads the latest version, keeps their edits, and shows what
 * changed underneath them so they can save again on top of it or discard their edits.
 */
export function GeneralSettingsForm({ workspace }: { workspace: Workspace }) {
  const queryClient = useQueryClient();
  const update = useUpdateWorkspace();
  const editable = canAdminister(workspace.role);
  const [base, setBase] = useState(workspace);
  const [conflict, setConflict] = useState<Workspace | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    reset,
    getValues,
    getFieldState,
    formState,
  } = useForm<Values>({ defaultValues: toValues(workspace) });
  const { isDirty, dirtyFields, isSubmitting } = formState;

  // A newer version arriving while the user is not editing simply replaces the form.
  useEffect(() => {
    if (workspace.version > base.version && !isDirty && !conflict) {
      setBase(workspace);
      reset(toValues(workspace));
    }
  }, [workspace, base.version, isDirty, conflict, reset]);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const changes: WorkspaceUpdate = {};
    if (dirtyFields.name) changes.name = values.name.trim();
    if (dirtyFields.timezone) changes.timezone = values.timezone;
    if (dirtyFields.week_start) changes.week_start = Number(values.week_start);
    if (dirtyFields.timer_rounding_minutes) {
      changes.timer_rounding_minutes = timerRounding(values.timer_rounding_minutes);
    }
    if (dirtyFields.max_token_lifetime_days) {
      changes.max_token_lifetime_days = tokenLifetime(values.max_token_lifetime_days);
    }
    try {
      const saved = await update.mutateAsync({ base, changes });
      setConflict(null);
      setBase(saved);
      reset(toValues(saved));
      notifySuccess("Workspace settings saved");
    } catch (error) {
      if (isApiError(error) && error.isStale) {
        const latest = await queryClient.fetchQuery({
          ...workspaceOptions(workspace.id),
          staleTime: 0,
        });
        const mine = getValues();
        const edited = FIELDS.filter((field) => getFieldState(field).isDirty);
        setBase(latest);
        setConflict(latest);
        // The latest version becomes the baseline; only what the user edited is re-applied on
        // top of it and stays dirty, so saving again sends exactly their edits.
        reset(toValues(latest));
        for (const field of edited) {
          setValue(field, mine[field], { shouldDirty: true });
        }
        return;
      }
      setFormError(applyProblemToForm(error, setError, FIELDS));
    }
  });

  const discard = () => {
    const latest = conflict ?? base;
    setConflict(null);
    setBase(latest);
    reset(toValues(latest));
  };

  const theirs = conflict ? toValues(conflict) : null;

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw={560}>
        {conflict && theirs ? (
          <Alert
            color="yellow"
            variant="light"
            icon={<IconGitMerge size={18} />}
            title="Someone else changed these settings"
            role="alert"
          >
            <Stack gap="xs">
              <Text size="sm">
                We loaded the latest version. Your edits are still below: save to apply them on top
                of it, or discard them.
              </Text>
              <List size="sm" spacing={2}>
                {FIELDS.map((field) => (
                  <List.Item key={field}>
                    {LABELS[field]} is now <b>{shown(field, theirs[field])}</b>
                  </List.Item>
                ))}
              </List>
              <Group gap="xs">
                <Button size="xs" variant="default" onClick={discard}>
                  Discard my edits
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : null}
        <FormAlert message={formError} />
        <TextInput
          label="Workspace name"
          disabled={!editable}
          error={formState.errors.name?.message}
          {...register("name", notBlank("Give the workspace a name."))}
        />
        <SelectField
          control={control}
          name="timezone"
          label="Time zone"
          description="Dates, working days and reports follow this time zone."
          searchable
          disabled={!editable}
          data={timeZones}
        />
        <SelectField
          control={control}
          name="week_start"
          label="Week starts on"
          description="Used by timesheets, capacity and weekly reports."
          disabled={!editable}
          data={() => WEEKDAYS}
        />
        <SelectField
          control={control}
          name="timer_rounding_minutes"
          label="Timer rounding"
          description="A stopped timer's time rounds up to a multiple of this."
          disabled={!editable}
          data={() => TIMER_ROUNDINGS}
        />
        <SelectField
          control={control}
          name="max_token_lifetime_days"
          label="Longest API token lifetime"
          description="New tokens must expire within it. Tokens made before keep their expiry."
          disabled={!editable}
          data={tokenLifetimes}
        />
        {editable ? (
          <Group gap="xs" mt="xs">
            <Button type="submit" loading={isSubmitting} disabled={!isDirty}>
              Save changes
            </Button>
            {isDirty && !conflict ? (
              <Button variant="subtle" color="gray" onClick={() => reset(toValues(base))}>
                Cancel
              </Button>
            ) : null}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            Only owners and admins can change workspace settings.
          </Text>
        )}
      </Stack>
    </form>
  );
}
