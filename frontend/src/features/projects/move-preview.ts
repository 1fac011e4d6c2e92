import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "@/api/client";
import type { components } from "@/api/schema";
import { formatDay } from "@/lib/dates";
import { plural } from "@/lib/format";

type SchedulePreview = components["schemas"]["SchedulePreview"];

const SCHEDULE = "/api/v1/workspaces/{workspace_id}/projects/{project_id}/schedule";
const PREVIEW = "/api/v1/workspaces/{workspace_id}/projects/{project_id}/schedule/preview";

/** A change of the project that moves its schedule: a new start, another calendar, or both. */
export interface ProjectMove {
  start_date?: string;
  calendar_id?: string;
}

/**
 * What a new start or calendar would do to the project's schedule, before saving: its finish now
 * and after, and the tasks that move. Nothing is written.
 */
export function useMovePreview(workspaceId: string, projectId: string, move: ProjectMove) {
  const path = { workspace_id: workspaceId, project_id: projectId };
  return useQuery({
    queryKey: ["post", PREVIEW, path, move],
    queryFn: async ({ signal }) => {
      const [now, moved] = await Promise.all([
        api.GET(SCHEDULE, { params: { path }, signal }),
        api.POST(PREVIEW, { params: { path }, body: move, signal }),
      ]);
      return { finishNow: unwrap(now).finish_date, preview: unwrap(moved) };
    },
    staleTime: 0,
    retry: false,
  });
}

/** "The finish moves from Jun 5 to Jun 12; 14 tasks move." */
export function describeMove(
  finishNow: string,
  preview: Pick<SchedulePreview, "finish_date" | "moved_task_ids">,
  today: Date = new Date(),
): string {
  const moved = preview.moved_task_ids.length;
  if (moved === 0) return "No task moves.";
  const tasks = `${plural(moved, "task")} ${moved === 1 ? "moves" : "move"}`;
  if (preview.finish_date === finishNow) {
    return `The finish stays on ${formatDay(finishNow, today)}; ${tasks}.`;
  }
  // Across a new year both dates carry theirs, so "Jan 4, 2027 to Dec 31" cannot read backwards.
  const reference = finishNow.slice(0, 4) === preview.finish_date.slice(0, 4) ? today : new Date(0);
  const from = formatDay(finishNow, reference);
  const to = formatDay(preview.finish_date, reference);
  return `The finish moves from ${from} to ${to}; ${tasks}.`;
}
