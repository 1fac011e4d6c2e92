import { Tabs } from "@mantine/core";
import { IconChartLine, IconClockHour4 } from "@tabler/icons-react";
import { useMyMember } from "@/api/directory";
import { Page } from "@/components/page";
import { Approvals } from "@/features/time/components/approvals";
import { EstimatesReportView } from "@/features/time/components/estimates-report";
import { MyTime } from "@/features/time/components/my-time";
import { TimeReportView } from "@/features/time/components/time-report";
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

type ReportTab = "time" | "estimates";

export function ReportsRoute() {
  const { workspace } = useCurrentWorkspace();
  const [view, setView] = useSearchParam("view");
  // One `project` parameter for both tabs: a project's time and its estimates are a click apart.
  const [projectId, setProjectId] = useSearchParam("project");
  const tab: ReportTab = view === "estimates" ? "estimates" : "time";
  return (
    <Page
      title="Reports"
      description="Logged time grouped any way you need, and each project's estimates and budget."
    >
      <Tabs
        value={tab}
        onChange={(next) => setView(next === "estimates" ? next : null)}
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          <Tabs.Tab value="time" leftSection={<IconClockHour4 size={15} />}>
            Time
          </Tabs.Tab>
          <Tabs.Tab value="estimates" leftSection={<IconChartLine size={15} />}>
            Estimates
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="time">
          <TimeReportView key={workspace.id} workspaceId={workspace.id} />
        </Tabs.Panel>
        <Tabs.Panel value="estimates">
          <EstimatesReportView
            key={workspace.id}
            workspaceId={workspace.id}
            projectId={projectId}
            onProjectChange={setProjectId}
          />
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
}
