import { type Query, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { $api, api, ifMatch, unwrap } from "@/api/client";
import { type CachedPages, filterPages, usePagedGet } from "@/api/pagination";
import type { components } from "@/api/schema";

export type Workspace = components["schemas"]["Workspace"];
export type WorkspaceCreate = components["schemas"]["WorkspaceCreate"];
export type WorkspaceUpdate = components["schemas"]["WorkspaceUpdate"];
export type Role = components["schemas"]["Role"];

const LIST = "/api/v1/workspaces";
const ONE = "/api/v1/workspaces/{workspace_id}";

/** Every list of workspaces, whatever its page or size. */
const listKey = $api.queryOptions("get", LIST).queryKey;

export function workspaceOptions(workspaceId: string) {
  return $api.queryOptions("get", ONE, { params: { path: { workspace_id: workspaceId } } });
}

export function canAdminister(role: Role | undefined): boolean {
  return role === "owner" || role === "admin";
}

/** Everyone but a viewer creates tasks and logs time; a viewer only reads. */
export function canContribute(role: Role | undefined): boolean {
  return role !== undefined && role !== "viewer";
}

/** All the caller's workspaces (every page: the switcher and palette list them all). */
export function useWorkspaces() {
  return usePagedGet(LIST, { query: { limit: 200 } }, { all: true });
}

export function useWorkspace(workspaceId: string) {
  return useQuery(workspaceOptions(workspaceId));
}

export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: WorkspaceCreate) => unwrap(await api.POST(LIST, { body })),
    onSuccess: (workspace) => {
      queryClient.setQueryData(workspaceOptions(workspace.id).queryKey, workspace);
      return queryClient.invalidateQueries({ queryKey: listKey });
    },
  });
}

/** Change settings from the version the user was looking at (`base`): a stale one answers 412. */
export function useUpdateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ base, changes }: { base: Workspace; changes: WorkspaceUpdate }) =>
      unwrap(
        await api.PATCH(ONE, {
          params: { path: { workspace_id: base.id }, header: ifMatch(base) },
          body: changes,
        }),
      ),
    onSuccess: (workspace) => {
      queryClient.setQueryData(workspaceOptions(workspace.id).queryKey, workspace);
      return queryClient.invalidateQueries({ queryKey: listKey });
    },
  });
}

/**
 * Delete a workspace. On success it leaves the cached list at once (so `/` and the switcher never
 * offer it again); what is cached under it stays until `useForgetWorkspace` runs, after the
 * screens that show it are gone: removed any earlier, a mounted query would fetch it again (404).
 */
export function useDeleteWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (workspace: Workspace) => {
      await api.DELETE(ONE, {
        params: { path: { workspace_id: workspace.id }, header: ifMatch(workspace) },
      });
    },
    onSuccess: async (_, workspace) => {
      await queryClient.cancelQueries({ predicate: (query) => isUnder(query, workspace.id) });
      queryClient.setQueriesData<CachedPages<Workspace>>({ queryKey: listKey }, (data) =>
        filterPages(data, (row) => row.id !== workspace.id),
      );
    },
  });
}

function isUnder(query: Query, workspaceId: string): boolean {
  return JSON.stringify(query.queryKey).includes(`"workspace_id":"${workspaceId}"`);
}

/** Drop everything cached under a deleted workspace, once nothing on screen reads it. */
export function useForgetWorkspace(): (workspaceId: string) => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(
    (workspaceId) => {
      queryClient.removeQueries({ predicate: (query) => isUnder(query, workspaceId) });
      return queryClient.invalidateQueries({ queryKey: listKey });
    },
    [queryClient],
  );
}
