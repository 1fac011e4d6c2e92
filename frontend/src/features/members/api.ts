import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, unwrap } from "@/api/client";
import { type Member, workspaceKey } from "@/api/directory";
import { type CachedPages, dropFromLists, mapPages, usePagedGet } from "@/api/pagination";
import type { components } from "@/api/schema";

export type { Member };
export type MemberUpdate = components["schemas"]["MemberUpdate"];
export type Role = components["schemas"]["Role"];

const LIST = "/api/v1/workspaces/{workspace_id}/members";
const ONE = "/api/v1/workspaces/{workspace_id}/members/{member_id}";
const PAGE_SIZE = 50;

export function useMembers(workspaceId: string) {
  return usePagedGet(LIST, { path: { workspace_id: workspaceId }, query: { limit: PAGE_SIZE } });
}

/**
 * Change a member from the version we hold. The change shows at once in every cached list and
 * is rolled back if the server refuses it (a 412 included); either way the lists are refetched.
 */
export function useUpdateMember(workspaceId: string) {
  const queryClient = useQueryClient();
  const key = workspaceKey(LIST, workspaceId);
  return useMutation({
    mutationFn: async ({ member, changes }: { member: Member; changes: MemberUpdate }) =>
      unwrap(
        await api.PATCH(ONE, {
          params: {
            path: { workspace_id: workspaceId, member_id: member.id },
            header: ifMatch(member),
          },
          body: changes,
        }),
      ),
    onMutate: async ({ member, changes }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const snapshot = queryClient.getQueriesData<CachedPages<Member>>({ queryKey: key });
      const optimistic: Partial<Member> = {};
      if (changes.role) optimistic.role = changes.role;
      queryClient.setQueriesData<CachedPages<Member>>({ queryKey: key }, (data) =>
        mapPages(data, (row) => (row.id === member.id ? { ...row, ...optimistic } : row)),
      );
      return { snapshot };
    },
    onError: (_error, _variables, context) => {
      for (const [queryKey, data] of context?.snapshot ?? [])
        queryClient.setQueryData(queryKey, data);
    },
    onSuccess: (saved) => {
      queryClient.setQueriesData<CachedPages<Member>>({ queryKey: key }, (data) =>
        mapPages(data, (row) => (row.id === saved.id ? saved : row)),
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useRemoveMember(workspaceId: string) {
  const queryClient = useQueryClient();
  const key = workspaceKey(LIST, workspaceId);
  return useMutation({
    mutationFn: async (member: Member) => {
      await api.DELETE(ONE, {
        params: {
          path: { workspace_id: workspaceId, member_id: member.id },
          header: ifMatch(member),
        },
      });
    },
    onSuccess: (_, member) => dropFromLists(queryClient, key, member.id),
  });
}
