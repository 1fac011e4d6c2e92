import { Box, Divider, Group, NumberInput, Stack, Text } from "@mantine/core";
import { useState } from "react";
import {
  type Member,
  useLabelDirectory,
  useMemberDirectory,
  type WorkflowStatus,
} from "@/api/directory";
import { formatDay } from "@/lib/dates";
import { formatDateTime, formatRelative } from "@/lib/format";
import type { Task, TaskUpdate } from "../api";
import { isLate } from "../late";
import {
  AssigneesField,
  DateField,
  LabelsField,
  LevelingDelay,
  PriorityField,
  StatusField,
} from "./fields";
import classes from "./task-detail.module.css";
import { Watchers } from "./watchers";

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" className={classes.field}>
      <Text size="xs" c="dimmed" w={72} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Box miw={0} flex={1}>
        {children}
      </Box>
    </Group>
  );
}

function EstimateField({
  value,
  disabled,
  onSave,
}: {
  value: number | null;
  disabled?: boolean;
  onSave: (hours: number | null) => void;
}) {
  const [draft, setDraft] = useState<string | number>(value ?? "");
  const commit = () => {
    const next = draft === "" ? null : Number(draft);
    if (next !== value) onSave(next);
  };
  return (
    <NumberInput
      aria-label="Estimate in hours"
      size="xs"
      variant="unstyled"
      placeholder="No estimate"
      suffix=" h"
      min={0}
      decimalScale={2}
      hideControls
      disabled={disabled}
      value={draft}
      onChange={setDraft}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === "Enter") event.currentTarget.blur();
      }}
      classNames={{ input: classes.inlineInput }}
    />
  );
}

/** A task's side column: its fields, each edited in place, then its watchers and its dates. */
export function TaskFields({
  workspaceId,
  task,
  statuses: statusList,
  me,
  readOnly,
  onChange: change,
}: {
  workspaceId: string;
  task: Task;
  statuses: WorkflowStatus[];
  me: Member | undefined;
  readOnly: boolean;
  onChange: (changes: TaskUpdate) => void;
}) {
  const members = useMemberDirectory(workspaceId);
  const labels = useLabelDirectory(workspaceId);
  return (
    <Stack gap={2} className={classes.side}>
      <Field label="Status">
        <StatusField
          taskKey={task.key}
          statusId={task.status_id}
          statuses={statusList}
          disabled={readOnly}
          onChange={(status_id) => change({ status_id })}
        />
      </Field>
      <Field label="Priority">
        <PriorityField
          taskKey={task.key}
          priority={task.priority}
          disabled={readOnly}
          onChange={(priority) => change({ priority })}
        />
      </Field>
      <Field label="Assignees">
        <AssigneesField
          taskKey={task.key}
          ids={task.assignee_ids}
          members={members.byId}
          disabled={readOnly}
          onChange={(assignee_ids) => change({ assignee_ids })}
        />
      </Field>
      <Field label="Labels">
        <LabelsField
          taskKey={task.key}
          ids={task.label_ids}
          labels={labels.byId}
          disabled={readOnly}
          onChange={(label_ids) => change({ label_ids })}
        />
      </Field>
      <Field label="Start">
        <DateField
          label={`Start date of ${task.key}`}
          value={task.start_date}
          disabled={readOnly}
          onChange={(start_date) => change({ start_date })}
        />
      </Field>
      <Field label="Finish">
        <Text
          size="sm"
          px={6}
          c={task.finish_after_due ? "red.7" : undefined}
          aria-label={`Finish date of ${task.key}`}
        >
          {task.finish_date ? formatDay(task.finish_date) : "—"}
          {task.finish_after_due ? " · after due" : ""}
        </Text>
      </Field>
      {task.leveling_delay_days > 0 ? (
        <LevelingDelay
          days={task.leveling_delay_days}
          disabled={readOnly}
          onClear={() => change({ leveling_delay_days: 0 })}
        />
      ) : null}
      <Field label="Due">
        <DateField
          label={`Due date of ${task.key}`}
          value={task.due_date}
          disabled={readOnly}
          late={isLate(task)}
          onChange={(due_date) => change({ due_date })}
        />
      </Field>
      <Field label="Estimate">
        <EstimateField
          key={`${task.id}-${task.estimate_hours}`}
          value={task.estimate_hours}
          disabled={readOnly}
          onSave={(estimate_hours) => change({ estimate_hours })}
        />
      </Field>
      <Divider my="sm" />
      <Watchers workspaceId={workspaceId} task={task} me={me} members={members.byId} />
      <Divider my="sm" />
      <Text size="xs" c="dimmed">
        Created {formatRelative(task.created_at)} · updated {formatRelative(task.updated_at)}
      </Text>
      {task.completed_at ? (
        <Text size="xs" c="dimmed">
          Completed {formatDateTime(task.completed_at)}
        </Text>
      ) : null}
    </Stack>
  );
}
