import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { json, mockApi, onePage, problem } from "@/testing/api";
import { renderWithApp } from "@/testing/render";
import type { Invitation, InvitationCreated } from "../invitations";
import { AcceptInvitation } from "./accept-invitation";
import { InviteModal } from "./invite-modal";
import { PendingInvitations } from "./pending-invitations";

const WS = "0190c0de-0000-7000-8000-000000000001";
const LIST = `/api/v1/workspaces/${WS}/invitations`;

function invitation(id: string, email: string, expires_at: string): Invitation {
  return {
    id,
    email,
    role: "member",
    invited_by: "m1",
    expires_at,
    version: 1,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
  };
}

describe("InviteModal", () => {
  it("invites an email with a role and shows the link to copy", async () => {
    const created: InvitationCreated = {
      ...invitation("i1", "bea@example.com", "2099-01-08T00:00:00Z"),
      role: "viewer",
      token: "wl_inv_secret",
      accept_path: "/invitations/accept#wl_inv_secret",
    };
    const server = mockApi({
      [`POST ${LIST}`]: () => json(created, 201),
      [`GET ${LIST}`]: () => onePage([]),
    });
    const { user } = renderWithApp(
      <InviteModal workspaceId={WS} callerRole="admin" opened onClose={vi.fn()} />,
    );
    await user.type(screen.getByLabelText(/^Email/), "bea@example.com");
    await user.click(screen.getByRole("textbox", { name: "Role" }));
    await user.click(await screen.findByRole("option", { name: /^Viewer/ }));
    await user.click(screen.getByRole("button", { name: "Invite" }));

    expect(await screen.findByTestId("invitation-link")).toHaveTextContent(
      `${window.location.origin}/invitations/accept#wl_inv_secret`,
    );
    expect(screen.getByRole("button", { name: "Copy link" })).toBeInTheDocument();
    expect(await server.sent(`POST ${LIST}`)[0]?.json()).toEqual({
      email: "bea@example.com",
      role: "viewer",
    });
  });

  it("offers the owner role only to owners", async () => {
    mockApi({});
    const { user } = renderWithApp(
      <InviteModal workspaceId={WS} callerRole="admin" opened onClose={vi.fn()} />,
    );
    await user.click(screen.getByRole("textbox", { name: "Role" }));
    expect(await screen.findByRole("option", { name: /^Admin/ })).toBeInTheDocument();
    expect(screen.queryByRole("option", { name: /^Owner/ })).not.toBeInTheDocument();
  });
});

describe("PendingInvitations", () => {
  it("lists each invitation with its role and expiry, and revokes one", async () => {
    const open = invitation("i1", "bea@example.com", "2099-01-08T00:00:00Z");
    const old = invitation("i2", "cy@example.com", "2020-01-08T00:00:00Z");
    const server = mockApi({
      [`GET ${LIST}`]: [() => onePage([open, old]), () => onePage([old])],
      [`DELETE ${LIST}/i1`]: () => new Response(null, { status: 204 }),
    });
    const { user } = renderWithApp(<PendingInvitations workspaceId={WS} onReinvite={vi.fn()} />);

    const row = (await screen.findByText("bea@example.com")).closest("tr") as HTMLElement;
    expect(within(row).getByText("Member")).toBeInTheDocument();
    const expired = screen.getByText("cy@example.com").closest("tr") as HTMLElement;
    expect(within(expired).getByText("Expired")).toBeInTheDocument();

    await user.click(
      within(row).getByRole("button", { name: "Revoke the invitation for bea@example.com" }),
    );
    await user.click(await screen.findByRole("button", { name: "Revoke invitation" }));

    await vi.waitFor(() => expect(screen.queryByText("bea@example.com")).not.toBeInTheDocument());
    expect(server.sent(`DELETE ${LIST}/i1`)[0]?.headers.get("If-Match")).toBe('"1"');
  });

  it("asks for a new link for an invitation", async () => {
    const open = invitation("i1", "bea@example.com", "2099-01-08T00:00:00Z");
    mockApi({ [`GET ${LIST}`]: () => onePage([open]) });
    const onReinvite = vi.fn();
    const { user } = renderWithApp(<PendingInvitations workspaceId={WS} onReinvite={onReinvite} />);

    await user.click(await screen.findByRole("button", { name: "New link for bea@example.com" }));

    expect(onReinvite).toHaveBeenCalledWith(open);
  });
});

describe("AcceptInvitation", () => {
  it("accepts with the link's secret and reports the workspace joined", async () => {
    const server = mockApi({
      "POST /api/v1/invitations/accept": () =>
        json({ workspace_id: WS, member_id: "m9", role: "member" }),
    });
    const onJoined = vi.fn();
    const { user } = renderWithApp(
      <AcceptInvitation token="wl_inv_secret" email="bea@example.com" onJoined={onJoined} />,
    );

    await user.click(screen.getByRole("button", { name: "Accept invitation" }));

    await vi.waitFor(() => expect(onJoined).toHaveBeenCalledWith(WS));
    expect(await server.requests[0]?.json()).toEqual({ token: "wl_inv_secret" });
  });

  it("says why when the invitation is for another address", async () => {
    mockApi({
      "POST /api/v1/invitations/accept": () =>
        problem(403, {
          code: "invitation_for_another_email",
          detail: "This invitation is for another email address.",
        }),
    });
    const { user } = renderWithApp(
      <AcceptInvitation token="wl_inv_secret" email="eve@example.com" onJoined={vi.fn()} />,
    );

    await user.click(screen.getByRole("button", { name: "Accept invitation" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("for another email address");
  });
});
