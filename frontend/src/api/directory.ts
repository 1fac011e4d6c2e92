import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { $api, api, unwrap } from "./client";
import { usePagedList } from "./pagination";
import type { components } from "./schema";

/**
 * The workspace's small, shared lookups (members, teams, labels, projects, a project's statuses):
 * every screen that shows a name for an id reads them from here, so each is fetched once and
 * cached under the operation's own key. The feature that owns a resource changes it and
 * invalidates that key.
 */

export type Member = components["schemas"]["Member"];
export type Team = components["schemas"]["Team"];
export type Label = components["schemas"]["Label"];
export type Project = components["schemas"]["Project"];
export type WorkflowStatus = components["schemas"]["WorkflowStatus"];
export type StatusCategory = components["schemas"]["StatusCategory"];

export const MEMBERS = "/api/v1/workspaces/{workspace_id}/members";
export const TEAMS = "/api/v1/workspaces/{workspace_id}/teams";
export const LABELS = "/api/v1/workspaces/{workspace_id}/labels";
export const PROJECTS = "/api/v1/workspaces/{workspace_id}/projects";
export const STATUSES = "/api/v1/workspaces/{workspace_id}/projects/{project_id}/statuses";

const ALL = 200;

/** Every list of `path` in the workspace, whatever its filters or page size: for invalidation. */
export function workspaceKey(
  path: typeof MEMBERS | typeof TEAMS | typeof LABELS | typeof PROJECTS,
  workspaceId: string,
) {
  return $api.queryOptions("get", path, { params: { path: { workspace_id: workspaceId } } })
    .queryKey;
}

function byId<T extends { id: string }>(rows: T[] | undefined): Map<string, T> {
  return new Map((rows ?? []).map((row) => [row.id, row]));
}

/** Everyone in the workspace (every page), and a map by member id. */
export function useMemberDirectory(workspaceId: string) {
  const init = { params: { path: { workspace_id: workspaceId }, query: { limit: ALL } } };
  const list = usePagedList(
    $api.queryOptions("get", MEMBERS, init).queryKey,
    async (cursor, signal) =>
      unwrap(
        await api.GET(MEMBERS, {
          params: { ...init.params, query: { ...init.params.query, cursor } },
          signal,
        }),
      ),
    { all: true },
  );
  const map = useMemo(() => byId(list.items), [list.items]);
  return { ...list, byId: map };
}

export function useTeamDirectory(workspaceId: string) {
  const init = { params: { path: { workspace_id: workspaceId }, query: { limit: ALL } } };
  const list = usePagedList(
    $api.queryOptions("get", TEAMS, init).queryKey,
    async (cursor, signal) =>
      unwrap(
        await api.GET(TEAMS, {
          params: { ...init.params, query: { ...init.params.query, cursor } },
          signal,
        }),
      ),
    { all: true },
  );
  const map = useMemo(() => byId(list.items), [list.items]);
  return { ...list, byId: map };
}

export function useLabelDirectory(workspaceId: string) {
  const init = { params: { path: { workspace_id: workspaceId }, query: { limit: ALL } } };
  const list = usePagedList(
    $api.queryOptions("get", LABELS, init).queryKey,
    async (cursor, signal) =>
      unwrap(
        await api.GET(LABELS, {
          params: { ...init.params, query: { ...init.params.query, cursor } },
          signal,
        }),
      ),
    { all: true },
  );
  const map = useMemo(() => byId(list.items), [list.items]);
  return { ...list, byId: map };
}

/** Every project of the workspace, archived ones included (pickers, the palette, names for ids). */
export function useProjectDirectory(workspaceId: string) {
  const init = { params: { path: { workspace_id: workspaceId }, query: { limit: ALL } } };
  const list = usePagedList(
    $api.queryOptions("get", PROJECTS, init).queryKey,
    async (cursor, signal) =>
      unwrap(
        await api.GET(PROJECTS, {
          params: { ...init.params, query: { ...init.params.query, cursor } },
          signal,
        }),
      ),
    { all: true },
  );
  const map = useMemo(() => byId(list.items), [list.items]);
  return { ...list, byId: map };
}

export function statusesOptions(workspaceId: string, projectId: string) {
  return $api.queryOptions(
    "get",
    STATUSES,
    {
      params: { path: { workspace_id: workspaceId, project_id: projectId }, query: { limit: ALL } },
    },
    { staleTime: 60_000, select: (page) => page.items },
  );
}

/** A project's workflow statuses in board order (a project has at most a few dozen). */
export function useProjectStatuses(workspaceId: string, projectId: string | undefined) {
  return useQuery({
    ...statusesOptions(workspaceId, projectId ?? ""),
    enabled: Boolean(projectId),
  });
}

/** The caller's own membership in the workspace: who "me" is for assignees and watchers. */
export function useMyMember(workspaceId: string, userId: string | undefined): Member | undefined {
  const members = useMemberDirectory(workspaceId);
  return useMemo(
    () => members.items?.find((member) => member.user_id === userId),
    [members.items, userId],
  );
}
