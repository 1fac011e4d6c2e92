import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { User } from "@/features/auth/api";
import type { Role, Workspace } from "@/features/workspaces/api";
import { json, mockApi, onePage } from "@/testing/api";
import { renderWithApp } from "@/testing/render";
import { makeWorkspace } from "@/testing/workspaces";
import { AppLayout } from "./app-layout";

const WS = "0190c0de-0000-7000-8000-000000000001";
const BASE = `/api/v1/workspaces/${WS}`;
const STAMP = "2026-01-01T00:00:00Z";

const user: User = { id: "u1", email: "ada@example.com", name: "Ada", created_at: STAMP };

function workspace(role: Role): Workspace {
  return makeWorkspace({ week_start: 0, timer_rounding_minutes: 0, role });
}

function renderLayout(role: Role) {
  const empty = () => onePage([]);
  mockApi({
    "GET /api/v1/workspaces": () => onePage([workspace(role)]),
    [`GET ${BASE}/members`]: empty,
    [`GET ${BASE}/teams`]: empty,
    [`GET ${BASE}/projects`]: empty,
    [`GET ${BASE}/timer`]: () => json({ timer: null }),
  });
  return renderWithApp(
    <AppLayout workspace={workspace(role)} user={user}>
      <p>Screen</p>
    </AppLayout>,
  );
}

describe("app header", () => {
  it("offers a member the timer and a new task", async () => {
    renderLayout("member");
    expect(await screen.findByRole("button", { name: "Start timer" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "New task" })).toBeInTheDocument();
  });

  it("offers a viewer neither the timer nor a new task, which would end in a 403", async () => {
    const { user: session } = renderLayout("viewer");
    expect(await screen.findByText("Screen")).toBeInTheDocument();
    await session.keyboard("c");
    expect(screen.queryByRole("button", { name: "Start timer" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "New task" })).not.toBeInTheDocument();
    // `c` opens the create dialog for anyone else.
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });
});
