import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { mockApi, problem } from "@/testing/api";
import { renderWithApp } from "@/testing/render";
import { TeamFormModal } from "./team-form-modal";

const WS = "0190c0de-0000-7000-8000-000000000001";
const BASE = `/api/v1/workspaces/${WS}`;

describe("creating a team", () => {
  it("shows a name already in use under the Name field", async () => {
    mockApi({
      [`POST ${BASE}/teams`]: () =>
        problem(409, {
          code: "team_name_taken",
          detail: "A team with this name already exists at this level.",
        }),
    });
    const { user } = renderWithApp(
      <TeamFormModal
        workspaceId={WS}
        mode={{ kind: "create", parentId: null }}
        teams={[]}
        members={[]}
        onClose={() => {}}
      />,
    );
    const name = await screen.findByRole("textbox", { name: "Name" });
    await user.type(name, "Platform");
    await user.click(screen.getByRole("button", { name: "Create team" }));

    expect(await screen.findByText(/A team with this name already exists/)).toBeInTheDocument();
    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});
