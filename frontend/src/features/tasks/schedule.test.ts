import { describe, expect, it } from "vitest";
import {
  daysOffPhrase,
  driverSentence,
  linkLabel,
  rescheduleSentence,
  type StartDriver,
  startHint,
} from "./schedule";

const NOW = new Date(2026, 2, 1);

function driver(changes: Partial<StartDriver>): StartDriver {
  return {
    kind: "predecessor",
    dependency_id: null,
    predecessor_id: null,
    predecessor_key: null,
    type: null,
    lag_days: null,
    date: null,
    days: null,
    days_off: [],
    ...changes,
  };
}

describe("linkLabel", () => {
  it("shows a lag only when there is one, with its sign", () => {
    expect(linkLabel("FS", 0)).toBe("FS");
    expect(linkLabel("SS", 2)).toBe("SS +2d");
    expect(linkLabel("FF", -1)).toBe("FF −1d");
  });
});

describe("daysOffPhrase", () => {
  it("joins consecutive days into a run", () => {
    expect(daysOffPhrase(["2026-03-07", "2026-03-08", "2026-03-13"], NOW)).toBe("Mar 7–8, Mar 13");
  });

  it("names both months of a run across a month end", () => {
    expect(daysOffPhrase(["2026-02-28", "2026-03-01"], NOW)).toBe("Feb 28–Mar 1");
  });
});

describe("driverSentence", () => {
  it("names the predecessor, the date the link reads and the days off skipped", () => {
    const sentence = driverSentence(
      driver({
        predecessor_key: "PLAN-12",
        type: "FS",
        lag_days: 1,
        date: "2026-03-06",
        days_off: ["2026-03-07", "2026-03-08"],
      }),
      NOW,
    );

    expect(sentence).toBe("PLAN-12 finishes Mar 6 (FS +1d); Mar 7–8 are days off");
  });

  it("reads a start-to-start link from the predecessor's start", () => {
    expect(
      driverSentence(
        driver({ predecessor_key: "A-1", type: "SS", lag_days: 0, date: "2026-03-02" }),
        NOW,
      ),
    ).toBe("A-1 starts Mar 2 (SS)");
  });

  it("says a constraint on a holiday skipped that day", () => {
    expect(
      driverSentence(
        driver({ kind: "constraint", date: "2026-03-10", days_off: ["2026-03-10"] }),
        NOW,
      ),
    ).toBe("it may start no earlier than Mar 10; Mar 10 is a day off");
  });

  it("counts a leveling delay in working days", () => {
    expect(driverSentence(driver({ kind: "leveling_delay", days: 1 }), NOW)).toBe(
      "leveling delayed it 1 working day",
    );
  });

  it("explains the project start and manual scheduling", () => {
    expect(driverSentence(driver({ kind: "project_start", date: "2026-03-02" }), NOW)).toBe(
      "the project starts Mar 2",
    );
    expect(driverSentence(driver({ kind: "manual_task" }), NOW)).toMatch(/scheduled manually/);
  });
});

describe("rescheduleSentence", () => {
  it("names the move and its cause", () => {
    expect(
      rescheduleSentence(
        {
          start_date: { before: "2026-12-07", after: "2026-12-09" },
          cause: { before: null, after: "WL-12 → WL-15 (FS) was added" },
        },
        new Date(2026, 11, 1),
      ),
    ).toBe("rescheduled the task from Dec 7 to Dec 9 because WL-12 → WL-15 (FS) was added");
  });

  it("falls back to the finish when only it moved, and to no cause for older events", () => {
    expect(
      rescheduleSentence({ finish_date: { before: "2026-03-05", after: "2026-03-06" } }, NOW),
    ).toBe("rescheduled the task: finish Mar 5 → Mar 6");
  });
});

describe("startHint", () => {
  const project = { name: "Relaunch", scheduling_mode: "auto" as const, start_date: "2026-03-02" };

  it("names the project start of an auto-scheduled project", () => {
    expect(startHint(project, null, NOW)).toBe(
      "Starts at the project start, Mar 2, until predecessors move it.",
    );
  });

  it("says today, and why, for a project without a start", () => {
    expect(startHint({ ...project, start_date: null }, null, NOW)).toBe(
      "Starts today, Mar 1 (the project has no start date), until predecessors move it.",
    );
  });

  it("treats a typed start as the earliest one", () => {
    expect(startHint(project, "2026-03-11", NOW)).toBe(
      "Starts no earlier than Mar 11; predecessors may move it later.",
    );
  });

  it("says a manual project's task keeps the dates it is given", () => {
    expect(startHint({ ...project, scheduling_mode: "manual" }, null, NOW)).toMatch(
      /scheduled by hand: the task has no dates/,
    );
  });
});
