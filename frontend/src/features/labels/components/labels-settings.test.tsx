import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import {
  invalidField,
  json,
  mockApi,
  noContent,
  onePage,
  problem,
  staleVersion,
} from "@/testing/api";
import { renderWithApp } from "@/testing/render";
import type { Label } from "../api";
import { LabelsSettings } from "./labels-settings";

const WS = "0190c0de-0000-7000-8000-000000000001";
const LIST = `/api/v1/workspaces/${WS}/labels`;
const ONE = `${LIST}/l1`;

function label(version: number, name: string): Label {
  return { id: "l1", name, color: "#ef4444", version };
}

const stale = () => staleVersion("The label was changed.");

describe("a label someone else changed (412)", () => {
  it("loads the latest, says so, and renames that version on request", async () => {
    const server = mockApi({
      [`GET ${LIST}`]: [() => onePage([label(1, "Bug")]), () => onePage([label(2, "Defect")])],
      [`GET ${ONE}`]: () => json(label(2, "Defect")),
      [`PATCH ${ONE}`]: [stale, () => json(label(3, "Bugs"))],
    });
    const { user } = renderWithApp(<LabelsSettings workspaceId={WS} canEdit />);
    const name = await screen.findByRole("textbox", { name: "Name of Bug" });
    await user.clear(name);
    await user.type(name, "Bugs{Enter}");

    expect(await screen.findByText("Changed by someone else")).toBeInTheDocument();
    expect(screen.getByText(/Defect was changed while you were working on it/)).toBeInTheDocument();
    expect(screen.queryByText("Couldn't save the label")).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Apply my change again" }));
    await vi.waitFor(() => expect(server.sent(`PATCH ${ONE}`)).toHaveLength(2));
    const again = server.sent(`PATCH ${ONE}`)[1];
    expect(again?.headers.get("If-Match")).toBe('"2"');
    expect(await again?.json()).toEqual({ name: "Bugs" });
  });

  it("offers to delete the latest version", async () => {
    const server = mockApi({
      [`GET ${LIST}`]: () => onePage([label(1, "Bug")]),
      [`GET ${ONE}`]: () => json(label(2, "Defect")),
      [`DELETE ${ONE}`]: [stale, () => noContent()],
    });
    const { user } = renderWithApp(<LabelsSettings workspaceId={WS} canEdit />);
    await user.click(await screen.findByRole("button", { name: "Delete Bug" }));
    await user.click(await screen.findByRole("button", { name: "Delete label" }));

    expect(await screen.findByText("Changed by someone else")).toBeInTheDocument();
    expect(screen.queryByText("Couldn't delete")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Delete it anyway" }));
    await vi.waitFor(() => expect(server.sent(`DELETE ${ONE}`)).toHaveLength(2));
    expect(server.sent(`DELETE ${ONE}`)[1]?.headers.get("If-Match")).toBe('"2"');
  });
});

describe("a name the server refuses", () => {
  const taken = () =>
    problem(409, { code: "label_name_taken", detail: "A label with this name already exists." });

  it("shows a duplicate new label's problem under its name, not in a toast", async () => {
    const server = mockApi({
      [`GET ${LIST}`]: () => onePage([label(1, "Bug")]),
      [`POST ${LIST}`]: [taken, () => invalidField("/name", "At most 40 characters.")],
    });
    const { user } = renderWithApp(<LabelsSettings workspaceId={WS} canEdit />);
    expect(await screen.findByText("1 label")).toBeInTheDocument();
    const name = screen.getByRole("textbox", { name: "New label" });
    await user.type(name, "Bug{Enter}");

    expect(await screen.findByText("A label with this name already exists.")).toBeInTheDocument();
    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(name).toHaveValue("Bug");
    expect(screen.queryByText("Couldn't create the label")).not.toBeInTheDocument();

    await user.type(name, " with a very long name{Enter}");
    expect(await screen.findByText("At most 40 characters.")).toBeInTheDocument();
    expect(server.sent(`POST ${LIST}`)).toHaveLength(2);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("keeps a refused rename in its field, with the reason under it", async () => {
    mockApi({
      [`GET ${LIST}`]: () => onePage([label(1, "Bug")]),
      [`PATCH ${ONE}`]: taken,
    });
    const { user } = renderWithApp(<LabelsSettings workspaceId={WS} canEdit />);
    const name = await screen.findByRole("textbox", { name: "Name of Bug" });
    await user.clear(name);
    await user.type(name, "Chore{Enter}");

    expect(await screen.findByText("A label with this name already exists.")).toBeInTheDocument();
    expect(name).toHaveValue("Chore");
    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByText("Couldn't save the label")).not.toBeInTheDocument();
  });
});
