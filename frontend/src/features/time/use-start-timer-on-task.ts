import { notifyError, notifySuccess } from "@/components/notify";
import { useStartTimer } from "./api";
import { formatMinutes } from "./duration";

/** Start the timer on a task (any running one stops and is logged first), and say so. */
export function useStartTimerOnTask(workspaceId: string) {
  const start = useStartTimer(workspaceId);
  return (task: { id: string; key: string }) =>
    start.mutate(
      { task_id: task.id, description: "", billable: false },
      {
        onSuccess: ({ stopped }) =>
          notifySuccess(
            stopped
              ? `Timer started on ${task.key}; logged ${formatMinutes(stopped.minutes)} from the previous one`
              : `Timer started on ${task.key}`,
          ),
        onError: (error) => notifyError(error, "Couldn't start the timer"),
      },
    );
}
