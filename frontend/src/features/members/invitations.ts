import { useMutation, useQueryClient } from "@tanstack/react-query";
import { $api, api, ifMatch, unwrap } from "@/api/client";
import { workspaceKey } from "@/api/directory";
import { dropFromLists, usePagedList } from "@/api/pagination";
import type { components } from "@/api/schema";

export type Invitation = components["schemas"]["Invitation"];
export type InvitationCreate = components["schemas"]["InvitationCreate"];
export type InvitationCreated = components["schemas"]["InvitationCreated"];

const LIST = "/api/v1/workspaces/{workspace_id}/invitations";
const ONE = "/api/v1/workspaces/{workspace_id}/invitations/{invitation_id}";
const PAGE_SIZE = 50;

/** The link to pass on: the server answers its path, with the secret in the fragment. */
export function acceptLink(created: InvitationCreated, origin = window.location.origin): string {
  return `${origin}${created.accept_path}`;
}

export function isExpired(invitation: Invitation, now: Date = new Date()): boolean {
  return new Date(invitation.expires_at) <= now;
}

export function useInvitations(workspaceId: string) {
  const init = { params: { path: { workspace_id: workspaceId }, query: { limit: PAGE_SIZE } } };
  return usePagedList($api.queryOptions("get", LIST, init).queryKey, async (cursor, signal) =>
    unwrap(
      await api.GET(LIST, {
        params: { ...init.params, query: { ...init.params.query, cursor } },
        signal,
      }),
    ),
  );
}

/** Invite an email (again: a new link replaces the old one). */
export function useInvite(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: InvitationCreate) =>
      unwrap(await api.POST(LIST, { params: { path: { workspace_id: workspaceId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workspaceKey(LIST, workspaceId) }),
  });
}

export function useRevokeInvitation(workspaceId: string) {
  const queryClient = useQueryClient();
  const key = workspaceKey(LIST, workspaceId);
  return useMutation({
    mutationFn: async (invitation: Invitation) => {
      await api.DELETE(ONE, {
        params: {
          path: { workspace_id: workspaceId, invitation_id: invitation.id },
          header: ifMatch(invitation),
        },
      });
    },
    onSuccess: (_, invitation) => dropFromLists(queryClient, key, invitation.id),
  });
}

/** Accept with the signed-in session. Joining a workspace changes what every list shows the
 * person (their workspaces first), so the whole cache is refetched. */
export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (token: string) =>
      unwrap(await api.POST("/api/v1/invitations/accept", { body: { token } })),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
