import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import {
  ActionIcon,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { IconGripVertical, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useProjectStatuses } from "@/api/directory";
import { isApiError } from "@/api/errors";
import { DestructiveActions } from "@/components/confirm";
import { IconAction } from "@/components/icon-action";
import { notifyError, notifySuccess } from "@/components/notify";
import { loadingOrError } from "@/components/states";
import { choices } from "@/lib/choices";
import {
  type StatusCategory,
  useCreateStatus,
  useDeleteStatus,
  useReorderStatuses,
  useUpdateStatus,
  type WorkflowStatus,
} from "../api";
import type { SettingsSectionProps } from "./settings-section";

export const CATEGORIES = choices<StatusCategory>({
  backlog: "Backlog",
  todo: "To do",
  in_progress: "In progress",
  done: "Done",
  cancelled: "Cancelled",
});

/** The project's workflow: rename, recategorise, reorder by dragging, add, delete. */
export function StatusesSettings({ workspaceId, projectId, readOnly }: SettingsSectionProps) {
  const statuses = useProjectStatuses(workspaceId, projectId);
  const reorder = useReorderStatuses(workspaceId, projectId);
  const create = useCreateStatus(workspaceId, projectId);
  const [name, setName] = useState("");
  const [deleting, setDeleting] = useState<WorkflowStatus | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const waiting = loadingOrError(statuses, { rows: 5, height: 40 });
  if (waiting) return waiting;
  const rows = statuses.data ?? [];

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const ids = rows.map((status) => status.id);
    const next = arrayMove(ids, ids.indexOf(String(active.id)), ids.indexOf(String(over.id)));
    reorder.mutate(next, { onError: (error) => notifyError(error, "Couldn't reorder") });
  };

  const add = () => {
    if (!name.trim()) return;
    create.mutate(
      { name: name.trim(), category: "todo" },
      {
        onSuccess: (status) => {
          setName("");
          notifySuccess(`Added ${status.name}`);
        },
        onError: (error) => notifyError(error, "Couldn't add the status"),
      },
    );
  };

  return (
    <Stack gap="xs" maw={640}>
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <SortableContext
          items={rows.map((status) => status.id)}
          strategy={verticalListSortingStrategy}
        >
          {rows.map((status) => (
            <StatusRow
              key={status.id}
              workspaceId={workspaceId}
              projectId={projectId}
              status={status}
              readOnly={readOnly}
              onDelete={() => setDeleting(status)}
            />
          ))}
        </SortableContext>
      </DndContext>
      {readOnly ? null : (
        <Group gap="xs" mt="xs">
          <TextInput
            size="xs"
            placeholder="New status, e.g. In review"
            aria-label="New status name"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") add();
            }}
            w={260}
          />
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPlus size={14} />}
            onClick={add}
            loading={create.isPending}
          >
            Add status
          </Button>
        </Group>
      )}
      <DeleteStatusModal
        workspaceId={workspaceId}
        projectId={projectId}
        status={deleting}
        others={rows.filter((status) => status.id !== deleting?.id)}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}

function StatusRow({
  workspaceId,
  projectId,
  status,
  readOnly,
  onDelete,
}: {
  workspaceId: string;
  projectId: string;
  status: WorkflowStatus;
  readOnly?: boolean;
  onDelete: () => void;
}) {
  const update = useUpdateStatus(workspaceId, projectId);
  const [name, setName] = useState(status.name);
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: status.id,
    disabled: readOnly,
  });
  const save = (changes: { name?: string; category?: StatusCategory }) =>
    update.mutate(
      { status, changes },
      {
        onError: (error) => {
          setName(status.name);
          notifyError(
            error,
            isApiError(error) && error.isStale
              ? "Changed by someone else"
              : "Couldn't save the status",
          );
        },
      },
    );

  return (
    <Paper
      ref={setNodeRef}
      withBorder
      radius="md"
      px="xs"
      py={6}
      style={{
        transform: CSS.Translate.toString(transform),
        transition,
        opacity: isDragging ? 0.6 : 1,
      }}
    >
      <Group gap="xs" wrap="nowrap">
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          aria-label={`Reorder ${status.name}`}
          style={{ cursor: readOnly ? "default" : "grab" }}
          disabled={readOnly}
          {...attributes}
          {...listeners}
        >
          <IconGripVertical size={14} />
        </ActionIcon>
        <TextInput
          size="xs"
          variant="unstyled"
          aria-label={`Name of ${status.name}`}
          value={name}
          disabled={readOnly}
          flex={1}
          onChange={(event) => setName(event.currentTarget.value)}
          onBlur={() => {
            if (name.trim() && name.trim() !== status.name) save({ name: name.trim() });
            else setName(status.name);
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter") event.currentTarget.blur();
          }}
        />
        <Select
          size="xs"
          w={150}
          aria-label={`Category of ${status.name}`}
          data={CATEGORIES}
          value={status.category}
          disabled={readOnly}
          onChange={(category) =>
            category &&
            category !== status.category &&
            save({ category: category as StatusCategory })
          }
        />
        <IconAction
          tooltip="Delete status"
          color="red"
          size="sm"
          label={`Delete ${status.name}`}
          disabled={readOnly}
          onClick={onDelete}
          icon={<IconTrash size={14} />}
        />
      </Group>
    </Paper>
  );
}

function DeleteStatusModal({
  workspaceId,
  projectId,
  status,
  others,
  onClose,
}: {
  workspaceId: string;
  projectId: string;
  status: WorkflowStatus | null;
  others: WorkflowStatus[];
  onClose: () => void;
}) {
  const remove = useDeleteStatus(workspaceId, projectId);
  const [moveTo, setMoveTo] = useState<string | null>(null);
  const target = moveTo ?? others[0]?.id ?? null;
  return (
    <Modal opened={Boolean(status)} onClose={onClose} title={`Delete ${status?.name ?? "status"}?`}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Tasks in this status move to the one you choose. Their history keeps the old name.
        </Text>
        <Select
          label="Move its tasks to"
          data={others.map((each) => ({ value: each.id, label: each.name }))}
          value={target}
          onChange={setMoveTo}
        />
        <DestructiveActions
          confirmLabel="Delete status"
          onCancel={onClose}
          onConfirm={() =>
            status &&
            remove.mutate(
              { status, moveTo: target },
              {
                onSuccess: () => {
                  notifySuccess(`Deleted ${status.name}`);
                  setMoveTo(null);
                  onClose();
                },
                onError: (error) => notifyError(error, "Couldn't delete the status"),
              },
            )
          }
          disabled={!status || !target}
          loading={remove.isPending}
        />
      </Stack>
    </Modal>
  );
}
