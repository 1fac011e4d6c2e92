import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import type { components } from "@/api/schema";
import { saveFile } from "@/lib/download";
import { json, mockApi, problem } from "@/testing/api";
import { renderWithApp } from "@/testing/render";
import { makeTask } from "@/testing/tasks";
import type { EstimatesReport, TimeEntry, TimeReportRow, Timesheet } from "../api";
import { Approvals } from "./approvals";
import { EstimatesReportView } from "./estimates-report";
import { MyTime } from "./my-time";
import { TimeEntryForm } from "./time-entry-modal";
import { TimeReportView } from "./time-report";
import { TimerControl } from "./timer-control";
import { WeekTable } from "./week-table";

// Downloads need a browser: the test checks what would be saved.
vi.mock("@/lib/download", () => ({ saveFile: vi.fn() }));

const WS = "0190c0de-0000-7000-8000-000000000001";
const BASE = `/api/v1/workspaces/${WS}`;
const ME = "m-me";
const STAMP = "2026-01-01T00:00:00Z";

function project(id: string, key: string, name: string): components["schemas"]["Project"] {
  return {
    id,
    key,
    name,
    description: "",
    kind: "project",
    phase: null,
    status: "active",
    start_date: null,
    target_date: null,
    owner_id: null,
    team_id: null,
    calendar_id: null,
    scheduling_mode: "auto",
    budget_hours: null,
    budget_amount: null,
    currency: null,
    task_counts: { total: 0, open: 0, done: 0, cancelled: 0 },
    version: 1,
    created_at: STAMP,
    updated_at: STAMP,
  };
}

function task(id: string, key: string, title: string, projectId: string) {
  return makeTask({ id, key, title, project_id: projectId, status_id: "s1" });
}

let serial = 0;
function entry(changes: Partial<TimeEntry>): TimeEntry {
  serial += 1;
  return {
    id: `e${serial}`,
    member_id: ME,
    project_id: "p-web",
    task_id: null,
    date: "2026-11-23",
    minutes: 60,
    started_at: null,
    ended_at: null,
    description: "",
    billable: false,
    work_type: null,
    version: 1,
    created_at: STAMP,
    updated_at: STAMP,
    ...changes,
  };
}

const page = <T,>(items: T[]) => json({ items, next_cursor: null });
const PROJECTS = [project("p-web", "WEB", "Website"), project("p-ops", "OPS", "Operations")];

/** The lookups every time screen reads. */
const lookups = {
  [`GET ${BASE}/projects`]: () => page(PROJECTS),
  [`GET ${BASE}/tasks/t1`]: () => json(task("t1", "WEB-1", "Homepage copy", "p-web")),
  [`GET ${BASE}/tasks/t2`]: () => json(task("t2", "WEB-2", "Sitemap", "p-web")),
  [`GET ${BASE}/tasks`]: () =>
    page([task("t1", "WEB-1", "Homepage copy", "p-web"), task("t2", "WEB-2", "Sitemap", "p-web")]),
  [`GET ${BASE}/work-types`]: () =>
    page([
      { id: "a1", key: "development", name: "Development", version: 1 },
      { id: "a2", key: "meeting", name: "Meeting", version: 1 },
    ]),
  [`GET ${BASE}/members`]: () =>
    page([
      {
        id: ME,
        user_id: "u1",
        email: "me@example.com",
        name: "Mia Park",
        role: "member",
        weekly_capacity_hours: 40,
        cost_rate: null,
        team_ids: [],
        version: 1,
        created_at: STAMP,
        updated_at: STAMP,
      },
    ]),
};

const cellsOf = (row: HTMLElement) =>
  within(row)
    .getAllByRole("cell")
    .map((cell) => cell.textContent);

describe("WeekTable", () => {
  it("sums each row, each project, each day and the week", async () => {
    mockApi(lookups);
    renderWithApp(
      <WeekTable
        workspaceId={WS}
        weekStart="2026-11-23"
        label="Week"
        entries={[
          entry({ task_id: "t1", date: "2026-11-23", minutes: 90 }),
          entry({ task_id: "t1", date: "2026-11-23", minutes: 30 }),
          entry({ task_id: "t2", date: "2026-11-25", minutes: 45 }),
          entry({ task_id: null, date: "2026-11-29", minutes: 15 }),
          entry({ project_id: "p-ops", date: "2026-11-24", minutes: 480 }),
        ]}
      />,
    );
    const homepage = await screen.findByRole("row", { name: /WEB-1 Homepage copy/ });
    expect(cellsOf(homepage)).toEqual(["2:00", "–", "–", "–", "–", "–", "–", "2:00"]);
    expect(cellsOf(screen.getByRole("row", { name: /WEB-2 Sitemap/ }))).toEqual([
      "–",
      "–",
      "0:45",
      "–",
      "–",
      "–",
      "–",
      "0:45",
    ]);
    expect(cellsOf(screen.getByRole("row", { name: /WEBWebsite/ }))).toEqual([
      "2:00",
      "–",
      "0:45",
      "–",
      "–",
      "–",
      "0:15",
      "3:00",
    ]);
    expect(cellsOf(screen.getByRole("row", { name: /^Total/ }))).toEqual([
      "2:00",
      "8:00",
      "0:45",
      "–",
      "–",
      "–",
      "0:15",
      "11:00",
    ]);
    // Projects by name: Operations before Website.
    const headers = screen.getAllByRole("rowheader").map((cell) => cell.textContent);
    expect(headers).toEqual([
      "OPSOperations",
      "No task",
      "WEBWebsite",
      "No task",
      "WEB-1 Homepage copy",
      "WEB-2 Sitemap",
      "Total",
    ]);
  });
});

describe("TimeEntryForm", () => {
  it("sends the typed duration as minutes with the chosen project, task and work type", async () => {
    const server = mockApi({
      ...lookups,
      [`POST ${BASE}/time-entries`]: () => json(entry({ minutes: 90 }), 201),
    });
    let done = false;
    const { user } = renderWithApp(
      <TimeEntryForm
        workspaceId={WS}
        entry={null}
        defaults={{ date: "2026-11-24" }}
        onDone={() => {
          done = true;
        }}
      />,
    );
    await user.type(screen.getByLabelText("Duration"), "1h30");
    await user.click(screen.getByRole("textbox", { name: "Project" }));
    await user.click(await screen.findByRole("option", { name: "WEB · Website" }));
    await user.click(screen.getByRole("textbox", { name: "Task" }));
    await user.click(await screen.findByRole("option", { name: "WEB-2 Sitemap" }));
    await user.click(screen.getByRole("textbox", { name: "Work type" }));
    await user.click(await screen.findByRole("option", { name: "Meeting" }));
    await user.click(screen.getByLabelText("Billable"));
    await user.type(screen.getByLabelText("Description"), "  Sitemap review ");
    await user.click(screen.getByRole("button", { name: "Log time" }));

    await waitFor(() => expect(done).toBe(true));
    const [post] = server.sent(`POST ${BASE}/time-entries`);
    expect(await post?.json()).toEqual({
      date: "2026-11-24",
      project_id: "p-web",
      task_id: "t2",
      minutes: 90,
      work_type: "meeting",
      billable: true,
      description: "Sitemap review",
    });
  });

  it("refuses a duration it cannot read, without asking the server", async () => {
    const server = mockApi(lookups);
    const { user } = renderWithApp(
      <TimeEntryForm
        workspaceId={WS}
        entry={null}
        defaults={{ date: "2026-11-24" }}
        onDone={() => {}}
      />,
    );
    await user.type(screen.getByLabelText("Duration"), "soon");
    await user.click(screen.getByRole("button", { name: "Log time" }));
    expect(await screen.findByText(/Type a duration such as 1:30/)).toBeInTheDocument();
    expect(server.sent(`POST ${BASE}/time-entries`)).toHaveLength(0);
  });

  it("puts the server's /minutes problem on the duration field", async () => {
    mockApi({
      ...lookups,
      [`POST ${BASE}/time-entries`]: () =>
        problem(422, {
          code: "validation_error",
          detail: "Invalid input.",
          errors: [
            {
              pointer: "/minutes",
              detail: "2026-11-24 already has 1380 minutes logged; at most 1440 fit in a day",
            },
          ],
        }),
    });
    const { user } = renderWithApp(
      <TimeEntryForm
        workspaceId={WS}
        entry={null}
        defaults={{ date: "2026-11-24", projectId: "p-web" }}
        onDone={() => {}}
      />,
    );
    await user.type(screen.getByLabelText("Duration"), "2:00");
    await user.click(screen.getByRole("button", { name: "Log time" }));
    const duration = screen.getByLabelText("Duration");
    await waitFor(() => expect(duration).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByText(/at most 1440 fit in a day/)).toBeInTheDocument();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says plainly when the week is locked", async () => {
    mockApi({
      ...lookups,
      [`POST ${BASE}/time-entries`]: () =>
        problem(409, {
          code: "timesheet_locked",
          detail:
            "The week of 2026-11-24 is submitted or approved; it must be rejected or reopened before its time changes.",
        }),
    });
    const { user } = renderWithApp(
      <TimeEntryForm
        workspaceId={WS}
        entry={null}
        defaults={{ date: "2026-11-24", projectId: "p-web" }}
        onDone={() => {}}
      />,
    );
    await user.type(screen.getByLabelText("Duration"), "1");
    await user.click(screen.getByRole("button", { name: "Log time" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      /submitted or approved; it must be rejected or reopened/,
    );
  });

  it("changes only what was edited, from the version shown", async () => {
    const original = entry({ id: "e-edit", minutes: 60, task_id: "t1", version: 4 });
    const server = mockApi({
      ...lookups,
      [`PATCH ${BASE}/time-entries/e-edit`]: () => json({ ...original, minutes: 75, version: 5 }),
    });
    let done = false;
    const { user } = renderWithApp(
      <TimeEntryForm
        workspaceId={WS}
        entry={original}
        defaults={{ date: "2026-11-24" }}
        onDone={() => {
          done = true;
        }}
      />,
    );
    const duration = screen.getByLabelText("Duration");
    expect(duration).toHaveValue("1:00");
    await user.clear(duration);
    await user.type(duration, "75m");
    await user.click(screen.getByRole("button", { name: "Save entry" }));
    await waitFor(() => expect(done).toBe(true));
    const [patch] = server.sent(`PATCH ${BASE}/time-entries/e-edit`);
    expect(patch?.headers.get("If-Match")).toBe('"4"');
    expect(await patch?.json()).toEqual({ minutes: 75 });
  });
});

function sheet(status: Timesheet["status"], changes: Partial<Timesheet> = {}): Timesheet {
  return {
    id: "ts1",
    member_id: ME,
    week_start: "2026-11-23",
    status,
    submitted_at: "2026-11-27T17:00:00Z",
    decided_by: null,
    decided_at: null,
    comment: null,
    total_minutes: 90,
    version: 1,
    ...changes,
  };
}

describe("MyTime", () => {
  const renderWeek = () =>
    renderWithApp(
      <MyTime
        workspaceId={WS}
        memberId={ME}
        weekStartDay={1}
        week="2026-11-23"
        onWeekChange={() => {}}
        adding={false}
        onAddingChange={() => {}}
      />,
    );

  it("submits the week, then shows it locked and read-only", async () => {
    const server = mockApi({
      ...lookups,
      [`GET ${BASE}/time-entries`]: () => page([entry({ task_id: "t1", minutes: 90 })]),
      [`GET ${BASE}/timesheets`]: [() => page([]), () => page([sheet("submitted")])],
      [`POST ${BASE}/timesheets/submit`]: () => json(sheet("submitted")),
    });
    const { user } = renderWeek();
    expect(await screen.findByLabelText("Timesheet status: Open")).toBeInTheDocument();
    expect(await screen.findByRole("button", { name: /^Edit 1:30 on WEB-1/ })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Submit week" }));

    expect(await screen.findByText("This week is submitted for approval")).toBeInTheDocument();
    expect(screen.getByLabelText("Timesheet status: Submitted")).toBeInTheDocument();
    const [submit] = server.sent(`POST ${BASE}/timesheets/submit`);
    expect(await submit?.json()).toEqual({ week_start: "2026-11-23" });
    expect(screen.queryByRole("button", { name: "Add time" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Submit week" })).toBeNull();
    expect(screen.queryByRole("button", { name: /^Edit / })).toBeNull();
  });

  it("shows the reviewer's comment on a rejected week and lets it be fixed", async () => {
    mockApi({
      ...lookups,
      [`GET ${BASE}/time-entries`]: () => page([entry({ minutes: 30 })]),
      [`GET ${BASE}/timesheets`]: () =>
        page([sheet("rejected", { decided_by: ME, comment: "Tuesday is missing the call" })]),
    });
    renderWeek();
    expect(await screen.findByText("“Tuesday is missing the call”")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Submit week" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Add time" })).toBeInTheDocument();
  });
});

function TimerHarness() {
  const [opened, setOpened] = useState(false);
  return <TimerControl workspaceId={WS} startOpened={opened} onStartOpenedChange={setOpened} />;
}

describe("TimerControl", () => {
  it("starts a timer on a project and task, ticks, and stops it into an entry", async () => {
    const startedAt = new Date(Date.now() - 65_000).toISOString();
    const timer = {
      id: "e-timer",
      member_id: ME,
      project_id: "p-web",
      task_id: "t1",
      date: "2026-11-23",
      started_at: startedAt,
      description: "Copy",
      billable: false,
      work_type: null,
    };
    const server = mockApi({
      ...lookups,
      [`GET ${BASE}/timer`]: () => json({ timer: null }),
      [`POST ${BASE}/timer/start`]: () => json({ timer, stopped: null }, 201),
      [`POST ${BASE}/timer/stop`]: () => json(entry({ id: "e-timer", minutes: 2 })),
    });
    const { user } = renderWithApp(<TimerHarness />);
    await user.click(await screen.findByRole("button", { name: "Start timer" }));
    const form = await screen.findByRole("dialog", { name: "Start timer" });
    await user.click(await within(form).findByRole("textbox", { name: "Project" }));
    await user.click(await within(form).findByRole("option", { name: "WEB · Website" }));
    await user.click(within(form).getByRole("textbox", { name: "Task" }));
    await user.click(await within(form).findByRole("option", { name: "WEB-1 Homepage copy" }));
    await user.type(within(form).getByLabelText("Description"), "Copy");
    await user.click(within(form).getByRole("button", { name: "Start" }));

    const running = await screen.findByRole("group", { name: "Running timer" });
    const [start] = server.sent(`POST ${BASE}/timer/start`);
    expect(await start?.json()).toEqual({
      project_id: "p-web",
      task_id: "t1",
      description: "Copy",
      billable: false,
    });
    expect(await within(running).findByText("WEB-1")).toBeInTheDocument();
    expect(within(running).getByRole("timer").textContent).toMatch(/^0:01:0\d$/);

    await user.click(within(running).getByRole("button", { name: "Stop timer" }));
    expect(await screen.findByText("Logged 0:02 on WEB-1")).toBeInTheDocument();
    expect(await screen.findByRole("button", { name: "Start timer" })).toBeInTheDocument();
    expect(server.sent(`POST ${BASE}/timer/stop`)).toHaveLength(1);
  });

  it("asks for a project under the Project field", async () => {
    const server = mockApi({ ...lookups, [`GET ${BASE}/timer`]: () => json({ timer: null }) });
    const { user } = renderWithApp(<TimerHarness />);
    await user.click(await screen.findByRole("button", { name: "Start timer" }));
    const form = await screen.findByRole("dialog", { name: "Start timer" });
    await user.click(await within(form).findByRole("button", { name: "Start" }));

    const project = await within(form).findByRole("textbox", { name: "Project" });
    expect(project).toHaveAttribute("aria-invalid", "true");
    expect(project).toHaveAccessibleDescription("Choose a project.");
    expect(within(form).queryByRole("alert")).not.toBeInTheDocument();
    expect(server.sent(`POST ${BASE}/timer/start`)).toHaveLength(0);
  });
});

describe("Approvals", () => {
  it("rejects a submitted week only with a comment, from the version shown", async () => {
    const server = mockApi({
      ...lookups,
      [`GET ${BASE}/teams`]: () => page([]),
      [`GET ${BASE}/timesheets`]: () => page([sheet("submitted", { version: 3 })]),
      [`GET ${BASE}/time-entries`]: () => page([entry({ task_id: "t1", minutes: 90 })]),
      [`POST ${BASE}/timesheets/ts1/reject`]: () =>
        json(sheet("rejected", { comment: "Add Tuesday", version: 4 })),
    });
    const { user } = renderWithApp(<Approvals workspaceId={WS} myMemberId="m-admin" isAdmin />);
    const row = await screen.findByRole("row", { name: /Mia Park/ });
    expect(row).toHaveTextContent("1:30");
    await user.click(within(row).getByRole("button", { name: /^Review Mia Park/ }));
    const drawer = await screen.findByRole("dialog");
    expect(await within(drawer).findByRole("row", { name: /WEB-1 Homepage copy/ })).toBeVisible();

    await user.click(within(drawer).getByRole("button", { name: "Reject…" }));
    await user.click(within(drawer).getByRole("button", { name: "Reject week" }));
    expect(await within(drawer).findByText(/Say what needs fixing/)).toBeInTheDocument();
    expect(server.sent(`POST ${BASE}/timesheets/ts1/reject`)).toHaveLength(0);

    await user.type(within(drawer).getByLabelText("Why are you sending it back?"), "Add Tuesday");
    await user.click(within(drawer).getByRole("button", { name: "Reject week" }));
    expect(await screen.findByText("Timesheet sent back")).toBeInTheDocument();
    const [reject] = server.sent(`POST ${BASE}/timesheets/ts1/reject`);
    expect(reject?.headers.get("If-Match")).toBe('"3"');
    expect(await reject?.json()).toEqual({ comment: "Add Tuesday" });
  });

  it("keeps the listed status and the open week in the URL", async () => {
    const server = mockApi({
      ...lookups,
      [`GET ${BASE}/teams`]: () => page([]),
      [`GET ${BASE}/timesheets`]: () => page([sheet("approved", { decided_at: STAMP })]),
      [`GET ${BASE}/time-entries`]: () => page([]),
    });
    const { user, router } = renderWithApp(
      <Approvals workspaceId={WS} myMemberId="m-admin" isAdmin />,
      { route: "/approvals?view=approved&sheet=ts1" },
    );
    // A shared link opens the same list and week.
    expect(await screen.findByRole("dialog", { name: /Mia Park/ })).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "Approved" })).toBeChecked();
    const [listed] = server.sent(`GET ${BASE}/timesheets`);
    expect(new URL(listed?.url ?? "").searchParams.get("status")).toBe("approved");

    await user.click(screen.getByRole("button", { name: "Close" }));
    expect(router.state.location.search).toBe("?view=approved");
    await user.click(screen.getByRole("radio", { name: "Waiting" }));
    expect(router.state.location.search).toBe("");
  });
});

function reportRow(changes: Partial<TimeReportRow>): TimeReportRow {
  return { minutes: 60, billable_minutes: 0, cost: "0.00", billable_amount: "0.00", ...changes };
}

const TEAMS = [
  {
    id: "team-design",
    name: "Design",
    parent_id: null,
    lead_member_id: null,
    member_ids: [ME],
    version: 1,
    created_at: STAMP,
    updated_at: STAMP,
  },
];

describe("TimeReportView", () => {
  const NOVEMBER = "from=2026-11-01&to=2026-11-30";
  const reportRoutes = (rows: TimeReportRow[], totals = reportRow({})) => ({
    ...lookups,
    [`GET ${BASE}/teams`]: () => page(TEAMS),
    [`GET ${BASE}/reports/time`]: () => json({ rows, totals }),
  });
  const lastQuery = (server: ReturnType<typeof mockApi>) =>
    new URL(server.sent(`GET ${BASE}/reports/time`).at(-1)?.url ?? "").searchParams;

  it("groups by two dimensions in a column each, under a totals row", async () => {
    mockApi(
      reportRoutes(
        [
          reportRow({ project_id: "p-web", member_id: ME, minutes: 90, cost: "75.00" }),
          reportRow({ project_id: "p-ops", member_id: ME, minutes: 30, cost: "25.00" }),
        ],
        reportRow({ minutes: 120, billable_minutes: 90, cost: "100.00", billable_amount: "150" }),
      ),
    );
    renderWithApp(<TimeReportView workspaceId={WS} />, {
      route: `/?${NOVEMBER}&group_by=project,member`,
    });
    const total = await screen.findByRole("row", { name: /^Total/ });
    expect(screen.getAllByRole("columnheader").map((cell) => cell.textContent)).toEqual([
      "Project",
      "Member",
      "Hours",
      "Billable hours",
      "Cost",
      "Billable amount",
    ]);
    expect(cellsOf(screen.getByRole("row", { name: /^Website/ }))).toEqual([
      "Mia Park",
      "1:30",
      "0:00",
      "75.00",
      "0.00",
    ]);
    expect(cellsOf(total)).toEqual(["2:00", "1:30", "100.00", "150.00"]);
  });

  it("names projects, tasks, members and teams, and time without a task", async () => {
    mockApi(
      reportRoutes([
        reportRow({ task_id: "t1", member_id: ME, team_id: "team-design" }),
        reportRow({ task_id: null, member_id: ME, team_id: "team-design" }),
      ]),
    );
    renderWithApp(<TimeReportView workspaceId={WS} />, {
      route: `/?${NOVEMBER}&group_by=task,member,team`,
    });
    const task = await screen.findByRole("row", { name: /^WEB-1 Homepage copy/ });
    expect(within(task).getByText("Mia Park")).toBeInTheDocument();
    expect(within(task).getByText("Design")).toBeInTheDocument();
    expect(screen.getByRole("rowheader", { name: "No task" })).toBeInTheDocument();
  });

  it("names work types, and reads a shared link's old `activity` grouping as work type", async () => {
    const server = mockApi(
      reportRoutes([reportRow({ work_type: "meeting" }), reportRow({ work_type: null })]),
    );
    renderWithApp(<TimeReportView workspaceId={WS} />, {
      route: `/?${NOVEMBER}&group_by=activity`,
    });
    expect(await screen.findByRole("rowheader", { name: "Meeting" })).toBeInTheDocument();
    expect(screen.getByRole("rowheader", { name: "No work type" })).toBeInTheDocument();
    expect(lastQuery(server).get("group_by")).toBe("work_type");
  });

  it("asks for the team and billable time kept in the URL, and changes them there", async () => {
    const server = mockApi(reportRoutes([reportRow({ project_id: "p-web" })]));
    const { user, router } = renderWithApp(<TimeReportView workspaceId={WS} />, {
      route: `/?${NOVEMBER}&team=team-design&billable=true`,
    });
    await screen.findByRole("row", { name: /^Website/ });
    expect(lastQuery(server).get("team_id")).toBe("team-design");
    expect(lastQuery(server).get("billable")).toBe("true");

    await user.click(screen.getByRole("textbox", { name: "Billable" }));
    await user.click(await screen.findByRole("option", { name: "Not billable" }));

    await waitFor(() => expect(lastQuery(server).get("billable")).toBe("false"));
    expect(new URLSearchParams(router.state.location.search).get("billable")).toBe("false");
  });

  it("reports the current month by project when the URL says nothing", async () => {
    const server = mockApi(reportRoutes([reportRow({ project_id: "p-web" })]));
    renderWithApp(<TimeReportView workspaceId={WS} />);
    await screen.findByRole("row", { name: /^Website/ });
    const now = new Date();
    const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
    const lastDay = new Date(now.getFullYear(), now.getMonth() + 1, 0).getDate();
    expect(lastQuery(server).get("from")).toBe(`${month}-01`);
    expect(lastQuery(server).get("to")).toBe(`${month}-${lastDay}`);
    expect(lastQuery(server).get("group_by")).toBe("project");
  });

  it("asks for the range and grouping chosen, and keeps them in the URL", async () => {
    const server = mockApi(reportRoutes([reportRow({ project_id: "p-web" })]));
    const { user, router } = renderWithApp(<TimeReportView workspaceId={WS} />, {
      route: `/?${NOVEMBER}`,
    });
    await screen.findByRole("row", { name: /^Website/ });
    expect(lastQuery(server).get("group_by")).toBe("project");

    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-10-01" } });
    await user.click(screen.getByRole("textbox", { name: "Add a grouping" }));
    await user.click(await screen.findByRole("option", { name: "Member" }));

    await waitFor(() => expect(lastQuery(server).get("group_by")).toBe("project,member"));
    expect(lastQuery(server).get("from")).toBe("2026-10-01");
    expect(lastQuery(server).get("to")).toBe("2026-11-30");
    const url = new URLSearchParams(router.state.location.search);
    expect(url.get("from")).toBe("2026-10-01");
    expect(url.get("group_by")).toBe("project,member");
  });

  it("downloads the same report as CSV", async () => {
    const server = mockApi({
      ...reportRoutes([reportRow({ project_id: "p-web" })]),
      [`GET ${BASE}/reports/time`]: (request) =>
        request.headers.get("Accept") === "text/csv"
          ? new Response("project_id,minutes\np-web,60\n", {
              headers: { "Content-Type": "text/csv" },
            })
          : json({ rows: [reportRow({ project_id: "p-web" })], totals: reportRow({}) }),
    });
    const { user } = renderWithApp(<TimeReportView workspaceId={WS} />, {
      route: `/?${NOVEMBER}&project=p-web`,
    });
    await screen.findByRole("row", { name: /^Website/ });
    await user.click(screen.getByRole("button", { name: "Download CSV" }));

    await waitFor(() => expect(saveFile).toHaveBeenCalledTimes(1));
    const [file, name] = vi.mocked(saveFile).mock.calls[0] ?? [];
    expect(name).toBe("worklane-time-2026-11-01-2026-11-30.csv");
    expect(await file?.text()).toBe("project_id,minutes\np-web,60\n");
    const csv = server
      .sent(`GET ${BASE}/reports/time`)
      .find((request) => request.headers.get("Accept") === "text/csv");
    expect(csv).toBeDefined();
    expect(new URL(csv?.url ?? "").searchParams.get("project_id")).toBe("p-web");
  });

  it("says so when nothing was logged", async () => {
    mockApi(reportRoutes([], reportRow({ minutes: 0 })));
    renderWithApp(<TimeReportView workspaceId={WS} />, { route: `/?${NOVEMBER}` });
    expect(await screen.findByText("No time logged")).toBeInTheDocument();
    expect(screen.queryByRole("table")).toBeNull();
  });
});

describe("EstimatesReportView", () => {
  it("highlights the tasks logged over their estimate", async () => {
    const report: EstimatesReport = {
      project_id: "p-web",
      estimate_hours: 8,
      logged_hours: 9,
      logged_on_tasks_hours: 9,
      remaining_hours: 2,
      variance_hours: 3,
      budget_hours: 40,
      budget_amount: "4000.00",
      currency: "EUR",
      actual_hours: 9,
      actual_cost: "900.00",
      billable_amount: "0.00",
      budget_hours_remaining: 31,
      budget_amount_remaining: "3100.00",
      tasks: [
        {
          task_id: "t1",
          key: "WEB-1",
          title: "Homepage copy",
          estimate_hours: 2,
          logged_hours: 5,
          remaining_hours: 0,
          variance_hours: 3,
        },
        {
          task_id: "t2",
          key: "WEB-2",
          title: "Sitemap",
          estimate_hours: 6,
          logged_hours: 4,
          remaining_hours: 2,
          variance_hours: -2,
        },
      ],
      burn: [
        {
          week_start: "2026-11-16",
          hours: 4,
          cost: "400.00",
          cumulative_hours: 4,
          cumulative_cost: "400.00",
        },
        {
          week_start: "2026-11-23",
          hours: 5,
          cost: "500.00",
          cumulative_hours: 9,
          cumulative_cost: "900.00",
        },
      ],
    };
    mockApi({ ...lookups, [`GET ${BASE}/reports/estimates`]: () => json(report) });
    renderWithApp(
      <EstimatesReportView workspaceId={WS} projectId="p-web" onProjectChange={() => {}} />,
    );
    const over = await screen.findByRole("row", { name: /WEB-1 Homepage copy/ });
    expect(over).toHaveAttribute("data-over");
    expect(within(over).getByText("Over estimate")).toBeInTheDocument();
    expect(cellsOf(over)).toEqual(["2:00", "5:00", "0:00", "+3:00"]);
    const under = screen.getByRole("row", { name: /WEB-2 Sitemap/ });
    expect(under).not.toHaveAttribute("data-over");
    expect(cellsOf(under)).toEqual(["6:00", "4:00", "2:00", "-2:00"]);
  });
});
