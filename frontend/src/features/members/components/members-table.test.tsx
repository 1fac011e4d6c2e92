import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { mockApi, onePage, problem, staleVersion } from "@/testing/api";
import { makeMember } from "@/testing/members";
import { renderWithApp } from "@/testing/render";
import type { Member } from "../api";
import { MembersTable } from "./members-table";

const WS = "0190c0de-0000-7000-8000-000000000001";
const LIST = `/api/v1/workspaces/${WS}/members`;

function member(id: string, name: string, role: Member["role"]): Member {
  return makeMember(id, name, { user_id: `user-${id}`, role });
}

const ada = member("m1", "Ada Lovelace", "owner");
const grace = member("m2", "Grace Hopper", "member");

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe("MembersTable", () => {
  it("lists members with role, capacity and cost rate", async () => {
    mockApi({ [`GET ${LIST}`]: () => onePage([ada, grace]) });
    renderWithApp(<MembersTable workspaceId={WS} callerRole="owner" currentUserId="user-m1" />);
    const row = (await screen.findByText("Grace Hopper")).closest("tr") as HTMLElement;
    expect(within(row).getByText("grace@example.com")).toBeInTheDocument();
    expect(within(row).getByText("40 h/wk")).toBeInTheDocument();
    expect(within(row).getByRole("textbox", { name: "Role of Grace Hopper" })).toHaveValue(
      "Member",
    );
    expect(screen.getByText("You")).toBeInTheDocument();
  });

  it("shows no cost rate column below admin (the API leaves rates out)", async () => {
    const { cost_rate: _, ...withoutRate } = grace;
    mockApi({ [`GET ${LIST}`]: () => onePage([withoutRate]) });
    renderWithApp(<MembersTable workspaceId={WS} callerRole="viewer" currentUserId="user-m9" />);
    await screen.findByText("Grace Hopper");
    expect(screen.queryByRole("columnheader", { name: "Cost rate" })).not.toBeInTheDocument();
  });

  it("changes a role at once and rolls it back when the server refuses", async () => {
    const answer = deferred<Response>();
    const server = mockApi({
      [`GET ${LIST}`]: () => onePage([ada, grace]),
      [`PATCH ${LIST}/m2`]: () => answer.promise,
    });
    const { user } = renderWithApp(
      <MembersTable workspaceId={WS} callerRole="owner" currentUserId="user-m1" />,
    );
    const select = await screen.findByRole("textbox", { name: "Role of Grace Hopper" });
    await user.click(select);
    await user.click(await screen.findByRole("option", { name: "Admin" }));

    // Optimistic: shown before the server answers.
    expect(screen.getByRole("textbox", { name: "Role of Grace Hopper" })).toHaveValue("Admin");
    const [patch] = server.sent(`PATCH ${LIST}/m2`);
    expect(patch?.headers.get("If-Match")).toBe('"1"');
    expect(await patch?.json()).toEqual({ role: "admin" });

    answer.resolve(staleVersion("Changed by someone else."));
    expect(await screen.findByText("Changed by someone else.")).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Role of Grace Hopper" })).toHaveValue("Member");
  });

  it("shows an empty state and an error state", async () => {
    mockApi({
      [`GET ${LIST}`]: [
        () => problem(404, { code: "not_found", detail: "No such workspace." }),
        () => onePage([]),
      ],
    });
    const { user } = renderWithApp(
      <MembersTable workspaceId={WS} callerRole="viewer" currentUserId={undefined} />,
    );
    expect(await screen.findByText("No such workspace.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("No members yet")).toBeInTheDocument();
  });
});
