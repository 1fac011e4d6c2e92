import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { $api, api, ifMatch, unwrap } from "@/api/client";
import {
  PROJECTS,
  type Project,
  STATUSES,
  type StatusCategory,
  TASKS,
  type WorkflowStatus,
  workspaceKey,
} from "@/api/directory";
import { usePagedGet } from "@/api/pagination";
import type { components } from "@/api/schema";
import { choices } from "@/lib/choices";

export type { Project, StatusCategory, WorkflowStatus };
export type ProjectCreate = components["schemas"]["ProjectCreate"];
export type ProjectUpdate = components["schemas"]["ProjectUpdate"];
export type ProjectKind = components["schemas"]["ProjectKind"];
export type Phase = components["schemas"]["Phase"];
export type Transition = components["schemas"]["Transition"];
export type Stakeholder = components["schemas"]["Stakeholder"];
export type StakeholderRole = components["schemas"]["StakeholderRole"];
export type WorkflowStatusCreate = components["schemas"]["WorkflowStatusCreate"];
export type WorkflowStatusUpdate = components["schemas"]["WorkflowStatusUpdate"];

const ONE = "/api/v1/workspaces/{workspace_id}/projects/{project_id}";
const ARCHIVE = "/api/v1/workspaces/{workspace_id}/projects/{project_id}/archive";
const UNARCHIVE = "/api/v1/workspaces/{workspace_id}/projects/{project_id}/unarchive";
const TRANSITIONS = "/api/v1/workspaces/{workspace_id}/projects/{project_id}/transitions";
const STAKEHOLDERS = "/api/v1/workspaces/{workspace_id}/projects/{project_id}/stakeholders";
const STAKEHOLDER =
  "/api/v1/workspaces/{workspace_id}/projects/{project_id}/stakeholders/{member_id}";
const STATUS = "/api/v1/workspaces/{workspace_id}/projects/{project_id}/statuses/{status_id}";
const REORDER = "/api/v1/workspaces/{workspace_id}/projects/{project_id}/statuses/reorder";

export const PHASES = choices<Phase>({
  initiation: "Initiation",
  planning: "Planning",
  execution: "Execution",
  closing: "Closing",
  closed: "Closed",
});

export function phaseLabel(phase: Phase | null | undefined): string {
  return PHASES.find((each) => each.value === phase)?.label ?? "Ongoing";
}

export interface ProjectFilters {
  kind?: ProjectKind;
  phase?: Phase;
  status?: "active" | "on_hold" | "archived";
}

function projectPath(workspaceId: string, projectId: string) {
  return { workspace_id: workspaceId, project_id: projectId };
}

export function projectOptions(workspaceId: string, projectId: string) {
  return $api.queryOptions("get", ONE, { params: { path: projectPath(workspaceId, projectId) } });
}

export function useProject(workspaceId: string, projectId: string) {
  return useQuery(projectOptions(workspaceId, projectId));
}

export function useProjects(workspaceId: string, filters: ProjectFilters) {
  return usePagedGet(PROJECTS, {
    path: { workspace_id: workspaceId },
    query: { ...filters, limit: 50 },
  });
}

/** A project change shows in the project, every list of projects, and the directory. */
function useProjectSaved(workspaceId: string) {
  const queryClient = useQueryClient();
  return (project: Project) => {
    queryClient.setQueryData(projectOptions(workspaceId, project.id).queryKey, project);
    return queryClient.invalidateQueries({ queryKey: workspaceKey(PROJECTS, workspaceId) });
  };
}

export function useCreateProject(workspaceId: string) {
  const saved = useProjectSaved(workspaceId);
  return useMutation({
    mutationFn: async (body: ProjectCreate) =>
      unwrap(await api.POST(PROJECTS, { params: { path: { workspace_id: workspaceId } }, body })),
    onSuccess: saved,
  });
}

export function useUpdateProject(workspaceId: string) {
  const saved = useProjectSaved(workspaceId);
  return useMutation({
    mutationFn: async ({ project, changes }: { project: Project; changes: ProjectUpdate }) =>
      unwrap(
        await api.PATCH(ONE, {
          params: { path: projectPath(workspaceId, project.id), header: ifMatch(project) },
          body: changes,
        }),
      ),
    onSuccess: saved,
  });
}

export function useArchiveProject(workspaceId: string) {
  const saved = useProjectSaved(workspaceId);
  return useMutation({
    mutationFn: async ({ project, archived }: { project: Project; archived: boolean }) =>
      unwrap(
        await api.POST(archived ? ARCHIVE : UNARCHIVE, {
          params: { path: projectPath(workspaceId, project.id) },
        }),
      ),
    onSuccess: saved,
  });
}

/** Move a project to another phase; a 409 `open_tasks` asks for `force`. */
export function useTransitionProject(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      project,
      toPhase,
      force = false,
      note = "",
    }: {
      project: Project;
      toPhase: Phase;
      force?: boolean;
      note?: string;
    }) =>
      unwrap(
        await api.POST(TRANSITIONS, {
          params: { path: projectPath(workspaceId, project.id), header: ifMatch(project) },
          body: { to_phase: toPhase, force, note },
        }),
      ),
    onSettled: (_data, _error, { project }) =>
      Promise.all([
        queryClient.invalidateQueries({
          queryKey: projectOptions(workspaceId, project.id).queryKey,
        }),
        queryClient.invalidateQueries({ queryKey: workspaceKey(PROJECTS, workspaceId) }),
        queryClient.invalidateQueries({
          queryKey: $api.queryOptions("get", TRANSITIONS, {
            params: { path: projectPath(workspaceId, project.id) },
          }).queryKey,
        }),
      ]),
  });
}

export function useTransitions(workspaceId: string, projectId: string) {
  return $api.useQuery(
    "get",
    TRANSITIONS,
    { params: { path: projectPath(workspaceId, projectId), query: { limit: 200, sort: "-id" } } },
    { select: (page) => page.items },
  );
}

// Stakeholders

function stakeholdersKey(workspaceId: string, projectId: string) {
  return $api.queryOptions("get", STAKEHOLDERS, {
    params: { path: projectPath(workspaceId, projectId) },
  }).queryKey;
}

export function useStakeholders(workspaceId: string, projectId: string) {
  return $api.useQuery(
    "get",
    STAKEHOLDERS,
    { params: { path: projectPath(workspaceId, projectId), query: { limit: 200 } } },
    { select: (page) => page.items },
  );
}

export function useSetStakeholder(workspaceId: string, projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ memberId, role }: { memberId: string; role: StakeholderRole }) =>
      unwrap(
        await api.PUT(STAKEHOLDER, {
          params: { path: { ...projectPath(workspaceId, projectId), member_id: memberId } },
          body: { role },
        }),
      ),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: stakeholdersKey(workspaceId, projectId) }),
  });
}

export function useRemoveStakeholder(workspaceId: string, projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (memberId: string) => {
      await api.DELETE(STAKEHOLDER, {
        params: { path: { ...projectPath(workspaceId, projectId), member_id: memberId } },
      });
    },
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: stakeholdersKey(workspaceId, projectId) }),
  });
}

// Workflow statuses (read through `useProjectStatuses` in the directory)

function useInvalidateStatuses(workspaceId: string, projectId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({
        queryKey: $api.queryOptions("get", STATUSES, {
          params: { path: projectPath(workspaceId, projectId) },
        }).queryKey,
      }),
      // Deleting a status moves tasks; renaming changes what lists show.
      queryClient.invalidateQueries({
        queryKey: $api.queryOptions("get", TASKS, {
          params: { path: { workspace_id: workspaceId } },
        }).queryKey,
      }),
    ]);
}

export function useCreateStatus(workspaceId: string, projectId: string) {
  const invalidate = useInvalidateStatuses(workspaceId, projectId);
  return useMutation({
    mutationFn: async (body: WorkflowStatusCreate) =>
      unwrap(
        await api.POST(STATUSES, { params: { path: projectPath(workspaceId, projectId) }, body }),
      ),
    onSettled: invalidate,
  });
}

export function useUpdateStatus(workspaceId: string, projectId: string) {
  const invalidate = useInvalidateStatuses(workspaceId, projectId);
  return useMutation({
    mutationFn: async ({
      status,
      changes,
    }: {
      status: WorkflowStatus;
      changes: WorkflowStatusUpdate;
    }) =>
      unwrap(
        await api.PATCH(STATUS, {
          params: {
            path: { ...projectPath(workspaceId, projectId), status_id: status.id },
            header: ifMatch(status),
          },
          body: changes,
        }),
      ),
    onSettled: invalidate,
  });
}

export function useReorderStatuses(workspaceId: string, projectId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateStatuses(workspaceId, projectId);
  const key = $api.queryOptions("get", STATUSES, {
    params: { path: projectPath(workspaceId, projectId) },
  }).queryKey;
  return useMutation({
    mutationFn: async (statusIds: string[]) =>
      unwrap(
        await api.POST(REORDER, {
          params: { path: projectPath(workspaceId, projectId) },
          body: { status_ids: statusIds },
        }),
      ),
    onMutate: async (statusIds) => {
      await queryClient.cancelQueries({ queryKey: key });
      const snapshot = queryClient.getQueriesData<{ items: WorkflowStatus[] }>({ queryKey: key });
      queryClient.setQueriesData<{ items: WorkflowStatus[]; next_cursor: string | null }>(
        { queryKey: key },
        (page) => {
          if (!page) return page;
          const byId = new Map(page.items.map((status) => [status.id, status]));
          const items = statusIds.flatMap((id, index) => {
            const status = byId.get(id);
            return status ? [{ ...status, position: index + 1 }] : [];
          });
          return { ...page, items };
        },
      );
      return { snapshot };
    },
    onError: (_error, _ids, context) => {
      for (const [queryKey, data] of context?.snapshot ?? [])
        queryClient.setQueryData(queryKey, data);
    },
    onSettled: invalidate,
  });
}

export function useDeleteStatus(workspaceId: string, projectId: string) {
  const invalidate = useInvalidateStatuses(workspaceId, projectId);
  return useMutation({
    mutationFn: async ({ status, moveTo }: { status: WorkflowStatus; moveTo: string | null }) => {
      await api.DELETE(STATUS, {
        params: {
          path: { ...projectPath(workspaceId, projectId), status_id: status.id },
          header: ifMatch(status),
          query: moveTo ? { move_to: moveTo } : {},
        },
      });
    },
    onSettled: invalidate,
  });
}
