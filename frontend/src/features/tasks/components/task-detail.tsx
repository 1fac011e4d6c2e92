import {
  ActionIcon,
  Anchor,
  Avatar,
  Box,
  Button,
  Divider,
  Group,
  Menu,
  NumberInput,
  SegmentedControl,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
  UnstyledButton,
} from "@mantine/core";
import {
  IconArrowsMaximize,
  IconDots,
  IconEye,
  IconEyeOff,
  IconPencil,
  IconPlayerPlayFilled,
  IconPlus,
  IconTrash,
  IconX,
} from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import {
  type Member,
  useLabelDirectory,
  useMemberDirectory,
  useProjectDirectory,
  useProjectStatuses,
  type WorkflowStatus,
} from "@/api/directory";
import { isApiError, isStale } from "@/api/errors";
import { confirmDestructive } from "@/components/confirm";
import { Markdown } from "@/components/markdown";
import { notifyError, notifySuccess } from "@/components/notify";
import { ErrorState, LoadingState } from "@/components/states";
import { formatDateTime, formatRelative, plural } from "@/lib/format";
import { describeEvent } from "../activity";
import {
  type Task,
  type TaskUpdate,
  useCreateTask,
  useDeleteTask,
  useSetWatching,
  useTask,
  useTaskActivity,
  useTaskPage,
  useUpdateTask,
  useWatchers,
} from "../api";
import { isLate } from "../late";
import { Comments } from "./comments";
import {
  AssigneesField,
  DateField,
  LabelsField,
  LevelingDelay,
  MemberAvatar,
  PriorityField,
  StatusField,
  StatusIcon,
} from "./fields";
import classes from "./task-detail.module.css";

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

function TaskView({
  workspaceId,
  task,
  userId,
  canModerate,
  variant,
  taskHref,
  projectHref,
  onClose,
  onDeleted,
  onCreateSubtask,
  onStartTimer,
}: TaskDetailProps & { task: Task }) {
  const update = useUpdateTask(workspaceId);
  const remove = useDeleteTask(workspaceId);
  const statuses = useProjectStatuses(workspaceId, task.project_id);
  const members = useMemberDirectory(workspaceId);
  const labels = useLabelDirectory(workspaceId);
  const projects = useProjectDirectory(workspaceId);
  const project = projects.byId.get(task.project_id);
  const me = members.items?.find((member) => member.user_id === userId);
  const readOnly = project?.status === "archived";
  const change = (changes: TaskUpdate) => update.mutate({ task, changes });
  const statusList = statuses.data ?? [];

  const deleteTask = async () => {
    const confirmed = await confirmDestructive({
      title: `Delete ${task.key}?`,
      message: "The task, its comments and its history are deleted. This cannot be undone.",
      confirmLabel: "Delete task",
    });
    if (!confirmed) return;
    try {
      await remove.mutateAsync({ task });
    } catch (error) {
      if (isApiError(error) && error.code === "has_subtasks") {
        const count = error.count("subtask_count") ?? 0;
        const withChildren = await confirmDestructive({
          title: `${task.key} has ${plural(count, "subtask")}`,
          message:
            "Delete them too? Cancel keeps everything; to keep the subtasks, move them to another parent first.",
          confirmLabel: "Delete with subtasks",
        });
        if (!withChildren) return;
        try {
          await remove.mutateAsync({ task, children: "delete" });
        } catch (again) {
          notifyError(again, `Couldn't delete ${task.key}`);
          return;
        }
      } else {
        notifyError(error, `Couldn't delete ${task.key}`);
        return;
      }
    }
    notifySuccess(`Deleted ${task.key}`);
    onDeleted?.(task);
  };

  return (
    <Box className={classes.root} data-variant={variant}>
      <Group justify="space-between" wrap="nowrap" className={classes.topBar}>
        <Group gap={6} wrap="nowrap" miw={0}>
          {project ? (
            <Anchor component={Link} to={projectHref(project.id)} size="sm" c="dimmed" truncate>
              {project.name}
            </Anchor>
          ) : null}
          <Text size="sm" c="dimmed">
            /
          </Text>
          <Text size="sm" fw={500} c="dimmed" ff="monospace">
            {task.key}
          </Text>
        </Group>
        <Group gap={4} wrap="nowrap">
          {variant === "panel" ? (
            <Tooltip label="Open as a page">
              <ActionIcon
                component={Link}
                to={taskHref(task.key)}
                variant="subtle"
                color="gray"
                aria-label="Open as a page"
              >
                <IconArrowsMaximize size={16} />
              </ActionIcon>
            </Tooltip>
          ) : null}
          {onStartTimer && !readOnly ? (
            <Tooltip label="Track time on this task">
              <Button
                size="compact-sm"
                variant="default"
                leftSection={<IconPlayerPlayFilled size={11} />}
                onClick={() => onStartTimer(task)}
              >
                Start timer
              </Button>
            </Tooltip>
          ) : null}
          <Menu position="bottom-end">
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label="Task actions">
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={14} />}
                disabled={readOnly}
                onClick={deleteTask}
              >
                Delete task
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
          {onClose ? (
            <Tooltip label="Close (Esc)">
              <ActionIcon variant="subtle" color="gray" aria-label="Close task" onClick={onClose}>
                <IconX size={16} />
              </ActionIcon>
            </Tooltip>
          ) : null}
        </Group>
      </Group>

      <div className={classes.layout}>
        <Stack gap="lg" className={classes.main}>
          <TitleEditor
            key={`${task.id}-${task.version}`}
            title={task.title}
            readOnly={readOnly}
            onSave={(title) => change({ title })}
          />
          <DescriptionEditor
            key={`${task.id}-description`}
            task={task}
            readOnly={readOnly}
            members={members.byId}
            onSave={(description) => update.mutateAsync({ task, changes: { description } })}
          />
          <Subtasks
            workspaceId={workspaceId}
            task={task}
            statuses={statusList}
            readOnly={readOnly}
            taskHref={taskHref}
            onCreateSubtask={() => onCreateSubtask(task)}
          />
          <Divider />
          <Tabs defaultValue="comments" variant="pills" radius="md">
            <Tabs.List mb="md">
              <Tabs.Tab value="comments">Comments</Tabs.Tab>
              <Tabs.Tab value="activity">Activity</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="comments">
              <Comments
                workspaceId={workspaceId}
                taskId={task.id}
                members={members.byId}
                me={me}
                canModerate={canModerate}
                readOnly={readOnly}
              />
            </Tabs.Panel>
            <Tabs.Panel value="activity">
              <Activity
                workspaceId={workspaceId}
                task={task}
                members={members.byId}
                statuses={statusList}
                labelName={(id) => labels.byId.get(id)?.name}
              />
            </Tabs.Panel>
          </Tabs>
        </Stack>

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
      </div>
    </Box>
  );
}

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

function TitleEditor({
  title,
  readOnly,
  onSave,
}: {
  title: string;
  readOnly?: boolean;
  onSave: (title: string) => void;
}) {
  const [value, setValue] = useState(title);
  const commit = () => {
    const next = value.trim();
    if (!next) setValue(title);
    else if (next !== title) onSave(next);
  };
  if (readOnly) return <Title order={2}>{title}</Title>;
  return (
    <Textarea
      aria-label="Title"
      variant="unstyled"
      autosize
      minRows={1}
      classNames={{ input: classes.titleInput }}
      value={value}
      onChange={(event) => setValue(event.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          event.currentTarget.blur();
        } else if (event.key === "Escape") {
          // Undoes the edit only; the next Escape closes the panel.
          event.stopPropagation();
          setValue(title);
          event.currentTarget.blur();
        }
      }}
    />
  );
}

function DescriptionEditor({
  task,
  readOnly,
  members,
  onSave,
}: {
  task: Task;
  readOnly?: boolean;
  members: Map<string, Member>;
  onSave: (description: string) => Promise<unknown>;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [mode, setMode] = useState<"write" | "preview">("write");
  const [saving, setSaving] = useState(false);
  const nameOf = (id: string) => members.get(id)?.name;

  if (draft === null) {
    return (
      <Box className={classes.description}>
        {task.description.trim() ? (
          <Markdown mentionName={nameOf}>{task.description}</Markdown>
        ) : (
          <Text size="sm" c="dimmed">
            No description.
          </Text>
        )}
        {readOnly ? null : (
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            leftSection={<IconPencil size={14} />}
            mt="xs"
            onClick={() => {
              setDraft(task.description);
              setMode("write");
            }}
          >
            {task.description.trim() ? "Edit description" : "Add a description"}
          </Button>
        )}
      </Box>
    );
  }

  const save = async () => {
    setSaving(true);
    try {
      if (draft !== task.description) await onSave(draft);
      setDraft(null);
    } catch (error) {
      // A 412 already offered to re-apply; anything else is shown here and the draft kept.
      if (!isStale(error)) notifyError(error, "Couldn't save the description");
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="xs">
      <SegmentedControl
        size="xs"
        w="fit-content"
        value={mode}
        onChange={(value) => setMode(value as "write" | "preview")}
        data={[
          { value: "write", label: "Write" },
          { value: "preview", label: "Preview" },
        ]}
      />
      {mode === "write" ? (
        <Textarea
          aria-label="Description"
          autosize
          minRows={5}
          maxRows={24}
          value={draft}
          data-autofocus
          autoFocus
          onChange={(event) => setDraft(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) void save();
            if (event.key === "Escape") {
              event.stopPropagation();
              setDraft(null);
            }
          }}
          placeholder="Markdown: **bold**, _italic_, lists, [links](https://…), `code`"
        />
      ) : (
        <Box className={classes.preview}>
          {draft.trim() ? (
            <Markdown mentionName={nameOf}>{draft}</Markdown>
          ) : (
            <Text size="sm" c="dimmed">
              Nothing to preview.
            </Text>
          )}
        </Box>
      )}
      <Group gap="xs">
        <Button size="xs" onClick={save} loading={saving}>
          Save
        </Button>
        <Button size="xs" variant="default" onClick={() => setDraft(null)}>
          Cancel
        </Button>
        <Text size="xs" c="dimmed">
          Ctrl+Enter saves, Esc cancels
        </Text>
      </Group>
    </Stack>
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

function Subtasks({
  workspaceId,
  task,
  statuses,
  readOnly,
  taskHref,
  onCreateSubtask,
}: {
  workspaceId: string;
  task: Task;
  statuses: WorkflowStatus[];
  readOnly?: boolean;
  taskHref: (key: string) => string;
  onCreateSubtask: () => void;
}) {
  const children = useTaskPage(workspaceId, { parent_id: task.id, sort: "position,number" });
  const create = useCreateTask(workspaceId);
  const [title, setTitle] = useState("");
  const rows = children.data?.items ?? [];
  const category = (id: string) => statuses.find((status) => status.id === id)?.category;
  const done = rows.filter((row) => row.completed_at).length;

  const add = () => {
    if (!title.trim()) return;
    create.mutate(
      {
        project_id: task.project_id,
        parent_id: task.id,
        title: title.trim(),
        description: "",
        priority: "none",
        scheduling_mode: "auto",
      },
      {
        onSuccess: () => setTitle(""),
        onError: (error) => notifyError(error, "Couldn't add the subtask"),
      },
    );
  };

  return (
    <Box>
      <Group justify="space-between" mb={6}>
        <Text size="sm" fw={600}>
          Subtasks{" "}
          {rows.length ? (
            <Text span size="xs" c="dimmed" fw={400}>
              {done}/{rows.length} done
            </Text>
          ) : null}
        </Text>
        {readOnly ? null : (
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            leftSection={<IconPlus size={12} />}
            onClick={onCreateSubtask}
          >
            With details
          </Button>
        )}
      </Group>
      <Stack gap={0} className={classes.subtasks}>
        {rows.map((row) => (
          <UnstyledButton
            key={row.id}
            component={Link}
            to={taskHref(row.key)}
            className={classes.subtask}
          >
            <StatusIcon category={category(row.status_id)} size={15} />
            <Text size="xs" c="dimmed" ff="monospace" w={64}>
              {row.key}
            </Text>
            <Text size="sm" truncate td={row.completed_at ? "line-through" : undefined}>
              {row.title}
            </Text>
          </UnstyledButton>
        ))}
        {readOnly ? null : (
          <TextInput
            aria-label="Add a subtask"
            placeholder="Add a subtask and press Enter"
            variant="unstyled"
            size="sm"
            px="xs"
            leftSection={<IconPlus size={14} />}
            value={title}
            disabled={create.isPending}
            onChange={(event) => setTitle(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                add();
              }
            }}
          />
        )}
      </Stack>
    </Box>
  );
}

function Activity({
  workspaceId,
  task,
  members,
  statuses,
  labelName,
}: {
  workspaceId: string;
  task: Task;
  members: Map<string, Member>;
  statuses: WorkflowStatus[];
  labelName: (id: string) => string | undefined;
}) {
  const activity = useTaskActivity(workspaceId, task.id);
  if (activity.isPending) return <LoadingState label="Loading activity…" />;
  if (activity.isError && !activity.items) {
    return <ErrorState error={activity.error} onRetry={() => activity.refetch()} />;
  }
  const names = {
    member: (id: string) => members.get(id)?.name,
    status: (id: string) => statuses.find((status) => status.id === id)?.name,
    label: labelName,
  };
  return (
    <Stack gap="sm" component="ol" className={classes.activity} aria-label="Activity">
      {(activity.items ?? []).map((event) => {
        const actor = event.actor_id ? members.get(event.actor_id) : undefined;
        return (
          <Group key={event.id} component="li" gap="sm" wrap="nowrap" align="flex-start">
            {actor ? <MemberAvatar member={actor} size={20} /> : <Avatar size={20} radius="xl" />}
            <Text size="sm" flex={1}>
              <b>{actor?.name ?? (event.actor_id ? "Former member" : "Worklane")}</b>{" "}
              {describeEvent(event, names).join(", ")}
              <Tooltip label={formatDateTime(event.created_at)}>
                <Text span size="xs" c="dimmed">
                  {" · "}
                  {formatRelative(event.created_at)}
                </Text>
              </Tooltip>
            </Text>
          </Group>
        );
      })}
      {activity.hasNextPage ? (
        <Button size="xs" variant="subtle" onClick={() => activity.fetchNextPage()}>
          Show older activity
        </Button>
      ) : null}
    </Stack>
  );
}

function Watchers({
  workspaceId,
  task,
  me,
  members,
}: {
  workspaceId: string;
  task: Task;
  me: Member | undefined;
  members: Map<string, Member>;
}) {
  const watchers = useWatchers(workspaceId, task.id);
  const setWatching = useSetWatching(workspaceId, task.id);
  const ids = watchers.data ?? [];
  const watching = Boolean(me && ids.includes(me.id));
  return (
    <Group justify="space-between" wrap="nowrap">
      <Group gap={6} wrap="nowrap">
        <Text size="xs" c="dimmed">
          {ids.length} {ids.length === 1 ? "watcher" : "watchers"}
        </Text>
        <Avatar.Group spacing={6}>
          {ids.slice(0, 5).map((id) => (
            <Tooltip key={id} label={members.get(id)?.name ?? "Former member"}>
              <MemberAvatar member={members.get(id)} size={20} />
            </Tooltip>
          ))}
        </Avatar.Group>
      </Group>
      <Button
        size="compact-xs"
        variant={watching ? "light" : "default"}
        leftSection={watching ? <IconEyeOff size={12} /> : <IconEye size={12} />}
        disabled={!me || watchers.isPending}
        loading={setWatching.isPending}
        onClick={() =>
          me &&
          setWatching.mutate(
            { memberId: me.id, watching: !watching },
            { onError: (error) => notifyError(error, "Couldn't change watching") },
          )
        }
      >
        {watching ? "Unwatch" : "Watch"}
      </Button>
    </Group>
  );
}
