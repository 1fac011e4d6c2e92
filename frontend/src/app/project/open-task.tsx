import { useEffect } from "react";
import type { Task } from "@/features/tasks/api";
import { TaskDetail } from "@/features/tasks/components/task-detail";
import { useStartTimerOnTask } from "@/features/time/use-start-timer-on-task";
import { canAdminister } from "@/features/workspaces/api";
import { useCurrentWorkspace } from "../routes/workspace";
import { useWork } from "../shell/work-context";

/**
 * The open task, as a page or in a project's side panel, with the workspace's links and actions.
 * While it is open the shell's shortcuts act on it.
 */
export function OpenTask({
  taskKey,
  variant,
  onClose,
  onDeleted,
}: {
  taskKey: string;
  variant: "page" | "panel";
  onClose?: () => void;
  onDeleted: (task: Task) => void;
}) {
  const { workspace, user } = useCurrentWorkspace();
  const { createTask, setOpenTaskId } = useWork();
  const startTimer = useStartTimerOnTask(workspace.id);
  useEffect(() => {
    setOpenTaskId(taskKey);
    return () => setOpenTaskId(null);
  }, [taskKey, setOpenTaskId]);
  return (
    <TaskDetail
      key={taskKey}
      workspaceId={workspace.id}
      taskKey={taskKey}
      userId={user.id}
      canModerate={canAdminister(workspace.role)}
      variant={variant}
      taskHref={(key) => `/w/${workspace.id}/tasks/${key}`}
      projectHref={(id) => `/w/${workspace.id}/projects/${id}`}
      onClose={onClose}
      onDeleted={onDeleted}
      onCreateSubtask={(task) => createTask({ projectId: task.project_id, parentId: task.id })}
      onStartTimer={startTimer}
    />
  );
}
