import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { json, mockApi, onePage, staleVersion } from "@/testing/api";
import { makeMember } from "@/testing/members";
import { renderWithApp } from "@/testing/render";
import type { Comment } from "../api";
import { Comments } from "./comments";

const WS = "0190c0de-0000-7000-8000-000000000001";
const LIST = `/api/v1/workspaces/${WS}/tasks/t1/comments`;
const ONE = `${LIST}/c1`;

const ada = makeMember("m1", "Ada Lovelace", { user_id: "u1" });

function comment(version: number, body: string): Comment {
  return {
    id: "c1",
    task_id: "t1",
    author_id: ada.id,
    body,
    mentioned_member_ids: [],
    version,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
  };
}

describe("editing a comment that changed meanwhile (412)", () => {
  it("loads the latest, says so, and applies the edit to it on request", async () => {
    const server = mockApi({
      [`GET ${LIST}`]: [
        () => onePage([comment(1, "Ship it Friday")]),
        () => onePage([comment(2, "Ship it Monday")]),
      ],
      [`PATCH ${ONE}`]: [
        () => staleVersion("The comment was changed."),
        () => json(comment(3, "Ship it Tuesday")),
      ],
    });
    const { user } = renderWithApp(
      <Comments
        workspaceId={WS}
        taskId="t1"
        members={new Map([[ada.id, ada]])}
        me={ada}
        canModerate={false}
      />,
    );
    await user.click(await screen.findByRole("button", { name: "Comment actions" }));
    await user.click(await screen.findByRole("menuitem", { name: "Edit" }));
    const editor = screen.getByRole("textbox", { name: "Edit comment" });
    await user.clear(editor);
    await user.type(editor, "Ship it Tuesday");
    await user.click(screen.getByRole("button", { name: "Save" }));

    expect(await screen.findByText("Changed by someone else")).toBeInTheDocument();
    expect(screen.queryByText("Couldn't save the comment")).not.toBeInTheDocument();
    // The draft stays open until it is saved.
    expect(screen.getByRole("textbox", { name: "Edit comment" })).toHaveValue("Ship it Tuesday");

    await user.click(screen.getByRole("button", { name: "Apply my change again" }));
    await vi.waitFor(() => expect(server.sent(`PATCH ${ONE}`)).toHaveLength(2));
    const again = server.sent(`PATCH ${ONE}`)[1];
    expect(again?.headers.get("If-Match")).toBe('"2"');
    expect(await again?.json()).toEqual({ body: "Ship it Tuesday" });
  });
});
