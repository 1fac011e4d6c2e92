import {
  Avatar,
  Badge,
  Box,
  Button,
  Group,
  Popover,
  Text,
  Tooltip,
  UnstyledButton,
} from "@mantine/core";
import { DatePicker } from "@mantine/dates";
// With the date pickers, not in main.tsx: they load with the screens that use them.
import "@mantine/dates/styles.css";
import {
  IconAlertSquareFilled,
  IconAntennaBars3,
  IconAntennaBars4,
  IconAntennaBars5,
  IconCalendar,
  IconCircle,
  IconCircleCheckFilled,
  IconCircleDashed,
  IconCircleHalf2,
  IconCircleXFilled,
  IconLineDashed,
  IconTag,
  IconUserCircle,
} from "@tabler/icons-react";
import { type ReactNode, useState } from "react";
import type { Label, Member, StatusCategory, WorkflowStatus } from "@/api/directory";
import { formatDay } from "@/lib/dates";
import type { Priority } from "../api";
import { PickerList } from "./picker-list";
import classes from "./tasks.module.css";

export const PRIORITIES: { value: Priority; label: string }[] = [
  { value: "urgent", label: "Urgent" },
  { value: "high", label: "High" },
  { value: "medium", label: "Medium" },
  { value: "low", label: "Low" },
  { value: "none", label: "No priority" },
];

export function priorityLabel(priority: Priority): string {
  return PRIORITIES.find((each) => each.value === priority)?.label ?? priority;
}

export function PriorityIcon({ priority, size = 16 }: { priority: Priority; size?: number }) {
  const props = { size, stroke: 1.75, "aria-hidden": true } as const;
  switch (priority) {
    case "urgent":
      return <IconAlertSquareFilled {...props} color="var(--mantine-color-red-6)" />;
    case "high":
      return <IconAntennaBars5 {...props} color="var(--mantine-color-orange-7)" />;
    case "medium":
      return <IconAntennaBars4 {...props} color="var(--mantine-color-yellow-7)" />;
    case "low":
      return <IconAntennaBars3 {...props} color="var(--wl-muted)" />;
    default:
      return <IconLineDashed {...props} color="var(--wl-muted)" />;
  }
}

export const CATEGORY_COLOR: Record<StatusCategory, string> = {
  backlog: "var(--mantine-color-gray-5)",
  todo: "var(--mantine-color-gray-6)",
  in_progress: "var(--mantine-color-yellow-6)",
  done: "var(--mantine-color-brand-6)",
  cancelled: "var(--mantine-color-gray-5)",
};

export function StatusIcon({
  category,
  size = 16,
}: {
  category: StatusCategory | undefined;
  size?: number;
}) {
  const props = {
    size,
    stroke: 2,
    color: CATEGORY_COLOR[category ?? "todo"],
    "aria-hidden": true,
  } as const;
  switch (category) {
    case "backlog":
      return <IconCircleDashed {...props} />;
    case "in_progress":
      return <IconCircleHalf2 {...props} />;
    case "done":
      return <IconCircleCheckFilled {...props} />;
    case "cancelled":
      return <IconCircleXFilled {...props} />;
    default:
      return <IconCircle {...props} />;
  }
}

export function MemberAvatar({ member, size = 22 }: { member: Member | undefined; size?: number }) {
  return (
    <Avatar
      name={member?.name ?? "?"}
      color="initials"
      size={size}
      radius="xl"
      aria-hidden
      style={{ flexShrink: 0 }}
    />
  );
}

export function AssigneeAvatars({
  ids,
  members,
  size = 22,
}: {
  ids: string[];
  members: Map<string, Member>;
  size?: number;
}) {
  if (ids.length === 0) return null;
  const names = ids.map((id) => members.get(id)?.name ?? "Unknown member");
  return (
    <Tooltip label={names.join(", ")}>
      <Avatar.Group spacing={6}>
        {ids.slice(0, 3).map((id) => (
          <MemberAvatar key={id} member={members.get(id)} size={size} />
        ))}
        {ids.length > 3 ? (
          <Avatar size={size} radius="xl">
            +{ids.length - 3}
          </Avatar>
        ) : null}
      </Avatar.Group>
    </Tooltip>
  );
}

export function LabelDot({ color }: { color: string }) {
  return (
    <Box
      component="span"
      w={8}
      h={8}
      style={{ borderRadius: "50%", background: color, flexShrink: 0, display: "inline-block" }}
    />
  );
}

export function LabelBadges({ ids, labels }: { ids: string[]; labels: Map<string, Label> }) {
  if (ids.length === 0) return null;
  return (
    <Group gap={4} wrap="nowrap">
      {ids.map((id) => {
        const label = labels.get(id);
        if (!label) return null;
        return (
          <Badge
            key={id}
            size="sm"
            variant="default"
            leftSection={<LabelDot color={label.color} />}
            fw={500}
            style={{ flexShrink: 0 }}
          >
            {label.name}
          </Badge>
        );
      })}
    </Group>
  );
}

/** A field shown as quiet text that opens its picker in a popover. */
function FieldPopover({
  label,
  trigger,
  disabled,
  children,
  width,
}: {
  label: string;
  trigger: ReactNode;
  disabled?: boolean;
  children: (close: () => void) => ReactNode;
  width?: number;
}) {
  const [opened, setOpened] = useState(false);
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-start"
      shadow="md"
      width={width}
      trapFocus
      returnFocus
      withinPortal
    >
      <Popover.Target>
        <UnstyledButton
          className={classes.fieldButton}
          aria-label={label}
          disabled={disabled}
          onClick={(event) => {
            event.stopPropagation();
            setOpened((open) => !open);
          }}
          onKeyDown={(event) => {
            // Keys act on the field, not on the row or card around it; Escape still reaches
            // the panel, to close it.
            if (event.key !== "Escape") event.stopPropagation();
          }}
        >
          {trigger}
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown p={0} onClick={(event) => event.stopPropagation()}>
        {opened ? children(() => setOpened(false)) : null}
      </Popover.Dropdown>
    </Popover>
  );
}

export function statusOptions(statuses: WorkflowStatus[]) {
  return statuses.map((status) => ({
    value: status.id,
    label: status.name,
    left: <StatusIcon category={status.category} />,
  }));
}

export function StatusField({
  statusId,
  statuses,
  onChange,
  disabled,
  taskKey,
  compact = false,
}: {
  statusId: string;
  statuses: WorkflowStatus[];
  onChange: (statusId: string) => void;
  disabled?: boolean;
  taskKey: string;
  compact?: boolean;
}) {
  const status = statuses.find((each) => each.id === statusId);
  return (
    <FieldPopover
      label={`Status of ${taskKey}: ${status?.name ?? "unknown"}`}
      disabled={disabled}
      trigger={
        <>
          <StatusIcon category={status?.category} />
          {compact ? null : (
            <Text span size="sm" truncate>
              {status?.name ?? "—"}
            </Text>
          )}
        </>
      }
    >
      {(close) => (
        <PickerList
          label="Change status"
          placeholder="Change status…"
          options={statusOptions(statuses)}
          selected={[statusId]}
          onPick={(value) => {
            close();
            if (value !== statusId) onChange(value);
          }}
        />
      )}
    </FieldPopover>
  );
}

export const priorityOptions = PRIORITIES.map((priority) => ({
  value: priority.value,
  label: priority.label,
  left: <PriorityIcon priority={priority.value} />,
}));

export function PriorityField({
  priority,
  onChange,
  disabled,
  taskKey,
  compact = false,
}: {
  priority: Priority;
  onChange: (priority: Priority) => void;
  disabled?: boolean;
  taskKey: string;
  compact?: boolean;
}) {
  return (
    <FieldPopover
      label={`Priority of ${taskKey}: ${priorityLabel(priority)}`}
      disabled={disabled}
      trigger={
        <>
          <PriorityIcon priority={priority} />
          {compact ? null : (
            <Text span size="sm" className={priority === "none" ? classes.placeholder : undefined}>
              {priorityLabel(priority)}
            </Text>
          )}
        </>
      }
    >
      {(close) => (
        <PickerList
          label="Change priority"
          placeholder="Set priority…"
          options={priorityOptions}
          selected={[priority]}
          onPick={(value) => {
            close();
            if (value !== priority) onChange(value as Priority);
          }}
        />
      )}
    </FieldPopover>
  );
}

export function memberOptions(members: Member[]) {
  return members.map((member) => ({
    value: member.id,
    label: member.name,
    keywords: member.email,
    left: <MemberAvatar member={member} size={20} />,
  }));
}

/** Toggle one id in a list, keeping the list's order otherwise. */
export function toggled(ids: string[], id: string): string[] {
  return ids.includes(id) ? ids.filter((each) => each !== id) : [...ids, id];
}

export function AssigneesField({
  ids,
  members,
  onChange,
  disabled,
  taskKey,
  compact = false,
}: {
  ids: string[];
  members: Map<string, Member>;
  onChange: (ids: string[]) => void;
  disabled?: boolean;
  taskKey: string;
  compact?: boolean;
}) {
  const names = ids.map((id) => members.get(id)?.name ?? "Unknown").join(", ");
  return (
    <FieldPopover
      label={`Assignees of ${taskKey}: ${names || "none"}`}
      disabled={disabled}
      trigger={
        ids.length ? (
          <Group gap={6} wrap="nowrap">
            <AssigneeAvatars ids={ids} members={members} />
            {compact ? null : (
              <Text span size="sm" truncate>
                {ids.length === 1 ? names : `${ids.length} people`}
              </Text>
            )}
          </Group>
        ) : (
          <>
            <IconUserCircle size={18} stroke={1.5} color="var(--wl-muted)" aria-hidden />
            {compact ? null : (
              <Text span size="sm" className={classes.placeholder}>
                Unassigned
              </Text>
            )}
          </>
        )
      }
    >
      {() => (
        <PickerList
          label="Assign"
          placeholder="Assign to…"
          options={memberOptions([...members.values()])}
          selected={ids}
          onPick={(value) => onChange(toggled(ids, value))}
        />
      )}
    </FieldPopover>
  );
}

export function LabelsField({
  ids,
  labels,
  onChange,
  disabled,
  taskKey,
}: {
  ids: string[];
  labels: Map<string, Label>;
  onChange: (ids: string[]) => void;
  disabled?: boolean;
  taskKey: string;
}) {
  return (
    <FieldPopover
      label={`Labels of ${taskKey}`}
      disabled={disabled}
      trigger={
        ids.length ? (
          <LabelBadges ids={ids} labels={labels} />
        ) : (
          <>
            <IconTag size={16} stroke={1.5} color="var(--wl-muted)" aria-hidden />
            <Text span size="sm" className={classes.placeholder}>
              No labels
            </Text>
          </>
        )
      }
    >
      {() => (
        <PickerList
          label="Labels"
          placeholder="Add labels…"
          emptyText="No labels yet: create them in Settings › Labels"
          options={[...labels.values()].map((label) => ({
            value: label.id,
            label: label.name,
            left: <LabelDot color={label.color} />,
          }))}
          selected={ids}
          onPick={(value) => onChange(toggled(ids, value))}
        />
      )}
    </FieldPopover>
  );
}

export function DateField({
  value,
  onChange,
  disabled,
  label,
  placeholder = "No date",
  late = false,
}: {
  value: string | null;
  onChange: (value: string | null) => void;
  disabled?: boolean;
  label: string;
  placeholder?: string;
  /** Show the date as missed (see `isLate`). */
  late?: boolean;
}) {
  const missed = late && value !== null;
  return (
    <FieldPopover
      label={`${label}: ${value ? formatDay(value) : "none"}${missed ? " (late)" : ""}`}
      disabled={disabled}
      trigger={
        <>
          <IconCalendar
            size={15}
            stroke={1.75}
            aria-hidden
            color={missed ? "var(--mantine-color-red-7)" : "var(--wl-muted)"}
          />
          <Text
            span
            size="sm"
            className={value ? (missed ? classes.overdue : undefined) : classes.placeholder}
          >
            {value ? formatDay(value) : placeholder}
          </Text>
        </>
      }
    >
      {(close) => (
        <Box p="xs">
          <DatePicker
            value={value}
            defaultDate={value ?? undefined}
            onChange={(picked) => {
              close();
              if (picked !== value) onChange(picked);
            }}
          />
          {value ? (
            <Button
              variant="subtle"
              color="gray"
              size="xs"
              fullWidth
              mt={4}
              onClick={() => {
                close();
                onChange(null);
              }}
            >
              Clear date
            </Button>
          ) : null}
        </Box>
      )}
    </FieldPopover>
  );
}

/** Leveling moved the task later to clear an over-allocation; clearing lets it start as early
 * as its links and constraint allow. */
export function LevelingDelay({
  days,
  disabled,
  onClear,
}: {
  days: number;
  disabled?: boolean;
  onClear: () => void;
}) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="xs" c="dimmed">
        Delayed {days} working {days === 1 ? "day" : "days"} by leveling
      </Text>
      {disabled ? null : (
        <Button variant="subtle" size="compact-xs" onClick={onClear}>
          Clear
        </Button>
      )}
    </Group>
  );
}
