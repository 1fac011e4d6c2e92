import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useRef } from "react";
import { $api, api, ifMatch, unwrap } from "@/api/client";
import { TASK, TASKS } from "@/api/directory";
import { usePagedGet } from "@/api/pagination";
import type { components } from "@/api/schema";
import { WorkingCalendar } from "./calendar";
import type { DraftEdit } from "./draft";
import type { LinkType } from "./geometry";

export type Task = components["schemas"]["Task"];
export type TaskUpdate = components["schemas"]["TaskUpdate"];
export type Dependency = components["schemas"]["Dependency"];
export type Schedule = components["schemas"]["Schedule"];
export type SchedulePreview = components["schemas"]["SchedulePreview"];
export type ScheduleProposal = components["schemas"]["ScheduleProposal"];

const DEPENDENCIES = "/api/v1/workspaces/{workspace_id}/dependencies";
const DEPENDENCY = "/api/v1/workspaces/{workspace_id}/dependencies/{dependency_id}";
const SCHEDULE = "/api/v1/workspaces/{workspace_id}/projects/{project_id}/schedule";
const PREVIEW = "/api/v1/workspaces/{workspace_id}/projects/{project_id}/schedule/preview";
const CALENDARS = "/api/v1/workspaces/{workspace_id}/calendars";
const EXCEPTIONS = "/api/v1/workspaces/{workspace_id}/calendars/{calendar_id}/exceptions";

const ALL = 200;

/** The project's tasks in project order (position), every page. */
export function useProjectTasks(workspaceId: string, projectId: string) {
  return usePagedGet(
    TASKS,
    {
      path: { workspace_id: workspaceId },
      query: { project_id: projectId, sort: "position,number", limit: ALL },
    },
    { all: true },
  );
}

/** Every link into or out of the project's tasks. */
export function useProjectLinks(workspaceId: string, projectId: string) {
  return usePagedGet(
    DEPENDENCIES,
    { path: { workspace_id: workspaceId }, query: { project_id: projectId, limit: ALL } },
    { all: true },
  );
}

function useExceptions(workspaceId: string, calendarId: string | undefined) {
  return usePagedGet(
    EXCEPTIONS,
    { path: { workspace_id: workspaceId, calendar_id: calendarId ?? "" }, query: { limit: ALL } },
    { all: true, enabled: Boolean(calendarId) },
  );
}

export function useSchedule(workspaceId: string, projectId: string) {
  return $api.useQuery("get", SCHEDULE, {
    params: { path: { workspace_id: workspaceId, project_id: projectId } },
  });
}

/** The working calendar the project follows (its own, or the workspace default). */
export function useProjectCalendar(workspaceId: string, calendarId: string | null) {
  const calendars = $api.useQuery("get", CALENDARS, {
    params: { path: { workspace_id: workspaceId }, query: { limit: ALL } },
  });
  const calendar = calendars.data?.items.find((each) =>
    calendarId ? each.id === calendarId : each.is_default,
  );
  const exceptions = useExceptions(workspaceId, calendar?.id);
  const rows = exceptions.items;
  const complete = exceptions.isComplete;
  const working = useMemo(
    () =>
      calendar && complete
        ? new WorkingCalendar({
            workingWeekdays: calendar.working_weekdays,
            exceptions: new Map((rows ?? []).map((row) => [row.date, row.working])),
          })
        : undefined,
    [calendar, rows, complete],
  );
  const exceptionNames = useMemo(
    () => new Map((rows ?? []).map((row) => [row.date, row.name])),
    [rows],
  );
  return {
    calendar: working,
    name: calendar?.name,
    exceptionNames,
    error: calendars.error ?? exceptions.error,
    isPending: !working && !calendars.error && !exceptions.error,
  };
}

/** What the draft would do: the schedule it gives and the tasks it moves. Nothing is written,
 * so it is a query keyed by the proposal, refetched as the draft changes. */
export function useSchedulePreview(
  workspaceId: string,
  projectId: string,
  proposal: ScheduleProposal,
  enabled: boolean,
) {
  return useQuery({
    queryKey: ["post", PREVIEW, { workspace_id: workspaceId, project_id: projectId }, proposal],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.POST(PREVIEW, {
          params: { path: { workspace_id: workspaceId, project_id: projectId } },
          body: proposal,
          signal,
        }),
      ),
    enabled,
    placeholderData: (previous) => previous,
    staleTime: 0,
    retry: false,
  });
}

/** Tasks of other projects by id (the ones a what-if would move there), for their keys. */
export function useTaskKeys(workspaceId: string, taskIds: readonly string[]) {
  return useQuery({
    queryKey: ["get", TASK, { workspace_id: workspaceId }, "keys", taskIds],
    queryFn: async ({ signal }) =>
      Promise.all(
        taskIds.map(async (taskId) =>
          unwrap(
            await api.GET(TASK, {
              params: { path: { workspace_id: workspaceId, task_id: taskId } },
              signal,
            }),
          ),
        ),
      ),
    enabled: taskIds.length > 0,
  });
}

// Writes. The server reschedules after each: everything dated in the workspace may have moved,
// so every task list, task, schedule and link list of the workspace is read again.

function refresh(queryClient: QueryClient, workspaceId: string) {
  const path = { params: { path: { workspace_id: workspaceId } } };
  return Promise.all(
    [TASKS, TASK, DEPENDENCIES, SCHEDULE].map((route) =>
      queryClient.invalidateQueries({ queryKey: ["get", route, path] }),
    ),
  );
}

/** The task as stored now: a write must not fail for a version the rescheduler bumped. */
async function latestTask(workspaceId: string, taskId: string): Promise<Task> {
  return unwrap(
    await api.GET(TASK, { params: { path: { workspace_id: workspaceId, task_id: taskId } } }),
  );
}

async function latestLink(workspaceId: string, dependencyId: string): Promise<Dependency> {
  return unwrap(
    await api.GET(DEPENDENCY, {
      params: { path: { workspace_id: workspaceId, dependency_id: dependencyId } },
    }),
  );
}

export interface LinkFields {
  predecessorId: string;
  successorId: string;
  type: LinkType;
  lag: number;
}

/**
 * The timeline's writes. Each answers what it saved and refreshes what the rescheduling may
 * have moved. Task writes carry If-Match from the version `task` was read at; the rescheduler
 * moves other tasks too, so a write built from an older read (an undo, an apply) reads first.
 */
export function usePlanWrites(workspaceId: string) {
  const queryClient = useQueryClient();
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  return useMemo(() => {
    // One write at a time, in the order made: each reads the version the one before it saved.
    const inTurn = <T>(write: () => Promise<T>): Promise<T> => {
      const result = queue.current.then(write, write);
      queue.current = result.catch(() => undefined);
      return result;
    };
    const after = <T>(write: () => Promise<T>): Promise<T> =>
      inTurn(async () => {
        try {
          return await write();
        } finally {
          await refresh(queryClient, workspaceId);
        }
      });
    const updateTask = async (taskId: string, changes: TaskUpdate) => {
      const task = await latestTask(workspaceId, taskId);
      return unwrap(
        await api.PATCH(TASK, {
          params: { path: { workspace_id: workspaceId, task_id: taskId }, header: ifMatch(task) },
          body: changes,
        }),
      );
    };
    const createLink = async (link: LinkFields) =>
      unwrap(
        await api.POST(DEPENDENCIES, {
          params: { path: { workspace_id: workspaceId } },
          body: {
            predecessor_id: link.predecessorId,
            successor_id: link.successorId,
            type: link.type,
            lag_days: link.lag,
          },
        }),
      );
    const updateLink = async (dependencyId: string, changes: { type?: LinkType; lag?: number }) => {
      const link = await latestLink(workspaceId, dependencyId);
      return unwrap(
        await api.PATCH(DEPENDENCY, {
          params: {
            path: { workspace_id: workspaceId, dependency_id: dependencyId },
            header: ifMatch(link),
          },
          body: { type: changes.type, lag_days: changes.lag },
        }),
      );
    };
    const deleteLink = async (dependencyId: string) => {
      const link = await latestLink(workspaceId, dependencyId);
      await api.DELETE(DEPENDENCY, {
        params: {
          path: { workspace_id: workspaceId, dependency_id: dependencyId },
          header: ifMatch(link),
        },
      });
      return link;
    };
    /** One draft edit, for real. */
    const applyEdit = async (edit: DraftEdit): Promise<void> => {
      switch (edit.kind) {
        case "task":
          await updateTask(edit.taskId, {
            start_date: edit.start_date,
            duration_days: edit.duration_days,
          });
          return;
        case "add-link":
          await createLink(edit);
          return;
        case "change-link":
          await updateLink(edit.dependencyId, { type: edit.type, lag: edit.lag });
          return;
        case "remove-link":
          await deleteLink(edit.dependencyId);
          return;
      }
    };
    return {
      updateTask: (taskId: string, changes: TaskUpdate) => after(() => updateTask(taskId, changes)),
      createLink: (link: LinkFields) => after(() => createLink(link)),
      updateLink: (id: string, changes: { type?: LinkType; lag?: number }) =>
        after(() => updateLink(id, changes)),
      deleteLink: (id: string) => after(() => deleteLink(id)),
      /** Send the draft's edits in order, stopping at the first the API refuses: answers how
       * many went through and the problem that stopped the rest. */
      applyDraft: (edits: readonly DraftEdit[]) =>
        inTurn(async () => {
          let applied = 0;
          try {
            for (const edit of edits) {
              await applyEdit(edit);
              applied++;
            }
            return { applied, error: null as unknown };
          } catch (error) {
            return { applied, error };
          } finally {
            await refresh(queryClient, workspaceId);
          }
        }),
    };
  }, [queryClient, workspaceId]);
}
