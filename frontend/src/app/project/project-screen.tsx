import { Box } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { lazy, Suspense, useState } from "react";
import { useSearchParams } from "react-router";
import { useMyMember, useProjectStatuses } from "@/api/directory";
import { ErrorState, LoadingState } from "@/components/states";
import type { Project } from "@/features/projects/api";
import { ProjectFormModal } from "@/features/projects/components/project-form-modal";
import type { Task } from "@/features/tasks/api";
import { Board } from "@/features/tasks/components/board";
import { TaskList } from "@/features/tasks/components/task-list";
import { TaskPanel } from "@/features/tasks/components/task-panel";
import { useCurrentWorkspace } from "../routes/workspace";
import { useFocusReporter, useWork } from "../shell/work-context";
import { OpenTask } from "./open-task";
import { ProjectHeader } from "./project-header";
import { ProjectSettings } from "./project-settings";
import { type ProjectTab, ProjectTabs } from "./project-tabs";

// The timeline draws with code no other screen needs: it loads when its tab is first opened.
const Timeline = lazy(() => import("@/features/timeline/components/timeline"));
// So does the calendar (FullCalendar, with the styles it injects).
const CalendarView = lazy(() => import("@/features/timeline/calendar-view/calendar-view"));

/** One project: its header, the tab in view, and the task open beside it (`?task=KEY`). */
export function ProjectScreen({ project, tab }: { project: Project; tab: ProjectTab }) {
  const { workspace, user } = useCurrentWorkspace();
  useDocumentTitle(`${project.name} · Worklane`);
  const [params, setParams] = useSearchParams();
  const openKey = params.get("task");
  const statuses = useProjectStatuses(workspace.id, project.id);
  const { createTask } = useWork();
  const onFocusTask = useFocusReporter();
  const [editing, setEditing] = useState(false);
  const me = useMyMember(workspace.id, user.id);
  const readOnlyRole = workspace.role === "viewer";
  const readOnly = readOnlyRole || project.status === "archived";
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
  const createInProject = (statusId?: string) => createTask({ projectId: project.id, statusId });
  const view = {
    workspaceId: workspace.id,
    projectId: project.id,
    readOnly,
    onOpenTask: openTask,
    onFocusTask,
  };

  return (
    <Box px={{ base: "md", sm: 32 }} py={24}>
      <ProjectHeader
        workspaceId={workspace.id}
        project={project}
        readOnly={readOnly}
        onEdit={() => setEditing(true)}
        onCreateTask={() => createInProject()}
      />
      <ProjectTabs tab={tab} base={`/w/${workspace.id}/projects/${project.id}`} />
      {statuses.isError ? (
        <ErrorState error={statuses.error} onRetry={() => statuses.refetch()} />
      ) : !statuses.data ? (
        <LoadingState />
      ) : tab === "list" ? (
        <TaskList
          {...view}
          userId={user.id}
          statuses={statuses.data}
          onCreateTask={() => createInProject()}
        />
      ) : tab === "board" ? (
        <Board {...view} statuses={statuses.data} onCreateTask={createInProject} />
      ) : tab === "timeline" ? (
        <Suspense fallback={<LoadingState label="Loading the timeline…" />}>
          <Timeline
            workspaceId={workspace.id}
            project={project}
            statuses={statuses.data}
            readOnly={readOnly}
            weekStart={workspace.week_start}
            onOpenTask={openTask}
            onCreateTask={() => createInProject()}
          />
        </Suspense>
      ) : tab === "calendar" ? (
        <Suspense fallback={<LoadingState label="Loading the calendar…" />}>
          <CalendarView
            workspaceId={workspace.id}
            project={project}
            statuses={statuses.data}
            readOnly={readOnly}
            weekStart={workspace.week_start}
            onOpenTask={openTask}
            onCreateTask={() => createInProject()}
          />
        </Suspense>
      ) : (
        <ProjectSettings
          workspaceId={workspace.id}
          project={project}
          readOnly={readOnly}
          canChangeLifecycle={!readOnlyRole}
        />
      )}
      <TaskPanel taskKey={openKey} onClose={closeTask}>
        {openKey ? (
          <OpenTask taskKey={openKey} variant="panel" onClose={closeTask} onDeleted={closeTask} />
        ) : null}
      </TaskPanel>
      <ProjectFormModal
        workspaceId={workspace.id}
        opened={editing}
        project={project}
        defaultOwnerId={me?.id ?? null}
        onClose={() => setEditing(false)}
      />
    </Box>
  );
}
