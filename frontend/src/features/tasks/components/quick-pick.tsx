import { Modal } from "@mantine/core";
import { useMemberDirectory, useProjectStatuses } from "@/api/directory";
import { LoadingState } from "@/components/states";
import { useTask, useUpdateTask } from "../api";
import { memberOptions, statusOptions, toggled } from "./fields";
import { PickerList } from "./picker-list";

export type QuickPickMode = "status" | "assign";

/**
 * The pickers behind the `s` and `a` shortcuts, for the task that is open or focused: pick a
 * status, or add (or remove) one assignee; press the key again for another.
 */
export function TaskQuickPick({
  workspaceId,
  taskId,
  mode,
  onClose,
}: {
  workspaceId: string;
  taskId: string | null;
  mode: QuickPickMode | null;
  onClose: () => void;
}) {
  const task = useTask(workspaceId, mode ? taskId : null);
  const statuses = useProjectStatuses(workspaceId, task.data?.project_id);
  const members = useMemberDirectory(workspaceId);
  const update = useUpdateTask(workspaceId);
  const current = task.data;
  const title = current
    ? `${mode === "status" ? "Change status of" : "Assign"} ${current.key}`
    : "Loading…";

  return (
    <Modal
      opened={Boolean(mode && taskId)}
      onClose={onClose}
      title={title}
      size="auto"
      yOffset="18vh"
      centered={false}
      styles={{ body: { padding: 0 }, header: { paddingBottom: 8 } }}
    >
      {!current ? (
        <LoadingState />
      ) : mode === "status" ? (
        <PickerList
          label="Change status"
          placeholder="Change status…"
          options={statusOptions(statuses.data ?? [])}
          selected={[current.status_id]}
          onPick={(status_id) => {
            onClose();
            if (status_id !== current.status_id) {
              update.mutate({ task: current, changes: { status_id } });
            }
          }}
        />
      ) : (
        <PickerList
          label="Assign"
          placeholder="Assign to…"
          options={memberOptions(members.items ?? [])}
          selected={current.assignee_ids}
          onPick={(id) => {
            onClose();
            update.mutate({
              task: current,
              changes: { assignee_ids: toggled(current.assignee_ids, id) },
            });
          }}
        />
      )}
    </Modal>
  );
}
