import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { $api, api, ifMatch, unwrap } from "@/api/client";
import { usePagedList } from "@/api/pagination";
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

/** All the caller's workspaces (every page: the switcher and palette list them all). */
export function useWorkspaces() {
  const init = { params: { query: { limit: 200 } } };
  return usePagedList(
    $api.queryOptions("get", LIST, init).queryKey,
    async (cursor, signal) =>
      unwrap(await api.GET(LIST, { params: { query: { ...init.params.query, cursor } }, signal })),
    { all: true },
  );
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

export function useDeleteWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (workspace: Workspace) => {
      await api.DELETE(ONE, {
        params: { path: { workspace_id: workspace.id }, header: ifMatch(workspace) },
      });
    },
    onSuccess: (_, workspace) => {
      // Everything under this workspace goes, not just the workspace itself.
      queryClient.removeQueries({
        predicate: (query) =>
          JSON.stringify(query.queryKey).includes(`"workspace_id":"${workspace.id}"`),
      });
      return queryClient.invalidateQueries({ queryKey: listKey });
    },
  });
}
