import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "@/api/client";
import { workspaceKey } from "@/api/directory";
import { type CachedPages, mapPages, usePagedGet } from "@/api/pagination";
import type { components } from "@/api/schema";

export type ApiToken = components["schemas"]["ApiToken"];
export type ApiTokenCreate = components["schemas"]["ApiTokenCreate"];
export type ApiTokenCreated = components["schemas"]["ApiTokenCreated"];

const LIST = "/api/v1/workspaces/{workspace_id}/api-tokens";
const ONE = "/api/v1/workspaces/{workspace_id}/api-tokens/{token_id}";

/** The caller's own tokens in this workspace. */
export function useApiTokens(workspaceId: string) {
  return usePagedGet(LIST, { path: { workspace_id: workspaceId }, query: { limit: 100 } });
}

export function useCreateApiToken(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ApiTokenCreate) =>
      unwrap(await api.POST(LIST, { params: { path: { workspace_id: workspaceId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workspaceKey(LIST, workspaceId) }),
  });
}

export function useRevokeApiToken(workspaceId: string) {
  const queryClient = useQueryClient();
  const key = workspaceKey(LIST, workspaceId);
  return useMutation({
    mutationFn: async (token: ApiToken) => {
      await api.DELETE(ONE, {
        params: { path: { workspace_id: workspaceId, token_id: token.id } },
      });
    },
    onSuccess: (_, token) => {
      const revokedAt = new Date().toISOString();
      queryClient.setQueriesData<CachedPages<ApiToken>>({ queryKey: key }, (data) =>
        mapPages(data, (row) => (row.id === token.id ? { ...row, revoked_at: revokedAt } : row)),
      );
      return queryClient.invalidateQueries({ queryKey: key });
    },
  });
}
