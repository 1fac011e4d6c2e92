import { Box, Divider, Stack, Tabs } from "@mantine/core";
import {
  useLabelDirectory,
  useMemberDirectory,
  useProjectDirectory,
  useProjectStatuses,
} from "@/api/directory";
import { type Task, type TaskUpdate, useUpdateTask } from "../api";
import { Comments } from "./comments";
import { Subtasks } from "./subtasks";
import { TaskActivity } from "./task-activity";
import type { TaskDetailProps } from "./task-detail";
import classes from "./task-detail.module.css";
import { DescriptionEditor, TitleEditor } from "./task-editors";
import { TaskFields } from "./task-fields";
import { TaskSchedule } from "./task-schedule";
import { TaskTopBar } from "./task-top-bar";

/** One loaded task: the top bar, title, description, subtasks and conversation, and its fields. */
export function TaskView({
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
  const statuses = useProjectStatuses(workspaceId, task.project_id);
  const members = useMemberDirectory(workspaceId);
  const labels = useLabelDirectory(workspaceId);
  const projects = useProjectDirectory(workspaceId);
  const project = projects.byId.get(task.project_id);
  const me = members.items?.find((member) => member.user_id === userId);
  const readOnly = project?.status === "archived";
  const change = (changes: TaskUpdate) => update.mutate({ task, changes });
  const statusList = statuses.data ?? [];

  return (
    <Box className={classes.root} data-variant={variant}>
      <TaskTopBar
        workspaceId={workspaceId}
        task={task}
        project={project}
        readOnly={readOnly}
        variant={variant}
        taskHref={taskHref}
        projectHref={projectHref}
        onClose={onClose}
        onDeleted={onDeleted}
        onStartTimer={onStartTimer}
      />

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
          <TaskSchedule
            workspaceId={workspaceId}
            task={task}
            readOnly={readOnly}
            taskHref={taskHref}
            onChange={change}
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
              <TaskActivity
                workspaceId={workspaceId}
                task={task}
                members={members.byId}
                statuses={statusList}
                labelName={(id) => labels.byId.get(id)?.name}
              />
            </Tabs.Panel>
          </Tabs>
        </Stack>

        <TaskFields
          workspaceId={workspaceId}
          task={task}
          statuses={statusList}
          me={me}
          readOnly={readOnly}
          onChange={change}
        />
      </div>
    </Box>
  );
}
