import { Button } from "@mantine/core";
import { IconHierarchy2, IconPlus } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useMemberDirectory, useTeamDirectory } from "@/api/directory";
import { confirmDestructive } from "@/components/confirm";
import { notifyError, notifySuccess } from "@/components/notify";
import { EmptyState, ErrorState, SkeletonRows } from "@/components/states";
import { useSearchParam } from "@/hooks/use-search-param";
import { type Team, useDeleteTeam } from "../api";
import { buildTeamTree } from "../tree";
import { TeamDrawer } from "./team-drawer";
import { TeamFormModal, type TeamFormMode } from "./team-form-modal";
import { TeamsTree } from "./teams-tree";

/** The team hierarchy with everything to change it. `?new=team` opens the create dialog. */
export function TeamsSettings({ workspaceId, canEdit }: { workspaceId: string; canEdit: boolean }) {
  const teams = useTeamDirectory(workspaceId);
  const members = useMemberDirectory(workspaceId);
  const remove = useDeleteTeam(workspaceId);
  const [newParam, setNewParam] = useSearchParam("new");
  const [openTeamId, setOpenTeamId] = useSearchParam("team");
  const [formMode, setFormMode] = useState<TeamFormMode | null>(null);

  const allTeams = teams.items ?? [];
  const allMembers = members.items ?? [];
  const tree = useMemo(() => buildTeamTree(teams.items ?? []), [teams.items]);
  const membersById = useMemo(
    () => new Map((members.items ?? []).map((member) => [member.id, member])),
    [members.items],
  );
  // Modals read the latest version from the list, so a retry after 412 uses fresh data.
  const activeMode: TeamFormMode | null =
    newParam === "team" && canEdit
      ? { kind: "create", parentId: null }
      : formMode?.kind === "edit"
        ? (() => {
            const latest = allTeams.find((team) => team.id === formMode.team.id);
            return latest ? { kind: "edit", team: latest } : null;
          })()
        : formMode;

  const closeForm = () => {
    setFormMode(null);
    if (newParam) setNewParam(null);
  };

  const confirmDelete = async (team: Team) => {
    const hasChildren = allTeams.some((each) => each.parent_id === team.id);
    const confirmed = await confirmDestructive({
      title: `Delete ${team.name}?`,
      message: hasChildren
        ? "Its sub-teams move up one level. Members keep their place in the workspace."
        : "Members keep their place in the workspace; only the team goes.",
      confirmLabel: "Delete team",
    });
    if (!confirmed) return;
    remove.mutate(team, {
      onSuccess: () => {
        notifySuccess(`Deleted ${team.name}`);
        if (openTeamId === team.id) setOpenTeamId(null);
      },
      onError: (error) => notifyError(error, `Couldn't delete ${team.name}`),
    });
  };

  if (teams.isPending || members.isPending) return <SkeletonRows rows={4} height={48} />;
  if (teams.isError) return <ErrorState error={teams.error} onRetry={() => teams.refetch()} />;
  if (members.isError)
    return <ErrorState error={members.error} onRetry={() => members.refetch()} />;

  return (
    <>
      {tree.length === 0 ? (
        <EmptyState
          icon={<IconHierarchy2 size={22} />}
          title="No teams yet"
          description="Teams group people the way your organisation works: departments, squads, rotas. They nest."
          action={
            canEdit ? (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setNewParam("team")}>
                Create the first team
              </Button>
            ) : undefined
          }
        />
      ) : (
        <TeamsTree
          nodes={tree}
          members={membersById}
          canEdit={canEdit}
          onOpen={(team) => setOpenTeamId(team.id)}
          onEdit={(team) => setFormMode({ kind: "edit", team })}
          onAddChild={(team) => setFormMode({ kind: "create", parentId: team.id })}
          onDelete={confirmDelete}
        />
      )}
      {activeMode ? (
        <TeamFormModal
          key={activeMode.kind === "edit" ? activeMode.team.id : `new-${activeMode.parentId}`}
          workspaceId={workspaceId}
          mode={activeMode}
          teams={allTeams}
          members={allMembers}
          onClose={closeForm}
        />
      ) : null}
      <TeamDrawer
        workspaceId={workspaceId}
        team={allTeams.find((team) => team.id === openTeamId)}
        teams={allTeams}
        members={allMembers}
        canEdit={canEdit}
        onClose={() => setOpenTeamId(null)}
      />
    </>
  );
}
