import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { json, mockApi } from "@/testing/api";
import { renderWithApp } from "@/testing/render";
import { makeTask } from "@/testing/tasks";
import { TaskSchedule } from "./task-schedule";

const WS = "0190c0de-0000-7000-8000-000000000001";
const BASE = `/api/v1/workspaces/${WS}`;
const task = makeTask({ start_date: "2026-03-10", finish_date: "2026-03-12", duration_days: 3 });
const design = makeTask({ id: "t0", key: "OPS-41", title: "Design the rotation" });
const link = {
  id: "d1",
  predecessor_id: "t0",
  successor_id: "t1",
  type: "FS",
  lag_days: 1,
  version: 1,
};

function api() {
  return mockApi({
    [`GET ${BASE}/tasks/t1/schedule`]: () =>
      json({
        task_id: "t1",
        key: "OPS-42",
        scheduled: {
          task_id: "t1",
          key: "OPS-42",
          start_date: "2026-03-10",
          finish_date: "2026-03-12",
          early_start: "2026-03-10",
          early_finish: "2026-03-12",
          late_start: "2026-03-16",
          late_finish: "2026-03-18",
          total_slack_days: 4,
          free_slack_days: 2,
          critical: false,
        },
        drivers: [
          {
            kind: "predecessor",
            dependency_id: "d1",
            predecessor_id: "t0",
            predecessor_key: "OPS-41",
            type: "FS",
            lag_days: 1,
            date: "2026-03-06",
            days: null,
            days_off: ["2026-03-07", "2026-03-08"],
          },
        ],
      }),
    [`GET ${BASE}/dependencies`]: () => json({ items: [link], next_cursor: null }),
    [`GET ${BASE}/tasks/t0`]: () => json(design),
  });
}

describe("TaskSchedule", () => {
  it("says what drives the start and lists the predecessor with its type and lag", async () => {
    api();
    renderWithApp(
      <TaskSchedule
        workspaceId={WS}
        task={task}
        readOnly={false}
        taskHref={(key) => `/tasks/${key}`}
        onChange={() => {}}
      />,
    );

    const drives = await screen.findByRole("group", { name: "What drives the start" });
    expect(drives).toHaveTextContent(
      /Starts Mar 10 because OPS-41 finishes Mar 6 \(FS \+1d\); Mar 7–8 are days off\./,
    );
    const row = await screen.findByRole("group", { name: "Predecessor OPS-41" });
    expect(within(row).getByText("Design the rotation")).toBeInTheDocument();
    expect(within(row).getByLabelText("Lag with OPS-41 in working days")).toHaveValue("1 d");
    expect(screen.getByText("4 days")).toBeInTheDocument();
  });

  it("saves a typed duration once, on Enter", async () => {
    api();
    const onChange = vi.fn();
    const { user } = renderWithApp(
      <TaskSchedule
        workspaceId={WS}
        task={task}
        readOnly={false}
        taskHref={(key) => `/tasks/${key}`}
        onChange={onChange}
      />,
    );
    const duration = screen.getByLabelText("Duration of OPS-42 in working days");

    await user.clear(duration);
    await user.type(duration, "0{Enter}");

    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith({ duration_days: 0 });
  });
});
