import { Button, CloseButton, Group, Paper, Popover, Text } from "@mantine/core";
import {
  IconCircleHalf2,
  IconFlag,
  IconTag,
  IconTagOff,
  IconUserMinus,
  IconUserPlus,
} from "@tabler/icons-react";
import { type ReactNode, useState } from "react";
import type { Label, Member, WorkflowStatus } from "@/api/directory";
import { notifyError, notifySuccess } from "@/components/notify";
import { type BulkChanges, useBulkUpdateTasks } from "../api";
import { LabelDot, memberOptions, priorityOptions, statusOptions } from "./fields";
import { PickerList, type PickerOption } from "./picker-list";

function BulkPicker({
  label,
  icon,
  options,
  onPick,
  disabled,
}: {
  label: string;
  icon: ReactNode;
  options: PickerOption[];
  onPick: (value: string) => void;
  disabled?: boolean;
}) {
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} position="top" shadow="md" trapFocus>
      <Popover.Target>
        <Button
          size="xs"
          variant="default"
          leftSection={icon}
          disabled={disabled}
          onClick={() => setOpened((open) => !open)}
        >
          {label}
        </Button>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <PickerList
          label={label}
          options={options}
          selected={[]}
          onPick={(value) => {
            setOpened(false);
            onPick(value);
          }}
        />
      </Popover.Dropdown>
    </Popover>
  );
}

/** What to do with every ticked task at once, through one atomic bulk call. */
export function BulkBar({
  workspaceId,
  selected,
  statuses,
  members,
  labels,
  onClear,
  disabled,
}: {
  workspaceId: string;
  selected: string[];
  statuses: WorkflowStatus[];
  members: Member[];
  labels: Label[];
  onClear: () => void;
  disabled?: boolean;
}) {
  const bulk = useBulkUpdateTasks(workspaceId);
  if (selected.length === 0) return null;
  const count = selected.length;
  const noun = count === 1 ? "task" : "tasks";

  const apply = (changes: BulkChanges, done: string) =>
    bulk.mutate(
      { taskIds: selected, changes },
      {
        onSuccess: () => notifySuccess(`${done} ${count} ${noun}`),
        onError: (error) => notifyError(error, `Couldn't change ${count} ${noun}`),
      },
    );

  const labelOptions = labels.map((label) => ({
    value: label.id,
    label: label.name,
    left: <LabelDot color={label.color} />,
  }));
  const off = disabled || bulk.isPending;

  return (
    <Paper
      withBorder
      shadow="md"
      radius="lg"
      px="sm"
      py={8}
      pos="sticky"
      bottom={16}
      mx="auto"
      w="fit-content"
      style={{ zIndex: 5 }}
      role="toolbar"
      aria-label="Bulk actions"
    >
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" fw={600} px={4} style={{ whiteSpace: "nowrap" }}>
          {count} selected
        </Text>
        <BulkPicker
          label="Status"
          icon={<IconCircleHalf2 size={14} />}
          options={statusOptions(statuses)}
          disabled={off}
          onPick={(status_id) => apply({ status_id }, "Moved")}
        />
        <BulkPicker
          label="Priority"
          icon={<IconFlag size={14} />}
          options={priorityOptions}
          disabled={off}
          onPick={(priority) => apply({ priority: priority as BulkChanges["priority"] }, "Updated")}
        />
        <BulkPicker
          label="Assign"
          icon={<IconUserPlus size={14} />}
          options={memberOptions(members)}
          disabled={off}
          onPick={(id) => apply({ add_assignee_ids: [id] }, "Assigned")}
        />
        <BulkPicker
          label="Unassign"
          icon={<IconUserMinus size={14} />}
          options={memberOptions(members)}
          disabled={off}
          onPick={(id) => apply({ remove_assignee_ids: [id] }, "Unassigned")}
        />
        <BulkPicker
          label="Add label"
          icon={<IconTag size={14} />}
          options={labelOptions}
          disabled={off}
          onPick={(id) => apply({ add_label_ids: [id] }, "Labelled")}
        />
        <BulkPicker
          label="Remove label"
          icon={<IconTagOff size={14} />}
          options={labelOptions}
          disabled={off}
          onPick={(id) => apply({ remove_label_ids: [id] }, "Updated")}
        />
        <CloseButton size="sm" aria-label="Clear selection" onClick={onClear} />
      </Group>
    </Paper>
  );
}
