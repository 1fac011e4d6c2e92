import { Button, Checkbox, Group, Stack, Text, TextInput } from "@mantine/core";
import { IconPlayerPlayFilled } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { toApiError } from "@/api/errors";
import { FormAlert } from "@/components/form-alert";
import { ProjectSelect } from "@/components/project-select";
import { useStartTimer } from "../api";
import { TaskSelect } from "./task-select";

/** The header timer's start form: a project, optionally a task, a description. */
export function StartTimerForm({
  workspaceId,
  replacing,
  onStarted,
}: {
  workspaceId: string;
  replacing: boolean;
  onStarted: () => void;
}) {
  const start = useStartTimer(workspaceId);
  const [projectId, setProjectId] = useState<string | null>(null);
  const [taskId, setTaskId] = useState<string | null>(null);
  const [description, setDescription] = useState("");
  const [billable, setBillable] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [projectError, setProjectError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!projectId) {
      setProjectError("Choose a project.");
      return;
    }
    start
      .mutateAsync({
        project_id: projectId,
        task_id: taskId,
        description: description.trim(),
        billable,
      })
      .then(onStarted, (failure: unknown) => setError(toApiError(failure).detail));
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <FormAlert message={error} />
        {replacing ? (
          <Text size="xs" c="dimmed">
            Starting a new timer stops and logs the running one.
          </Text>
        ) : null}
        <ProjectSelect
          workspaceId={workspaceId}
          placeholder="Choose a project"
          data-autofocus
          comboboxProps={{ withinPortal: false }}
          value={projectId ?? ""}
          error={projectError}
          onChange={(value) => {
            setProjectId(value || null);
            setProjectError(null);
            setTaskId(null);
          }}
        />
        <TaskSelect
          workspaceId={workspaceId}
          projectId={projectId}
          comboboxProps={{ withinPortal: false }}
          value={taskId}
          onChange={setTaskId}
        />
        <TextInput
          label="Description"
          placeholder="What are you working on?"
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
        />
        <Group justify="space-between">
          <Checkbox
            size="xs"
            label="Billable"
            checked={billable}
            onChange={(event) => setBillable(event.currentTarget.checked)}
          />
          <Button
            type="submit"
            size="xs"
            leftSection={<IconPlayerPlayFilled size={12} />}
            loading={start.isPending}
          >
            Start
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
