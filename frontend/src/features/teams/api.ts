import { useMutation, useQueryClient } from "@tanstack/react-query";
import { $api, api, ifMatch, unwrap } from "@/api/client";
import { MEMBERS, type Member, TEAMS, type Team } from "@/api/directory";
import type { components } from "@/api/schema";

export type TeamCreate = components["schemas"]["TeamCreate"];
export type TeamUpdate = components["schemas"]["TeamUpdate"];
export type { Member, Team };

const TEAM = "/api/v1/workspaces/{workspace_id}/teams/{team_id}";
const TEAM_MEMBERS = "/api/v1/workspaces/{workspace_id}/teams/{team_id}/members";
const TEAM_MEMBER = "/api/v1/workspaces/{workspace_id}/teams/{team_id}/members/{member_id}";

function workspacePath(workspaceId: string) {
  return { params: { path: { workspace_id: workspaceId } } };
}

/** A team change can also move members' `team_ids`: refresh both lists of this workspace. */
function useInvalidateTeams(workspaceId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({
        queryKey: $api.queryOptions("get", TEAMS, workspacePath(workspaceId)).queryKey,
      }),
      queryClient.invalidateQueries({
        queryKey: $api.queryOptions("get", MEMBERS, workspacePath(workspaceId)).queryKey,
      }),
    ]);
}

export function useCreateTeam(workspaceId: string) {
  const invalidate = useInvalidateTeams(workspaceId);
  return useMutation({
    mutationFn: async (body: TeamCreate) =>
      unwrap(await api.POST(TEAMS, { ...workspacePath(workspaceId), body })),
    onSuccess: invalidate,
  });
}

export function useUpdateTeam(workspaceId: string) {
  const invalidate = useInvalidateTeams(workspaceId);
  return useMutation({
    mutationFn: async ({ team, changes }: { team: Team; changes: TeamUpdate }) =>
      unwrap(
        await api.PATCH(TEAM, {
          params: { path: { workspace_id: workspaceId, team_id: team.id }, header: ifMatch(team) },
          body: changes,
        }),
      ),
    onSettled: invalidate,
  });
}

export function useDeleteTeam(workspaceId: string) {
  const invalidate = useInvalidateTeams(workspaceId);
  return useMutation({
    mutationFn: async (team: Team) => {
      await api.DELETE(TEAM, {
        params: { path: { workspace_id: workspaceId, team_id: team.id }, header: ifMatch(team) },
      });
    },
    onSettled: invalidate,
  });
}

export function useAddTeamMember(workspaceId: string) {
  const invalidate = useInvalidateTeams(workspaceId);
  return useMutation({
    mutationFn: async ({ team, memberId }: { team: Team; memberId: string }) => {
      await api.POST(TEAM_MEMBERS, {
        params: { path: { workspace_id: workspaceId, team_id: team.id } },
        body: { member_id: memberId },
      });
    },
    onSettled: invalidate,
  });
}

export function useRemoveTeamMember(workspaceId: string) {
  const invalidate = useInvalidateTeams(workspaceId);
  return useMutation({
    mutationFn: async ({ team, memberId }: { team: Team; memberId: string }) => {
      await api.DELETE(TEAM_MEMBER, {
        params: { path: { workspace_id: workspaceId, team_id: team.id, member_id: memberId } },
      });
    },
    onSettled: invalidate,
  });
}
