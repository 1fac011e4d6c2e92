import { screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { json, mockApi, noContent, onePage, problem } from "@/testing/api";
import { renderWithApp } from "@/testing/render";
import { makeWorkspace } from "@/testing/workspaces";
import { useWorkspace, useWorkspaces, type Workspace, workspaceOptions } from "../api";
import { DeleteWorkspace } from "./delete-workspace";

const ID = "0190c0de-0000-7000-8000-000000000001";
const PATH = `/api/v1/workspaces/${ID}`;

function workspace(id: string, name: string): Workspace {
  return makeWorkspace({ id, name });
}

const acme = workspace(ID, "Acme");
const other = workspace("0190c0de-0000-7000-8000-000000000002", "Other");

/**
 * The settings screen and the switcher both read the workspace until the app leaves it, which
 * (like a router loading the next route) takes a moment.
 */
function Screen({ onLeft }: { onLeft: () => void }) {
  const [left, setLeft] = useState(false);
  if (left) return <Home />;
  return (
    <>
      <Header />
      <DeleteWorkspace
        workspace={acme}
        onDeleted={async () => {
          await new Promise((resolve) => setTimeout(resolve, 50));
          setLeft(true);
          onLeft();
        }}
      />
    </>
  );
}

function Header() {
  const current = useWorkspace(ID);
  const all = useWorkspaces();
  return (
    <p>
      {current.data?.name} of {all.items?.length}
    </p>
  );
}

function Home() {
  const all = useWorkspaces();
  return <p>Home: {all.items?.map((row) => row.name).join(", ")}</p>;
}

describe("DeleteWorkspace", () => {
  it("forgets the deleted workspace without asking the API for it again", async () => {
    const server = mockApi({
      [`GET ${PATH}`]: [() => json(acme), () => problem(404, { code: "not_found", detail: "" })],
      "GET /api/v1/workspaces": [() => onePage([acme, other]), () => onePage([other])],
      [`DELETE ${PATH}`]: () => noContent(),
    });
    const onLeft = vi.fn();
    const { user, queryClient } = renderWithApp(<Screen onLeft={onLeft} />);
    expect(await screen.findByText("Acme of 2")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Delete workspace" }));
    await user.type(screen.getByRole("textbox", { name: "Workspace name" }), "Acme");
    await user.click(screen.getAllByRole("button", { name: "Delete workspace" })[1] as HTMLElement);

    // `/` never sees the deleted workspace, so it cannot open it again.
    expect(await screen.findByText("Home: Other")).toBeInTheDocument();
    await vi.waitFor(() => expect(server.sent("GET /api/v1/workspaces")).toHaveLength(2));
    expect(server.sent(`GET ${PATH}`)).toHaveLength(1);
    expect(queryClient.getQueryData(workspaceOptions(ID).queryKey)).toBeUndefined();
    expect(onLeft).toHaveBeenCalledTimes(1);
  });

  it("starts over after Cancel: no typed name, no error", async () => {
    mockApi({
      [`DELETE ${PATH}`]: () =>
        problem(409, { code: "conflict", detail: "The workspace could not be deleted." }),
    });
    const { user } = renderWithApp(<DeleteWorkspace workspace={acme} onDeleted={() => {}} />);
    await user.click(screen.getByRole("button", { name: "Delete workspace" }));
    await user.type(screen.getByRole("textbox", { name: "Workspace name" }), "Acme");
    await user.click(screen.getAllByRole("button", { name: "Delete workspace" })[1] as HTMLElement);
    expect(await screen.findByText("The workspace could not be deleted.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Cancel" }));
    await user.click(screen.getByRole("button", { name: "Delete workspace" }));
    expect(await screen.findByRole("textbox", { name: "Workspace name" })).toHaveValue("");
    expect(screen.queryByText("The workspace could not be deleted.")).not.toBeInTheDocument();
  });
});
