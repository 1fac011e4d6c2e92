import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, mockApi, problem } from "@/testing/api";
import { renderWithApp } from "@/testing/render";
import type { Project } from "../api";
import { ProjectFormModal } from "./project-form-modal";

const WS = "0190c0de-0000-7000-8000-000000000001";
const BASE = `/api/v1/workspaces/${WS}`;

describe("creating a project", () => {
  it("shows a key already in use under the Key field", async () => {
    const empty = () => json({ items: [], next_cursor: null });
    const server = mockApi({
      [`GET ${BASE}/members`]: empty,
      [`GET ${BASE}/teams`]: empty,
      [`GET ${BASE}/calendars`]: empty,
      [`POST ${BASE}/projects`]: () =>
        problem(409, {
          code: "project_key_taken",
          detail: "The key WEB is already used by a project in this workspace.",
        }),
    });
    const { user } = renderWithApp(
      <ProjectFormModal workspaceId={WS} opened defaultOwnerId={null} onClose={() => {}} />,
    );
    // Ongoing work needs no dates.
    await user.click(await screen.findByRole("radio", { name: "Ongoing work" }));
    await user.type(screen.getByRole("textbox", { name: "Name" }), "Website");
    const key = screen.getByRole("textbox", { name: "Key" });
    await user.clear(key);
    await user.type(key, "WEB");
    await user.click(screen.getByRole("button", { name: /^Create/ }));

    expect(await screen.findByText(/The key WEB is already used/)).toBeInTheDocument();
    expect(server.sent(`POST ${BASE}/projects`)).toHaveLength(1);
    expect(key).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});

describe("editing a project's calendar", () => {
  it("previews how far the finish moves before saving", async () => {
    const project: Project = {
      id: "p1",
      key: "HQ",
      name: "Headquarters move",
      description: "",
      kind: "project",
      phase: "planning",
      status: "active",
      start_date: "2026-03-02",
      target_date: "2026-06-30",
      owner_id: null,
      team_id: null,
      calendar_id: null,
      scheduling_mode: "auto",
      budget_hours: null,
      budget_amount: null,
      currency: null,
      task_counts: { total: 3, open: 3, done: 0, cancelled: 0 },
      version: 1,
      created_at: "2026-01-05T09:00:00Z",
      updated_at: "2026-01-05T09:00:00Z",
    };
    const calendar = { working_weekdays: [1, 2, 3, 4, 5], hours_per_day: 8, version: 1 };
    const empty = () => json({ items: [], next_cursor: null });
    const server = mockApi({
      [`GET ${BASE}/members`]: empty,
      [`GET ${BASE}/teams`]: empty,
      [`GET ${BASE}/calendars`]: () =>
        json({
          items: [
            { ...calendar, id: "c1", name: "Standard", is_default: true },
            { ...calendar, id: "c2", name: "Plant", is_default: false },
          ],
          next_cursor: null,
        }),
      [`GET ${BASE}/projects/p1/schedule`]: () => json({ finish_date: "2026-03-20" }),
      [`POST ${BASE}/projects/p1/schedule/preview`]: () =>
        json({ finish_date: "2026-03-24", moved_task_ids: ["t1", "t2"] }),
    });
    const { user } = renderWithApp(
      <ProjectFormModal
        workspaceId={WS}
        opened
        project={project}
        defaultOwnerId={null}
        onClose={() => {}}
      />,
    );
    await user.click(await screen.findByRole("textbox", { name: "Calendar" }));
    await user.click(await screen.findByRole("option", { name: "Plant" }));

    expect(
      await screen.findByText(
        /The finish moves from Mar 20(, 2026)? to Mar 24(, 2026)?; 2 tasks move/,
      ),
    ).toBeInTheDocument();
    expect(await server.sent(`POST ${BASE}/projects/p1/schedule/preview`)[0]?.json()).toEqual({
      calendar_id: "c2",
    });
  });
});
