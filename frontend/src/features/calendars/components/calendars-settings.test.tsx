import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { json, mockApi } from "@/testing/api";
import { renderWithApp } from "@/testing/render";
import type { Calendar } from "../api";
import { CalendarsSettings } from "./calendars-settings";

const WS = "0190c0de-0000-7000-8000-000000000001";
const LIST = `/api/v1/workspaces/${WS}/calendars`;
const STANDARD: Calendar = {
  id: "c1",
  name: "Standard",
  working_weekdays: [1, 2, 3, 4, 5],
  hours_per_day: 8,
  is_default: true,
  version: 1,
};
const PLANT: Calendar = { ...STANDARD, id: "c2", name: "Plant", is_default: false };
const NOBODY = { project_count: 0, resource_count: 0, projects: [], resources: [] };
const empty = () => json({ items: [], next_cursor: null });

/** The first Monday of March in the year the view opens on. */
function firstMondayOfMarch(): string {
  const year = new Date().getFullYear();
  const day = new Date(year, 2, 1);
  while (day.getDay() !== 1) day.setDate(day.getDate() + 1);
  return `${year}-03-0${day.getDate()}`;
}

describe("the year view", () => {
  it("makes a clicked working day a holiday", async () => {
    const monday = firstMondayOfMarch();
    const server = mockApi({
      [`GET ${LIST}`]: () => json({ items: [STANDARD], next_cursor: null }),
      [`GET ${LIST}/c1/exceptions`]: [
        empty,
        () =>
          json({
            items: [{ id: "e1", calendar_id: "c1", date: monday, working: false, name: "" }],
            next_cursor: null,
          }),
      ],
      [`GET ${LIST}/c1/users`]: () => json(NOBODY),
      [`POST ${LIST}/c1/exceptions`]: () =>
        json({ id: "e1", calendar_id: "c1", date: monday, working: false, name: "" }, 201),
    });
    const { user } = renderWithApp(<CalendarsSettings workspaceId={WS} weekStart={1} canEdit />);
    await screen.findByText("Exceptions in", { exact: false });
    const target = document.querySelector(`button[data-date="${monday}"]`) as HTMLButtonElement;
    await vi.waitFor(() => expect(target).toBeEnabled());
    await user.click(target);

    await vi.waitFor(() => expect(server.sent(`POST ${LIST}/c1/exceptions`)).toHaveLength(1));
    expect(await server.sent(`POST ${LIST}/c1/exceptions`)[0]?.json()).toEqual({
      date: monday,
      working: false,
      name: "",
    });
    await vi.waitFor(() => expect(target).toHaveAttribute("data-kind", "holiday"));
  });

  it("shows days read-only to who may not edit", async () => {
    mockApi({
      [`GET ${LIST}`]: () => json({ items: [STANDARD], next_cursor: null }),
      [`GET ${LIST}/c1/exceptions`]: empty,
      [`GET ${LIST}/c1/users`]: () => json(NOBODY),
    });
    renderWithApp(<CalendarsSettings workspaceId={WS} weekStart={1} canEdit={false} />);

    await screen.findByText("Exceptions in", { exact: false });
    const target = document.querySelector(`button[data-date="${firstMondayOfMarch()}"]`);
    expect(target).toBeDisabled();
    expect(screen.queryByRole("button", { name: "Import .ics" })).not.toBeInTheDocument();
  });
});

describe("deleting a calendar in use (409)", () => {
  it("says how many projects and resources follow it", async () => {
    mockApi({
      [`GET ${LIST}`]: () => json({ items: [STANDARD, PLANT], next_cursor: null }),
      [`GET ${LIST}/c2/exceptions`]: empty,
      [`GET ${LIST}/c2/users`]: () => json(NOBODY),
      [`DELETE ${LIST}/c2`]: () =>
        new Response(
          JSON.stringify({
            type: "https://worklane.dev/problems/calendar_in_use",
            title: "Conflict",
            status: 409,
            detail: "Projects or resources still use this calendar.",
            code: "calendar_in_use",
            projects: 2,
            resources: 1,
          }),
          { status: 409, headers: { "Content-Type": "application/problem+json" } },
        ),
    });
    const { user } = renderWithApp(<CalendarsSettings workspaceId={WS} weekStart={1} canEdit />, {
      route: "/?calendar=c2",
    });
    await screen.findByRole("heading", { name: "Plant" });
    await user.click(screen.getByRole("button", { name: "More actions" }));
    await user.click(await screen.findByRole("menuitem", { name: "Delete calendar" }));
    await user.click(await screen.findByRole("button", { name: "Delete calendar" }));

    expect(
      await screen.findByText("2 projects and 1 resource follow it.", { exact: false }),
    ).toBeInTheDocument();
  });
});
