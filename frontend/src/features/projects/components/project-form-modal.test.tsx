import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { json, mockApi, problem } from "@/testing/api";
import { renderWithApp } from "@/testing/render";
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
