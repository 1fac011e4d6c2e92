import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { useEffect } from "react";
import { Link, Navigate, useNavigate, useParams } from "react-router";
import { useMyMember } from "@/api/directory";
import { isApiError } from "@/api/errors";
import { Page } from "@/components/page";
import { ErrorState, LoadingState } from "@/components/states";
import { useProject } from "@/features/projects/api";
import { ProjectFormModal } from "@/features/projects/components/project-form-modal";
import { ProjectsTable, type ProjectView } from "@/features/projects/components/projects-table";
import { MyWork } from "@/features/tasks/components/my-work";
import { useSearchParam } from "@/hooks/use-search-param";
import { OpenTask } from "../project/open-task";
import { ProjectScreen } from "../project/project-screen";
import { isProjectTab } from "../project/project-tabs";
import { useFocusReporter, useWork } from "../shell/work-context";
import { useCurrentWorkspace } from "./workspace";

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

export function ProjectRoute() {
  const { workspace } = useCurrentWorkspace();
  const { projectId = "", tab = "list" } = useParams();
  const project = useProject(workspace.id, projectId);
  const { setProjectId } = useWork();

  useEffect(() => {
    setProjectId(projectId);
    return () => setProjectId(null);
  }, [projectId, setProjectId]);

  if (!isProjectTab(tab)) return <Navigate to=".." replace />;
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
  return <ProjectScreen project={project.data} tab={tab} />;
}

export function TaskRoute() {
  const { workspace } = useCurrentWorkspace();
  const { taskKey = "" } = useParams();
  const navigate = useNavigate();
  useDocumentTitle(`${taskKey} · Worklane`);
  return (
    <OpenTask
      taskKey={taskKey}
      variant="page"
      onDeleted={(task) => navigate(`/w/${workspace.id}/projects/${task.project_id}`)}
    />
  );
}
