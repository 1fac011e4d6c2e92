import { useLocation, useNavigate } from "react-router";
import { CardScreen } from "@/components/card-screen";
import { useSession } from "@/features/auth/api";
import { AcceptInvitation } from "@/features/members/components/accept-invitation";

/** The accept link: `/invitations/accept#<secret>`. The secret rides in the fragment, which the
 * browser never sends; signed-out visitors come back here (fragment and all) after signing in
 * or up. */
export function AcceptInvitationRoute() {
  const { hash } = useLocation();
  const session = useSession();
  const navigate = useNavigate();
  return (
    <CardScreen title="Join a workspace" subtitle="You have been invited to a Worklane workspace.">
      <AcceptInvitation
        token={hash.replace(/^#/, "")}
        email={session.data?.email ?? ""}
        onJoined={(workspaceId) => navigate(`/w/${workspaceId}`, { replace: true })}
      />
    </CardScreen>
  );
}
