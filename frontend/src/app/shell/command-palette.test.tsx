import { act, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, mockApi, onePage } from "@/testing/api";
import { renderWithApp } from "@/testing/render";
import { makeTask } from "@/testing/tasks";
import { makeWorkspace } from "@/testing/workspaces";
import { CommandPalette, palette } from "./command-palette";
import { WorkProvider } from "./work-context";

const WS = "0190c0de-0000-7000-8000-000000000001";

const workspace = makeWorkspace({ week_start: 0, timer_rounding_minutes: 0, role: "member" });

function Palette() {
  return (
    <WorkProvider onCreateTask={() => {}}>
      <CommandPalette
        workspace={workspace}
        onCreateWorkspace={() => {}}
        onSignOut={() => {}}
        onShowShortcuts={() => {}}
        onStartTimer={() => {}}
        canApprove={false}
      />
    </WorkProvider>
  );
}

describe("command palette", () => {
  it("selects a task found by its key, so Enter opens it", async () => {
    const empty = () => onePage([]);
    mockApi({
      "GET /api/v1/workspaces": () => onePage([workspace]),
      [`GET /api/v1/workspaces/${WS}/projects`]: empty,
      [`GET /api/v1/workspaces/${WS}/tasks/WEB-200`]: () =>
        json(makeTask({ key: "WEB-200", title: "Fix the login page" })),
    });
    const { user, router } = renderWithApp(<Palette />);
    act(() => palette.open());

    await user.type(await screen.findByPlaceholderText(/Search tasks/), "WEB-200");
    const result = await screen.findByRole("button", { name: /Fix the login page/ });
    await vi.waitFor(() => expect(result).toHaveAttribute("data-selected", "true"));
    await user.keyboard("{Enter}");

    expect(router.state.location.pathname).toBe(`/w/${WS}/tasks/WEB-200`);
  });
});
