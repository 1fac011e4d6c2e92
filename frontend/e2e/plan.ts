import type { APIRequestContext, Page } from "@playwright/test";
import { expect } from "./fixtures";

/** Calls to the API as the signed-in user of `page` (its session cookie and CSRF token). */
export async function apiAs(page: Page) {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === "wl_csrf");
  const headers = { "X-CSRF-Token": csrf?.value ?? "" };
  const request: APIRequestContext = page.request;
  const call = async (method: "get" | "post" | "patch", url: string, data?: unknown) => {
    let response = await request[method](url, { headers, data });
    // Seeding a large project outruns the per-user rate limit: wait as the server asks.
    for (let retry = 0; response.status() === 429 && retry < 10; retry++) {
      const seconds = Number(response.headers()["retry-after"] ?? "1");
      await new Promise((resolve) => setTimeout(resolve, Math.max(seconds, 1) * 1000));
      response = await request[method](url, { headers, data });
    }
    expect(response.ok(), `${method.toUpperCase()} ${url}: ${await response.text()}`).toBe(true);
    return response.json();
  };
  return {
    get: (url: string) => call("get", url),
    post: (url: string, data: unknown) => call("post", url, data),
    patch: (url: string, data: unknown) => call("patch", url, data),
  };
}

export type Api = Awaited<ReturnType<typeof apiAs>>;

export async function signUp(page: Page, name: string, workspace: string) {
  const email = `${name.split(" ")[0]?.toLowerCase()}+${Date.now()}@example.com`;
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill("a long enough secret");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/new$/);
  await page.getByLabel("Workspace name").fill(workspace);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/[0-9a-f-]+\/my-work$/);
  return page.url().split("/w/")[1]?.split("/")[0] ?? "";
}

/** `YYYY-MM-DD`, `days` after today (local). */
export function isoIn(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const month = String(date.getMonth() + 1).padStart(2, "0");
  const day = String(date.getDate()).padStart(2, "0");
  return `${date.getFullYear()}-${month}-${day}`;
}

/** The Monday on or before `days` after today. */
export function mondayIn(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  date.setDate(date.getDate() - ((date.getDay() + 6) % 7));
  return isoIn(Math.round((date.getTime() - Date.now()) / 86_400_000));
}

interface PlannedTask {
  title: string;
  duration?: number;
  parent?: string;
  status?: "done" | "in_progress";
  manual?: string;
  fnlt?: number;
}

/** A realistic plan: phases with subtasks, long names, links of every type with lags, a
 * milestone, a manual task, a missed deadline, a holiday, a target the finish slips past. */
const RELAUNCH: { key: string; task: PlannedTask }[] = [
  { key: "disc", task: { title: "Discovery and stakeholder interviews" } },
  {
    key: "kick",
    task: {
      title: "Kick-off workshop with operations, finance and the warehouse leads",
      duration: 1,
      parent: "disc",
      status: "done",
    },
  },
  {
    key: "inter",
    task: {
      title: "Interview pickers and shift supervisors",
      duration: 4,
      parent: "disc",
      status: "done",
    },
  },
  {
    key: "req",
    task: { title: "Requirements document v1", duration: 3, parent: "disc", status: "in_progress" },
  },
  { key: "signoff", task: { title: "Requirements signed off", duration: 0, parent: "disc" } },
  { key: "design", task: { title: "Solution design" } },
  {
    key: "arch",
    task: {
      title: "Target architecture for the warehouse management system",
      duration: 5,
      parent: "design",
    },
  },
  {
    key: "data",
    task: {
      title: "Data model and migration mapping (SKUs, bins, open orders)",
      duration: 6,
      parent: "design",
    },
  },
  {
    key: "integr",
    task: {
      title: "Integration design: ERP, carrier APIs and handheld scanners",
      duration: 4,
      parent: "design",
    },
  },
  { key: "review", task: { title: "Design review", duration: 1, parent: "design", fnlt: 16 } },
  { key: "build", task: { title: "Build" } },
  {
    key: "infra",
    task: {
      title: "Provision staging and production infrastructure",
      duration: 3,
      parent: "build",
      manual: "infra",
    },
  },
  {
    key: "etl",
    task: {
      title: "Migration scripts for item master and stock levels",
      duration: 8,
      parent: "build",
    },
  },
  { key: "api", task: { title: "Carrier and ERP connectors", duration: 10, parent: "build" } },
  { key: "ui", task: { title: "Handheld picking screens", duration: 7, parent: "build" } },
  {
    key: "labels",
    task: {
      title: "Shipping label templates for all three carriers",
      duration: 3,
      parent: "build",
    },
  },
  { key: "test", task: { title: "Testing" } },
  { key: "sit", task: { title: "System integration test", duration: 5, parent: "test" } },
  {
    key: "uat",
    task: { title: "User acceptance test in the Leipzig warehouse", duration: 5, parent: "test" },
  },
  { key: "perf", task: { title: "Load test at peak-season volumes", duration: 3, parent: "test" } },
  { key: "golive", task: { title: "Go-live" } },
  {
    key: "train",
    task: { title: "Train 40 pickers and 6 supervisors", duration: 4, parent: "golive" },
  },
  {
    key: "cutover",
    task: {
      title: "Cut-over weekend: freeze, migrate, verify stock",
      duration: 2,
      parent: "golive",
    },
  },
  {
    key: "live",
    task: { title: "Warehouse live on the new system", duration: 0, parent: "golive" },
  },
  {
    key: "hyper",
    task: {
      title: "Hypercare and daily stand-ups with operations",
      duration: 10,
      parent: "golive",
    },
  },
];

const RELAUNCH_LINKS: [string, string, "FS" | "SS" | "FF" | "SF", number][] = [
  ["kick", "inter", "FS", 0],
  ["inter", "req", "SS", 2],
  ["req", "signoff", "FS", 0],
  ["signoff", "arch", "FS", 0],
  ["arch", "data", "SS", 2],
  ["arch", "integr", "FS", -1],
  ["data", "review", "FS", 0],
  ["integr", "review", "FF", 0],
  ["review", "etl", "FS", 0],
  ["review", "api", "FS", 0],
  ["review", "ui", "FS", 1],
  ["ui", "labels", "FF", 0],
  ["etl", "sit", "FS", 0],
  ["api", "sit", "FS", 0],
  ["sit", "perf", "SS", 2],
  ["sit", "uat", "FS", 0],
  ["uat", "train", "SS", 1],
  ["uat", "cutover", "FS", 0],
  ["train", "cutover", "FF", 0],
  ["cutover", "live", "FS", 0],
  ["live", "hyper", "FS", 0],
];

/** The realistic project above, through the API; answers the project id and task keys. */
export async function seedRealisticProject(api: Api, workspaceId: string) {
  const base = `/api/v1/workspaces/${workspaceId}`;
  const start = mondayIn(-24);
  const calendars = await api.get(`${base}/calendars`);
  const calendar = calendars.items.find((each: { is_default: boolean }) => each.is_default);
  await api.post(`${base}/calendars/${calendar.id}/exceptions`, {
    date: isoIn(9),
    working: false,
    name: "Company offsite",
  });
  const project = await api.post(`${base}/projects`, {
    key: "WMS",
    name: "Warehouse management system roll-out",
    kind: "project",
    start_date: start,
    target_date: isoIn(60),
  });
  const statuses = await api.get(`${base}/projects/${project.id}/statuses`);
  const statusOf = (category: string) =>
    statuses.items.find((each: { category: string }) => each.category === category)?.id;
  const ids = new Map<string, string>();
  for (const { key, task } of RELAUNCH) {
    const body: Record<string, unknown> = { project_id: project.id, title: task.title };
    if (task.duration !== undefined) body.duration_days = task.duration;
    if (task.parent) body.parent_id = ids.get(task.parent);
    if (task.status) body.status_id = statusOf(task.status);
    if (task.manual) {
      body.scheduling_mode = "manual";
      body.start_date = isoIn(6);
    }
    if (task.fnlt !== undefined) {
      body.constraint_type = "fnlt";
      body.constraint_date = isoIn(task.fnlt);
    }
    const created = await api.post(`${base}/tasks`, body);
    ids.set(key, created.id);
  }
  for (const [from, to, type, lag] of RELAUNCH_LINKS) {
    await api.post(`${base}/dependencies`, {
      predecessor_id: ids.get(from),
      successor_id: ids.get(to),
      type,
      lag_days: lag,
    });
  }
  return { projectId: project.id as string, ids };
}

/**
 * A large project for the smoothness measurement: `tasks` tasks in chains of twenty (each
 * chain a summary with its subtasks), `links` links between them, FS mostly, with some SS and
 * FF and lags.
 */
export async function seedLargeProject(
  api: Api,
  workspaceId: string,
  { tasks, links }: { tasks: number; links: number },
) {
  const base = `/api/v1/workspaces/${workspaceId}`;
  const project = await api.post(`${base}/projects`, {
    key: "BIG",
    name: "Fleet renewal programme",
    kind: "project",
    start_date: mondayIn(-30),
    target_date: isoIn(240),
  });
  const ids: string[] = [];
  let parent: string | undefined;
  for (let i = 0; i < tasks; i++) {
    const body: Record<string, unknown> = {
      project_id: project.id,
      title: `Work package ${Math.floor(i / 20) + 1}.${(i % 20) + 1}: inspect, order and fit parts`,
      duration_days: (i % 7) + 1,
    };
    if (i % 20 === 0) parent = undefined;
    else body.parent_id = parent;
    const created = await api.post(`${base}/tasks`, body);
    if (i % 20 === 0) parent = created.id;
    ids.push(created.id);
  }
  const types = ["FS", "FS", "FS", "SS", "FF"] as const;
  const pairs = new Map<string, [number, number]>();
  for (let n = 0; pairs.size < links && n < links * 4; n++) {
    // Links always point forward (no cycle): mostly to the next few tasks, sometimes farther.
    const from = n % (tasks - 1);
    const reach = n % 3 === 0 ? 1 + (n % 37) : 1 + (Math.floor(n / tasks) % 4);
    const to = Math.min(from + reach, tasks - 1);
    if (from === to || from % 20 === 0 || to % 20 === 0) continue;
    pairs.set(`${from}-${to}`, [from, to]);
  }
  // In order of the predecessor: a new link's successor has no links out yet, so the server
  // reschedules one task per link and seeding stays linear.
  const ordered = [...pairs.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [n, [from, to]] of ordered.entries()) {
    await api.post(`${base}/dependencies`, {
      predecessor_id: ids[from],
      successor_id: ids[to],
      type: types[n % types.length],
      lag_days: n % 11 === 0 ? 2 : 0,
    });
  }
  return { projectId: project.id as string };
}
