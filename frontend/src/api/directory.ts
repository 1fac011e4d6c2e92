import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { $api } from "./client";
import { type PagedPath, usePagedGet } from "./pagination";
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
/** Tasks are the tasks feature's, but the timeline, time and project settings read or refresh them. */
export const TASKS = "/api/v1/workspaces/{workspace_id}/tasks";
export const TASK = "/api/v1/workspaces/{workspace_id}/tasks/{task_id}";

const ALL = 200;

/**
 * Every cached list of `path` in the workspace, whatever its filters or page size: for
 * invalidation. It is the start of the key `usePagedGet` and `$api` cache each list under.
 */
export function workspaceKey(path: PagedPath, workspaceId: string) {
  return ["get", path, { params: { path: { workspace_id: workspaceId } } }] as const;
}

function byId<T extends { id: string }>(rows: T[] | undefined): Map<string, T> {
  return new Map((rows ?? []).map((row) => [row.id, row]));
}

/** A whole lookup, every page of it. */
function everything(workspaceId: string) {
  return { path: { workspace_id: workspaceId }, query: { limit: ALL } };
}

/** A lookup's rows with a map by id beside them, built once per change of the rows. */
function useById<L extends { items: { id: string }[] | undefined }>(list: L) {
  const map = useMemo(() => byId<NonNullable<L["items"]>[number]>(list.items), [list.items]);
  return { ...list, byId: map };
}

/** Everyone in the workspace. */
export function useMemberDirectory(workspaceId: string) {
  return useById(usePagedGet(MEMBERS, everything(workspaceId), { all: true }));
}

export function useTeamDirectory(workspaceId: string) {
  return useById(usePagedGet(TEAMS, everything(workspaceId), { all: true }));
}

export function useLabelDirectory(workspaceId: string) {
  return useById(usePagedGet(LABELS, everything(workspaceId), { all: true }));
}

/** Every project of the workspace, archived ones included (pickers, the palette, names for ids). */
export function useProjectDirectory(workspaceId: string) {
  return useById(usePagedGet(PROJECTS, everything(workspaceId), { all: true }));
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
