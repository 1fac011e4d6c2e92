import { useMyMember } from "@/api/directory";
import { Page } from "@/components/page";
import { Approvals } from "@/features/time/components/approvals";
import { MyTime } from "@/features/time/components/my-time";
import { canAdminister } from "@/features/workspaces/api";
import { useSearchParam } from "@/hooks/use-search-param";
import { useCurrentWorkspace } from "./workspace";

export function MyTimeRoute() {
  const { workspace, user } = useCurrentWorkspace();
  const me = useMyMember(workspace.id, user.id);
  const [week, setWeek] = useSearchParam("week");
  const [adding, setAdding] = useSearchParam("new");
  return (
    <Page
      title="My time"
      description="Your logged time, one week at a time. Submit the week when it's complete."
    >
      <MyTime
        key={workspace.id}
        workspaceId={workspace.id}
        memberId={me?.id}
        weekStartDay={workspace.week_start}
        week={week}
        onWeekChange={setWeek}
        adding={adding === "entry"}
        onAddingChange={(open) => setAdding(open ? "entry" : null)}
        readOnlyRole={workspace.role === "viewer"}
      />
    </Page>
  );
}

export function ApprovalsRoute() {
  const { workspace, user } = useCurrentWorkspace();
  const me = useMyMember(workspace.id, user.id);
  return (
    <Page
      title="Approvals"
      description="Submitted weeks of the people you approve for. Open one to see its time."
    >
      <Approvals
        key={workspace.id}
        workspaceId={workspace.id}
        myMemberId={me?.id}
        isAdmin={canAdminister(workspace.role)}
      />
    </Page>
  );
}
