import { useMyMember, useTeamDirectory } from "@/api/directory";
import { canAdminister, type Workspace } from "@/features/workspaces/api";

/** Admins approve everyone's timesheets; a team lead their teams' members'. */
export function useCanApprove(workspace: Workspace, userId: string): boolean {
  const me = useMyMember(workspace.id, userId);
  const teams = useTeamDirectory(workspace.id);
  if (canAdminister(workspace.role)) return true;
  return Boolean(me && teams.items?.some((team) => team.lead_member_id === me.id));
}
