import {
  Badge,
  Box,
  Button,
  Center,
  Group,
  Stack,
  Tabs,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import {
  IconLayoutKanban,
  IconList,
  IconPencil,
  IconPlus,
  IconSettings,
  IconTimeline,
} from "@tabler/icons-react";
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { Link, Navigate, useNavigate, useParams, useSearchParams } from "react-router";
import { useMyMember, useProjectStatuses } from "@/api/directory";
import { isApiError } from "@/api/errors";
import { Page, Section } from "@/components/page";
import { ErrorState, LoadingState } from "@/components/states";
import { type Project, useProject } from "@/features/projects/api";
import { PhaseBadge, PhaseControl } from "@/features/projects/components/phase-control";
import { ProjectFormModal } from "@/features/projects/components/project-form-modal";
import { ProjectLifecycle } from "@/features/projects/components/project-lifecycle";
import { ProjectsTable, type ProjectView } from "@/features/projects/components/projects-table";
import { StakeholdersSettings } from "@/features/projects/components/stakeholders-settings";
import { StatusesSettings } from "@/features/projects/components/statuses-settings";
import type { Task } from "@/features/tasks/api";
import { Board } from "@/features/tasks/components/board";
import { MyWork } from "@/features/tasks/components/my-work";
import { TaskDetail } from "@/features/tasks/components/task-detail";
import { TaskList } from "@/features/tasks/components/task-list";
import { TaskPanel } from "@/features/tasks/components/task-panel";
import { useStartTimerOnTask } from "@/features/time/use-start-timer-on-task";
import { canAdminister } from "@/features/workspaces/api";
import { useSearchParam } from "@/hooks/use-search-param";
import { useWork } from "../shell/work-context";
import { useCurrentWorkspace } from "./workspace";

// The timeline draws with code no other screen needs: it loads when its tab is first opened.
const Timeline = lazy(() => import("@/features/timeline/components/timeline"));

/** Report the task that has focus to the shell's shortcuts; forget it when the screen goes. */
function useFocusReporter() {
  const { setFocusedTaskId } = useWork();
  useEffect(() => () => setFocusedTaskId(null), [setFocusedTaskId]);
  return useCallback((task: Task | null) => setFocusedTaskId(task?.id ?? null), [setFocusedTaskId]);
}

export function MyWorkRoute() {
  const { workspace } = useCurrentWorkspace();
  const navigate = useNavigate();
  const onFocusTask = useFocusReporter();
  return (
    <Page
      title="My work"
      description={`Open tasks assigned to you in ${workspace.name}, by when they are due.`}
    >
      <MyWork
        workspaceId={workspace.id}
        weekStart={workspace.week_start}
        onOpenTask={(task) => navigate(`/w/${workspace.id}/tasks/${task.key}`)}
        onFocusTask={onFocusTask}
      />
    </Page>
  );
}

export function ProjectsRoute() {
  const { workspace, user } = useCurrentWorkspace();
  const navigate = useNavigate();
  const [creating, setCreating] = useSearchParam("new");
  const [view, setView] = useSearchParam("view");
  const [kind, setKind] = useSearchParam("kind");
  const me = useMyMember(workspace.id, user.id);
  const canCreate = workspace.role !== "viewer";
  return (
    <Page
      title="Projects"
      description="Projects run from initiation to closed; ongoing work keeps going."
      actions={
        canCreate ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating("project")}>
            New project
          </Button>
        ) : undefined
      }
    >
      <ProjectsTable
        workspaceId={workspace.id}
        view={(view as ProjectView | null) ?? "active"}
        kind={(kind as "project" | "ongoing" | null) ?? null}
        onViewChange={(next) => setView(next === "active" ? null : next)}
        onKindChange={(next) => setKind(next ?? null)}
        projectHref={(project) => `/w/${workspace.id}/projects/${project.id}`}
        onCreate={() => setCreating("project")}
        canCreate={canCreate}
      />
      <ProjectFormModal
        workspaceId={workspace.id}
        opened={creating === "project"}
        defaultOwnerId={me?.id ?? null}
        onClose={() => setCreating(null)}
        onSaved={(project) => navigate(`/w/${workspace.id}/projects/${project.id}`)}
      />
    </Page>
  );
}

type ProjectTab = "list" | "board" | "timeline" | "settings";

export function ProjectRoute() {
  const { workspace, user } = useCurrentWorkspace();
  const { projectId = "", tab = "list" } = useParams();
  const project = useProject(workspace.id, projectId);
  const { setProjectId } = useWork();

  useEffect(() => {
    setProjectId(projectId);
    return () => setProjectId(null);
  }, [projectId, setProjectId]);

  if (!["list", "board", "timeline", "settings"].includes(tab)) return <Navigate to=".." replace />;
  if (project.isPending) return <LoadingState label="Loading project…" />;
  if (project.isError) {
    const missing = isApiError(project.error) && [404, 422].includes(project.error.status);
    return (
      <Center py={80} px="md">
        {missing ? (
          <Stack align="center" gap="sm" ta="center">
            <Title order={2}>Project not found</Title>
            <Text c="dimmed">It may have been deleted, or the link is wrong.</Text>
            <Button component={Link} to={`/w/${workspace.id}/projects`} mt="xs">
              All projects
            </Button>
          </Stack>
        ) : (
          <ErrorState error={project.error} onRetry={() => project.refetch()} />
        )}
      </Center>
    );
  }
  return (
    <ProjectScreen
      workspaceId={workspace.id}
      canAdmin={canAdminister(workspace.role)}
      readOnlyRole={workspace.role === "viewer"}
      userId={user.id}
      project={project.data}
      tab={tab as ProjectTab}
      weekStart={workspace.week_start}
    />
  );
}

function ProjectScreen({
  workspaceId,
  canAdmin,
  readOnlyRole,
  userId,
  project,
  tab,
  weekStart,
}: {
  workspaceId: string;
  canAdmin: boolean;
  readOnlyRole: boolean;
  userId: string;
  project: Project;
  tab: ProjectTab;
  weekStart: number;
}) {
  useDocumentTitle(`${project.name} · Worklane`);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const openKey = params.get("task");
  const statuses = useProjectStatuses(workspaceId, project.id);
  const { createTask, setOpenTaskId } = useWork();
  const onFocusTask = useFocusReporter();
  const [editing, setEditing] = useState(false);
  const me = useMyMember(workspaceId, userId);
  const startTimer = useStartTimerOnTask(workspaceId);
  const readOnly = readOnlyRole || project.status === "archived";
  const base = `/w/${workspaceId}/projects/${project.id}`;

  const openTask = (task: Task) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set("task", task.key);
      return next;
    });
  const closeTask = () =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete("task");
        return next;
      },
      { replace: true },
    );

  useEffect(() => {
    setOpenTaskId(openKey);
    return () => setOpenTaskId(null);
  }, [openKey, setOpenTaskId]);

  return (
    <Box px={{ base: "md", sm: 32 }} py={24}>
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <Stack gap={4} miw={0}>
          <Group gap="sm" wrap="nowrap">
            <Badge variant="default" ff="monospace" fw={500} size="lg" radius="sm">
              {project.key}
            </Badge>
            <Title order={1} lineClamp={1}>
              {project.name}
            </Title>
            {project.status !== "active" ? (
              <Badge color="gray" variant="outline">
                {project.status === "archived" ? "Archived" : "On hold"}
              </Badge>
            ) : null}
          </Group>
          {project.description ? (
            <Text c="dimmed" size="sm" lineClamp={1} maw={720}>
              {project.description}
            </Text>
          ) : null}
        </Stack>
        <Group gap="xs" wrap="nowrap">
          {readOnly ? (
            <PhaseBadge project={project} />
          ) : (
            <PhaseControl workspaceId={workspaceId} project={project} />
          )}
          {readOnly ? null : (
            <Tooltip label="Edit project">
              <Button
                variant="default"
                size="xs"
                leftSection={<IconPencil size={14} />}
                onClick={() => setEditing(true)}
              >
                Edit
              </Button>
            </Tooltip>
          )}
          {readOnly ? null : (
            <Tooltip label="Create a task (C)">
              <Button
                size="xs"
                leftSection={<IconPlus size={14} />}
                onClick={() => createTask({ projectId: project.id })}
              >
                New task
              </Button>
            </Tooltip>
          )}
        </Group>
      </Group>
      <Tabs
        value={tab}
        onChange={(value) => value && navigate(value === "list" ? base : `${base}/${value}`)}
        mb="md"
      >
        <Tabs.List>
          <Tabs.Tab value="list" leftSection={<IconList size={15} />}>
            List
          </Tabs.Tab>
          <Tabs.Tab value="board" leftSection={<IconLayoutKanban size={15} />}>
            Board
          </Tabs.Tab>
          <Tabs.Tab value="timeline" leftSection={<IconTimeline size={15} />}>
            Timeline
          </Tabs.Tab>
          <Tabs.Tab value="settings" leftSection={<IconSettings size={15} />}>
            Settings
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>

      {statuses.isError ? (
        <ErrorState error={statuses.error} onRetry={() => statuses.refetch()} />
      ) : !statuses.data ? (
        <LoadingState />
      ) : tab === "list" ? (
        <TaskList
          workspaceId={workspaceId}
          projectId={project.id}
          statuses={statuses.data}
          readOnly={readOnly}
          onOpenTask={openTask}
          onFocusTask={onFocusTask}
          onCreateTask={() => createTask({ projectId: project.id })}
        />
      ) : tab === "board" ? (
        <Board
          workspaceId={workspaceId}
          projectId={project.id}
          statuses={statuses.data}
          readOnly={readOnly}
          onOpenTask={openTask}
          onFocusTask={onFocusTask}
          onCreateTask={(statusId) => createTask({ projectId: project.id, statusId })}
        />
      ) : tab === "timeline" ? (
        <Suspense fallback={<LoadingState label="Loading the timeline…" />}>
          <Timeline
            workspaceId={workspaceId}
            project={project}
            statuses={statuses.data}
            readOnly={readOnly}
            weekStart={weekStart}
            onOpenTask={openTask}
            onCreateTask={() => createTask({ projectId: project.id })}
          />
        </Suspense>
      ) : (
        <Box maw={880}>
          <Section
            title="Workflow"
            description="Statuses are the board's columns, in this order. Drag to reorder; each belongs to a category that decides what counts as open or done."
          >
            <StatusesSettings
              workspaceId={workspaceId}
              projectId={project.id}
              readOnly={readOnly}
            />
          </Section>
          <Section
            title="Stakeholders"
            description="People across departments with a role in this project."
          >
            <StakeholdersSettings
              workspaceId={workspaceId}
              projectId={project.id}
              readOnly={readOnly}
            />
          </Section>
          {readOnlyRole ? null : (
            <Section title="Lifecycle">
              <ProjectLifecycle workspaceId={workspaceId} project={project} />
            </Section>
          )}
        </Box>
      )}

      <TaskPanel taskKey={openKey} onClose={closeTask}>
        {openKey ? (
          <TaskDetail
            key={openKey}
            workspaceId={workspaceId}
            taskKey={openKey}
            userId={userId}
            canModerate={canAdmin}
            variant="panel"
            taskHref={(key) => `/w/${workspaceId}/tasks/${key}`}
            projectHref={(id) => `/w/${workspaceId}/projects/${id}`}
            onClose={closeTask}
            onDeleted={closeTask}
            onCreateSubtask={(task) =>
              createTask({ projectId: task.project_id, parentId: task.id })
            }
            onStartTimer={startTimer}
          />
        ) : null}
      </TaskPanel>
      <ProjectFormModal
        workspaceId={workspaceId}
        opened={editing}
        project={project}
        defaultOwnerId={me?.id ?? null}
        onClose={() => setEditing(false)}
      />
    </Box>
  );
}

export function TaskRoute() {
  const { workspace, user } = useCurrentWorkspace();
  const { taskKey = "" } = useParams();
  const navigate = useNavigate();
  const { createTask, setOpenTaskId } = useWork();
  const startTimer = useStartTimerOnTask(workspace.id);
  useDocumentTitle(`${taskKey} · Worklane`);
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
      variant="page"
      taskHref={(key) => `/w/${workspace.id}/tasks/${key}`}
      projectHref={(id) => `/w/${workspace.id}/projects/${id}`}
      onDeleted={(task) => navigate(`/w/${workspace.id}/projects/${task.project_id}`)}
      onCreateSubtask={(task) => createTask({ projectId: task.project_id, parentId: task.id })}
      onStartTimer={startTimer}
    />
  );
}
