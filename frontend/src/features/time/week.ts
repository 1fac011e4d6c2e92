import { addDays, fromIso } from "@/lib/dates";

/**
 * A week of logged time as a grid: one row per project and task, one column per day, with the
 * totals a timesheet shows (per row, per day, per project, and the week's).
 */

export interface GridEntry {
  project_id: string;
  task_id: string | null;
  date: string;
  minutes: number;
}

export interface GridRow {
  taskId: string | null;
  days: number[];
  total: number;
}

export interface GridProject {
  projectId: string;
  rows: GridRow[];
  days: number[];
  total: number;
}

export interface WeekGrid {
  projects: GridProject[];
  days: number[];
  total: number;
}

/** The first day of the week holding `iso`, weeks starting on ISO weekday `weekStart` (1-7). */
export function weekStartOf(iso: string, weekStart: number): string {
  const weekday = fromIso(iso).getDay() || 7;
  return addDays(iso, -((weekday - weekStart + 7) % 7));
}

/** The seven days from `start`. */
export function weekDays(start: string): string[] {
  return Array.from({ length: 7 }, (_, index) => addDays(start, index));
}

const emptyWeek = () => [0, 0, 0, 0, 0, 0, 0];

/**
 * Sum `entries` into the week starting at `start`; entries outside it are ignored. Projects and
 * their task rows come out sorted by `sortName` (a project's time without a task first).
 */
export function buildWeekGrid(
  entries: readonly GridEntry[],
  start: string,
  sortName: { project: (id: string) => string; task: (id: string) => string } = {
    project: (id) => id,
    task: (id) => id,
  },
): WeekGrid {
  const days = weekDays(start);
  const grid: WeekGrid = { projects: [], days: emptyWeek(), total: 0 };
  const byProject = new Map<string, GridProject>();
  for (const entry of entries) {
    const day = days.indexOf(entry.date);
    if (day < 0) continue;
    let project = byProject.get(entry.project_id);
    if (!project) {
      project = { projectId: entry.project_id, rows: [], days: emptyWeek(), total: 0 };
      byProject.set(entry.project_id, project);
      grid.projects.push(project);
    }
    let row = project.rows.find((each) => each.taskId === entry.task_id);
    if (!row) {
      row = { taskId: entry.task_id, days: emptyWeek(), total: 0 };
      project.rows.push(row);
    }
    row.days[day] = (row.days[day] ?? 0) + entry.minutes;
    row.total += entry.minutes;
    project.days[day] = (project.days[day] ?? 0) + entry.minutes;
    project.total += entry.minutes;
    grid.days[day] = (grid.days[day] ?? 0) + entry.minutes;
    grid.total += entry.minutes;
  }
  const compare = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });
  grid.projects.sort((a, b) =>
    compare(sortName.project(a.projectId), sortName.project(b.projectId)),
  );
  for (const project of grid.projects) {
    project.rows.sort((a, b) => {
      if (a.taskId === null) return -1;
      if (b.taskId === null) return 1;
      return compare(sortName.task(a.taskId), sortName.task(b.taskId));
    });
  }
  return grid;
}
