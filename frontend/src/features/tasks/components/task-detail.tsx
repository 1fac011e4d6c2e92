import { Box } from "@mantine/core";
import { isApiError } from "@/api/errors";
import { ErrorState, LoadingState } from "@/components/states";
import { type Task, useTask } from "../api";
import { TaskView } from "./task-view";

export interface TaskDetailProps {
  workspaceId: string;
  taskKey: string;
  userId: string;
  canModerate: boolean;
  /** "panel" beside a list or board, "page" on its own route. */
  variant: "panel" | "page";
  taskHref: (key: string) => string;
  projectHref: (projectId: string) => string;
  onClose?: () => void;
  onDeleted?: (task: Task) => void;
  onCreateSubtask: (task: Task) => void;
  /** Start the time tracker on this task (the shell's timer shows it). */
  onStartTimer?: (task: Task) => void;
}

/** Everything about one task: fields, description, subtasks, the conversation and its history. */
export function TaskDetail(props: TaskDetailProps) {
  const { workspaceId, taskKey } = props;
  const task = useTask(workspaceId, taskKey);
  if (task.isPending) return <LoadingState label="Loading task…" />;
  if (task.isError) {
    const missing = isApiError(task.error) && task.error.status === 404;
    return (
      <Box p="lg">
        <ErrorState
          title={missing ? "Task not found" : "Couldn't load this task"}
          error={task.error}
          onRetry={missing ? undefined : () => task.refetch()}
        />
      </Box>
    );
  }
  return <TaskView {...props} task={task.data} />;
}
