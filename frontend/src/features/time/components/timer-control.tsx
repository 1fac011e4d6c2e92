import { Button, Checkbox, Group, Popover, Text, TextInput, Tooltip } from "@mantine/core";
import { IconPlayerPlayFilled, IconPlayerStopFilled, IconTrash } from "@tabler/icons-react";
import { type FormEvent, useEffect, useState } from "react";
import { useProjectDirectory } from "@/api/directory";
import { toApiError } from "@/api/errors";
import { ApiForm } from "@/components/api-form";
import { confirmDestructive } from "@/components/confirm";
import { IconAction } from "@/components/icon-action";
import { notifyError, notifySuccess } from "@/components/notify";
import { ProjectSelect } from "@/components/project-select";
import {
  type Timer,
  useDiscardTimer,
  useStartTimer,
  useStopTimer,
  useTasksById,
  useTimer,
} from "../api";
import { formatElapsed, formatMinutes } from "../duration";
import { TaskSelect } from "./task-select";
import classes from "./time.module.css";

/**
 * The header's timer: the running one ticking from its start, with Stop and Discard; otherwise
 * a Start button with a small form. `startOpened` lets the command palette open that form.
 */
export function TimerControl({
  workspaceId,
  startOpened,
  onStartOpenedChange,
}: {
  workspaceId: string;
  startOpened: boolean;
  onStartOpenedChange: (opened: boolean) => void;
}) {
  const timer = useTimer(workspaceId);
  if (timer.isPending || timer.isError) return null;
  const running = timer.data ?? null;
  return (
    <Popover
      opened={startOpened}
      onChange={onStartOpenedChange}
      position="bottom-end"
      width={340}
      trapFocus
      withArrow
      shadow="md"
    >
      <Popover.Target>
        {running ? (
          <div>
            <RunningTimer workspaceId={workspaceId} timer={running} />
          </div>
        ) : (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPlayerPlayFilled size={12} />}
            onClick={() => onStartOpenedChange(!startOpened)}
            aria-expanded={startOpened}
          >
            Start timer
          </Button>
        )}
      </Popover.Target>
      <Popover.Dropdown role="dialog">
        {startOpened ? (
          <StartTimerForm
            workspaceId={workspaceId}
            replacing={Boolean(running)}
            onStarted={() => onStartOpenedChange(false)}
          />
        ) : null}
      </Popover.Dropdown>
    </Popover>
  );
}

/** Seconds since `startedAt`, updated every second. */
function useElapsed(startedAt: string): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, []);
  return (now - new Date(startedAt).getTime()) / 1000;
}

function RunningTimer({ workspaceId, timer }: { workspaceId: string; timer: Timer }) {
  const elapsed = useElapsed(timer.started_at);
  const projects = useProjectDirectory(workspaceId);
  const tasks = useTasksById(workspaceId, [timer.task_id]);
  const stop = useStopTimer(workspaceId);
  const discard = useDiscardTimer(workspaceId);
  const project = projects.byId.get(timer.project_id);
  const task = timer.task_id ? tasks.get(timer.task_id) : undefined;
  const label = task?.key ?? project?.key ?? "Timer";
  const detail = [task?.title ?? project?.name, timer.description].filter(Boolean).join(" · ");

  // Awaited rather than `mutate` callbacks: this component unmounts as soon as the timer stops.
  const onStop = async () => {
    try {
      const entry = await stop.mutateAsync();
      notifySuccess(`Logged ${formatMinutes(entry.minutes)} on ${label}`);
    } catch (error) {
      notifyError(error, "Couldn't stop the timer");
    }
  };
  const onDiscard = async () => {
    const ok = await confirmDestructive({
      title: "Discard the running timer?",
      message: `${formatElapsed(elapsed)} on ${label} is thrown away, not logged.`,
      confirmLabel: "Discard timer",
    });
    if (ok)
      discard.mutate(undefined, {
        onError: (error) => notifyError(error, "Couldn't discard the timer"),
      });
  };

  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of controls, not a fieldset
    <div className={classes.timer} role="group" aria-label="Running timer">
      <span className={classes.pulse} aria-hidden />
      <Tooltip label={detail || label} disabled={!detail}>
        <Text size="sm" fw={500} ff="monospace" maw={120} truncate>
          {label}
        </Text>
      </Tooltip>
      <Text size="sm" className={classes.elapsed} role="timer" aria-label="Elapsed time">
        {formatElapsed(elapsed)}
      </Text>
      <IconAction
        tooltip="Stop and log the time"
        color="red"
        variant="filled"
        size="md"
        label="Stop timer"
        onClick={onStop}
        loading={stop.isPending}
        icon={<IconPlayerStopFilled size={14} />}
      />
      <IconAction
        tooltip="Discard without logging"
        size="md"
        label="Discard timer"
        onClick={onDiscard}
        loading={discard.isPending}
        icon={<IconTrash size={15} />}
      />
    </div>
  );
}

function StartTimerForm({
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
    <ApiForm onSubmit={onSubmit} error={error} gap="sm">
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
    </ApiForm>
  );
}
