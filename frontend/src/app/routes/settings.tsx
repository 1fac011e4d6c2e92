import { Button, Text } from "@mantine/core";
import { IconKey, IconPlus, IconUserPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useNavigate } from "react-router";
import { Page, Section } from "@/components/page";
import { CreateTokenModal } from "@/features/api-tokens/components/create-token-modal";
import { TokensTable } from "@/features/api-tokens/components/tokens-table";
import { ChangePasswordForm } from "@/features/auth/components/change-password-form";
import { SignOutEverywhere } from "@/features/auth/components/sign-out-everywhere";
import { CalendarsSettings } from "@/features/calendars/components/calendars-settings";
import { LabelsSettings } from "@/features/labels/components/labels-settings";
import { InviteModal } from "@/features/members/components/invite-modal";
import { MembersTable } from "@/features/members/components/members-table";
import { PendingInvitations } from "@/features/members/components/pending-invitations";
import type { Invitation } from "@/features/members/invitations";
import { TeamsSettings } from "@/features/teams/components/teams-settings";
import { canAdminister } from "@/features/workspaces/api";
import { DeleteWorkspace } from "@/features/workspaces/components/delete-workspace";
import { GeneralSettingsForm } from "@/features/workspaces/components/general-settings-form";
import { useSearchParam } from "@/hooks/use-search-param";
import { useCurrentWorkspace } from "./workspace";

export function GeneralSettingsRoute() {
  const { workspace } = useCurrentWorkspace();
  const navigate = useNavigate();
  return (
    <Page title="General" description="The workspace's name, and how it counts days and weeks.">
      <GeneralSettingsForm key={workspace.id} workspace={workspace} />
      {workspace.role === "owner" ? (
        <Section title="Danger zone" mt={48}>
          <DeleteWorkspace
            workspace={workspace}
            onDeleted={() => navigate("/", { replace: true })}
          />
        </Section>
      ) : null}
    </Page>
  );
}

export function MembersRoute() {
  const { workspace, user } = useCurrentWorkspace();
  const [inviting, setInviting] = useSearchParam("new");
  const [again, setAgain] = useState<Invitation | null>(null);
  const admin = canAdminister(workspace.role);
  const closeInvite = () => {
    setInviting(null);
    setAgain(null);
  };
  return (
    <Page
      title="Members"
      description={
        admin
          ? "Everyone in this workspace, their role, weekly capacity and cost rate."
          : "Everyone in this workspace, their role and weekly capacity."
      }
      actions={
        admin ? (
          <Button
            leftSection={<IconUserPlus size={16} />}
            onClick={() => setInviting("invitation")}
          >
            Invite
          </Button>
        ) : undefined
      }
    >
      <MembersTable
        workspaceId={workspace.id}
        callerRole={workspace.role}
        currentUserId={user.id}
      />
      {admin ? (
        <>
          <PendingInvitations
            workspaceId={workspace.id}
            onReinvite={(invitation) => {
              setAgain(invitation);
              setInviting("invitation");
            }}
          />
          <InviteModal
            workspaceId={workspace.id}
            callerRole={workspace.role}
            opened={inviting === "invitation"}
            onClose={closeInvite}
            initial={again ? { email: again.email, role: again.role } : undefined}
          />
        </>
      ) : null}
    </Page>
  );
}

export function TeamsRoute() {
  const { workspace } = useCurrentWorkspace();
  const [, setNew] = useSearchParam("new");
  const admin = canAdminister(workspace.role);
  return (
    <Page
      title="Teams"
      description="Departments, squads and rotas. Teams nest; each can have a lead."
      actions={
        admin ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setNew("team")}>
            Create team
          </Button>
        ) : undefined
      }
    >
      <TeamsSettings key={workspace.id} workspaceId={workspace.id} canEdit={admin} />
    </Page>
  );
}

export function ApiTokensRoute() {
  const { workspace } = useCurrentWorkspace();
  const [creating, setCreating] = useSearchParam("new");
  return (
    <Page
      title="API tokens"
      description={
        <Text span inherit>
          Personal tokens for scripts and integrations in <b>{workspace.name}</b>. They act as you.
        </Text>
      }
      actions={
        <Button leftSection={<IconKey size={16} />} onClick={() => setCreating("token")}>
          Create token
        </Button>
      }
    >
      <TokensTable workspaceId={workspace.id} onCreate={() => setCreating("token")} />
      <CreateTokenModal
        workspaceId={workspace.id}
        maxLifetimeDays={workspace.max_token_lifetime_days}
        opened={creating === "token"}
        onClose={() => setCreating(null)}
      />
    </Page>
  );
}

export function CalendarsRoute() {
  const { workspace } = useCurrentWorkspace();
  const [, setNew] = useSearchParam("new");
  const admin = canAdminister(workspace.role);
  return (
    <Page
      title="Calendars"
      description="Working weekdays, hours per day and the days that differ: holidays, closures, extra working days. Projects and resources follow one each; auto-scheduled work moves when it changes."
      actions={
        admin ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setNew("calendar")}>
            Create calendar
          </Button>
        ) : undefined
      }
    >
      <CalendarsSettings
        key={workspace.id}
        workspaceId={workspace.id}
        weekStart={workspace.week_start}
        canEdit={admin}
      />
    </Page>
  );
}

export function LabelsRoute() {
  const { workspace } = useCurrentWorkspace();
  return (
    <Page
      title="Labels"
      description="Labels are shared by every project in the workspace: filter and group work by them."
    >
      <LabelsSettings workspaceId={workspace.id} canEdit={workspace.role !== "viewer"} />
    </Page>
  );
}

export function AccountRoute() {
  const { user } = useCurrentWorkspace();
  return (
    <Page
      title="Account"
      description={
        <Text span inherit>
          How <b>{user.email}</b> signs in, in every workspace.
        </Text>
      }
    >
      <Section title="Password" description="Changing it signs out every other browser.">
        <ChangePasswordForm />
      </Section>
      <Section
        title="Sessions"
        description="Each browser you sign in on has its own session. It ends when you sign out there, after some days unused, or at the latest after a fixed lifetime."
        mt="md"
      >
        <SignOutEverywhere />
      </Section>
    </Page>
  );
}
