import { screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { json, mockApi, problem } from "@/testing/api";
import { renderWithApp } from "@/testing/render";
import type { Calendar } from "../api";
import { ImportIcsModal, importSummary } from "./import-ics-modal";

const WS = "0190c0de-0000-7000-8000-000000000001";
const IMPORT = `/api/v1/workspaces/${WS}/calendars/c1/exceptions/import`;
const CALENDAR: Calendar = {
  id: "c1",
  name: "Berlin office",
  working_weekdays: [1, 2, 3, 4, 5],
  hours_per_day: 8,
  is_default: true,
  version: 1,
};

async function upload(text: string) {
  const rendered = renderWithApp(
    <ImportIcsModal workspaceId={WS} calendar={CALENDAR} year={2026} onClose={() => {}} />,
  );
  const input = (await screen.findByRole("dialog")).querySelector('input[type="file"]');
  if (!input) throw new Error("no file input");
  await rendered.user.upload(
    input as HTMLInputElement,
    new File([text], "holidays.ics", { type: "text/calendar" }),
  );
  await rendered.user.click(screen.getByRole("button", { name: "Import" }));
  return rendered;
}

describe("importing an .ics file", () => {
  it("sends the file's text for three years from the year shown", async () => {
    const server = mockApi({
      [`POST ${IMPORT}`]: () =>
        json({
          created: 22,
          skipped: 0,
          unchanged: 10,
          outside: 0,
          from_date: "2026-01-01",
          to_date: "2028-12-31",
        }),
    });
    await upload("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");

    await vi.waitFor(() => expect(server.sent(`POST ${IMPORT}`)).toHaveLength(1));
    expect(await server.sent(`POST ${IMPORT}`)[0]?.json()).toEqual({
      ics: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
      working: false,
      from_date: "2026-01-01",
      to_date: "2028-12-31",
    });
    expect(await screen.findByText("22 holidays added; 10 already days off.")).toBeInTheDocument();
  });

  it("shows why the server could not read the file under the file field", async () => {
    mockApi({
      [`POST ${IMPORT}`]: () =>
        problem(422, {
          code: "invalid_ics",
          detail: "not an iCalendar file",
          errors: [{ pointer: "/ics", detail: "not an iCalendar file" }],
        }),
    });
    await upload("Date,Name\n2026-12-25,Christmas\n");

    expect(await screen.findByText("not an iCalendar file")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});

const RESULT = {
  created: 12,
  skipped: 0,
  unchanged: 4,
  outside: 0,
  from_date: "2026-01-01",
  to_date: "2026-12-31",
};

describe("importSummary", () => {
  it("says what was added and what was already so", () => {
    expect(importSummary(RESULT, false)).toBe("12 holidays added; 4 already days off.");
  });

  it("names extra working days and duplicates", () => {
    expect(importSummary({ ...RESULT, created: 1, unchanged: 0, skipped: 2 }, true)).toBe(
      "1 extra working day added; 2 already there.",
    );
  });

  it("counts the days outside the years imported", () => {
    expect(importSummary({ ...RESULT, unchanged: 0, outside: 3 }, false)).toBe(
      "12 holidays added; 3 outside the years imported.",
    );
  });
});
