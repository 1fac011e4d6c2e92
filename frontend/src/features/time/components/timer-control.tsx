import { ActionIcon, Button, Loader, Popover, Text, Tooltip } from "@mantine/core";
import { IconPlayerPlayFilled, IconPlayerStopFilled, IconTrash } from "@tabler/icons-react";
import { lazy, Suspense, useEffect, useState } from "react";
import { useProjectDirectory } from "@/api/directory";
import { confirmDestructive } from "@/components/confirm";
import { notifyError, notifySuccess } from "@/components/notify";
import { type Timer, useDiscardTimer, useStopTimer, useTasksById, useTimer } from "../api";
import { formatElapsed, formatMinutes } from "../duration";
import classes from "./time.module.css";

// The start form (project and task pickers) loads when first opened: the header shows on every
// screen, and the pickers would otherwise weigh on the landing route (docs/performance.md).
const StartTimerForm = lazy(async () => ({
  default: (await import("./start-timer-form")).StartTimerForm,
}));

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
          <Suspense fallback={<Loader size="sm" mx="auto" display="block" />}>
            <StartTimerForm
              workspaceId={workspaceId}
              replacing={Boolean(running)}
              onStarted={() => onStartOpenedChange(false)}
            />
          </Suspense>
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
      <Tooltip label="Stop and log the time">
        <ActionIcon
          color="red"
          variant="filled"
          size="md"
          aria-label="Stop timer"
          onClick={onStop}
          loading={stop.isPending}
        >
          <IconPlayerStopFilled size={14} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Discard without logging">
        <ActionIcon
          color="gray"
          variant="subtle"
          size="md"
          aria-label="Discard timer"
          onClick={onDiscard}
          loading={discard.isPending}
        >
          <IconTrash size={15} />
        </ActionIcon>
      </Tooltip>
    </div>
  );
}
