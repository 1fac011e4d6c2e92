import { useMutation, useQueries, useQueryClient } from "@tanstack/react-query";
import { $api, api, ifMatch, unwrap } from "@/api/client";
import { TASK, TASKS } from "@/api/directory";
import { isApiError } from "@/api/errors";
import { usePagedGet } from "@/api/pagination";
import type { components } from "@/api/schema";

export type TimeEntry = components["schemas"]["TimeEntry"];
export type TimeEntryCreate = components["schemas"]["TimeEntryCreate"];
export type TimeEntryUpdate = components["schemas"]["TimeEntryUpdate"];
export type Timer = components["schemas"]["Timer"];
export type TimerStart = components["schemas"]["TimerStart"];
export type Timesheet = components["schemas"]["Timesheet"];
export type TimesheetStatus = components["schemas"]["TimesheetStatus"];
export type WorkType = components["schemas"]["WorkType"];
export type TimeReport = components["schemas"]["TimeReport"];
export type TimeReportRow = components["schemas"]["TimeReportRow"];
export type EstimatesReport = components["schemas"]["EstimatesReport"];
export type TaskEstimate = components["schemas"]["TaskEstimate"];
export type BurnPoint = components["schemas"]["BurnPoint"];
type Task = components["schemas"]["Task"];

const ENTRIES = "/api/v1/workspaces/{workspace_id}/time-entries";
const ENTRY = "/api/v1/workspaces/{workspace_id}/time-entries/{entry_id}";
const TIMER = "/api/v1/workspaces/{workspace_id}/timer";
const TIMER_START = "/api/v1/workspaces/{workspace_id}/timer/start";
const TIMER_STOP = "/api/v1/workspaces/{workspace_id}/timer/stop";
const TIMESHEETS = "/api/v1/workspaces/{workspace_id}/timesheets";
const SUBMIT = "/api/v1/workspaces/{workspace_id}/timesheets/submit";
const APPROVE = "/api/v1/workspaces/{workspace_id}/timesheets/{timesheet_id}/approve";
const REJECT = "/api/v1/workspaces/{workspace_id}/timesheets/{timesheet_id}/reject";
const REOPEN = "/api/v1/workspaces/{workspace_id}/timesheets/{timesheet_id}/reopen";
const WORK_TYPES = "/api/v1/workspaces/{workspace_id}/work-types";
const REPORTS = "/api/v1/workspaces/{workspace_id}/reports/time";
const ESTIMATES = "/api/v1/workspaces/{workspace_id}/reports/estimates";

const ALL = 200;

function path(workspaceId: string) {
  return { workspace_id: workspaceId };
}

/** Every cached list of `route` in the workspace, whatever its filters: for invalidation. */
function keyOf(
  route: typeof ENTRIES | typeof TIMESHEETS | typeof REPORTS | typeof ESTIMATES,
  workspaceId: string,
) {
  return $api.queryOptions("get", route, { params: { path: path(workspaceId) } }).queryKey;
}

function timerKey(workspaceId: string) {
  return $api.queryOptions("get", TIMER, { params: { path: path(workspaceId) } }).queryKey;
}

/**
 * Logged minutes change entry lists, the timesheets' totals and the reports; nothing else. The
 * timer joins in when it starts or stops.
 */
function useInvalidateTime(workspaceId: string) {
  const queryClient = useQueryClient();
  return ({ timer = false }: { timer?: boolean } = {}) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: keyOf(ENTRIES, workspaceId) }),
      queryClient.invalidateQueries({ queryKey: keyOf(TIMESHEETS, workspaceId) }),
      queryClient.invalidateQueries({ queryKey: keyOf(REPORTS, workspaceId) }),
      queryClient.invalidateQueries({ queryKey: keyOf(ESTIMATES, workspaceId) }),
      timer ? queryClient.invalidateQueries({ queryKey: timerKey(workspaceId) }) : undefined,
    ]);
}

// Entries

export interface EntryFilter {
  memberId: string;
  from: string;
  to: string;
}

/** One member's entries between two days (every page: a week holds a few dozen at most). */
export function useTimeEntries(workspaceId: string, filter: EntryFilter | null) {
  return usePagedGet(
    ENTRIES,
    {
      path: path(workspaceId),
      query: {
        member_id: filter?.memberId,
        from: filter?.from,
        to: filter?.to,
        sort: "date",
        limit: ALL,
      },
    },
    { all: true, enabled: Boolean(filter) },
  );
}

export function useCreateTimeEntry(workspaceId: string) {
  const invalidate = useInvalidateTime(workspaceId);
  return useMutation({
    mutationFn: async (body: TimeEntryCreate) =>
      unwrap(await api.POST(ENTRIES, { params: { path: path(workspaceId) }, body })),
    onSuccess: () => invalidate(),
  });
}

/** A 412 means the entry changed elsewhere: the lists refetch, so the next try sees the latest. */
export function useUpdateTimeEntry(workspaceId: string) {
  const invalidate = useInvalidateTime(workspaceId);
  return useMutation({
    mutationFn: async ({ entry, changes }: { entry: TimeEntry; changes: TimeEntryUpdate }) =>
      unwrap(
        await api.PATCH(ENTRY, {
          params: { path: { ...path(workspaceId), entry_id: entry.id }, header: ifMatch(entry) },
          body: changes,
        }),
      ),
    onSuccess: () => invalidate(),
    onError: (error) => {
      if (isApiError(error) && error.isStale) void invalidate();
    },
  });
}

export function useDeleteTimeEntry(workspaceId: string) {
  const invalidate = useInvalidateTime(workspaceId);
  return useMutation({
    mutationFn: async (entry: TimeEntry) => {
      await api.DELETE(ENTRY, {
        params: { path: { ...path(workspaceId), entry_id: entry.id }, header: ifMatch(entry) },
      });
    },
    onSettled: () => invalidate(),
  });
}

// Timer

export function useTimer(workspaceId: string) {
  return $api.useQuery(
    "get",
    TIMER,
    { params: { path: path(workspaceId) } },
    { select: (state) => state.timer, refetchOnWindowFocus: true },
  );
}

export function useStartTimer(workspaceId: string) {
  const invalidate = useInvalidateTime(workspaceId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TimerStart) =>
      unwrap(await api.POST(TIMER_START, { params: { path: path(workspaceId) }, body })),
    onSuccess: (started) => {
      queryClient.setQueryData(timerKey(workspaceId), { timer: started.timer });
      // Starting stops a running timer into an entry; without one no logged time changed.
      if (started.stopped) void invalidate();
    },
  });
}

export function useStopTimer(workspaceId: string) {
  const invalidate = useInvalidateTime(workspaceId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(await api.POST(TIMER_STOP, { params: { path: path(workspaceId) } })),
    onSuccess: () => {
      queryClient.setQueryData(timerKey(workspaceId), { timer: null });
      return invalidate();
    },
    onError: () => queryClient.invalidateQueries({ queryKey: timerKey(workspaceId) }),
  });
}

export function useDiscardTimer(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await api.DELETE(TIMER, { params: { path: path(workspaceId) } });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: timerKey(workspaceId) }),
  });
}

// Timesheets

/** The member's timesheet of the week starting `weekStart`; undefined while none exists (draft). */
export function useWeekTimesheet(
  workspaceId: string,
  memberId: string | undefined,
  weekStart: string,
) {
  return $api.useQuery(
    "get",
    TIMESHEETS,
    {
      params: {
        path: path(workspaceId),
        query: { member_id: memberId, week_from: weekStart, week_to: weekStart },
      },
    },
    { enabled: Boolean(memberId), select: (page) => page.items[0] ?? null },
  );
}

export function useTimesheets(workspaceId: string, status: TimesheetStatus) {
  return usePagedGet(TIMESHEETS, {
    path: path(workspaceId),
    query: { status, sort: "-week_start", limit: ALL },
  });
}

export function useSubmitWeek(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (weekStart: string) =>
      unwrap(
        await api.POST(SUBMIT, {
          params: { path: path(workspaceId) },
          body: { week_start: weekStart },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keyOf(TIMESHEETS, workspaceId) }),
  });
}

export type Decision = "approve" | "reject" | "reopen";

export function useDecideTimesheet(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      sheet,
      decision,
      comment,
    }: {
      sheet: Timesheet;
      decision: Decision;
      comment?: string;
    }) => {
      const params = {
        path: { ...path(workspaceId), timesheet_id: sheet.id },
        header: ifMatch(sheet),
      };
      if (decision === "reject")
        return unwrap(await api.POST(REJECT, { params, body: { comment: comment ?? "" } }));
      const body = { comment: comment || null };
      return unwrap(await api.POST(decision === "approve" ? APPROVE : REOPEN, { params, body }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: keyOf(TIMESHEETS, workspaceId) }),
  });
}

// Reports

export interface TimeReportFilter {
  from: string;
  to: string;
  /** Dimension names in column order, e.g. ["project", "member"]. */
  groupBy: readonly string[];
  projectId: string | null;
  memberId: string | null;
  teamId: string | null;
  billable: boolean | null;
}

function timeReportInit(workspaceId: string, filter: TimeReportFilter | null) {
  return {
    params: {
      path: path(workspaceId),
      query: {
        from: filter?.from,
        to: filter?.to,
        group_by: filter?.groupBy.join(","),
        project_id: filter?.projectId ?? undefined,
        member_id: filter?.memberId ?? undefined,
        team_id: filter?.teamId ?? undefined,
        billable: filter?.billable ?? undefined,
      },
    },
  };
}

/** Logged time grouped by the filter's dimensions, with totals; waits while `filter` is null. */
export function useTimeReport(workspaceId: string, filter: TimeReportFilter | null) {
  return $api.useQuery("get", REPORTS, timeReportInit(workspaceId, filter), {
    enabled: Boolean(filter),
    // The schema's body is JSON or CSV; without `Accept: text/csv` it is always the JSON.
    select: (body) => body as TimeReport,
  });
}

/** The same report as a CSV file: a download, so it is fetched on demand and never cached. */
export function useTimeReportCsv(workspaceId: string) {
  return useMutation({
    mutationFn: async (filter: TimeReportFilter) =>
      unwrap(
        await api.GET(REPORTS, {
          ...timeReportInit(workspaceId, filter),
          headers: { Accept: "text/csv" },
          parseAs: "blob",
        }),
      ),
  });
}

/** A project's estimates against logged time, its budget against actuals, and the weekly burn. */
export function useEstimatesReport(workspaceId: string, projectId: string | null) {
  return $api.useQuery(
    "get",
    ESTIMATES,
    { params: { path: path(workspaceId), query: { project_id: projectId ?? "" } } },
    { enabled: Boolean(projectId) },
  );
}

// Lookups for pickers and names

export function useWorkTypes(workspaceId: string) {
  return $api.useQuery(
    "get",
    WORK_TYPES,
    { params: { path: path(workspaceId), query: { limit: ALL } } },
    { staleTime: 60_000, select: (page) => page.items },
  );
}

/** A project's tasks for a picker (the first 200, recently updated first). */
export function useProjectTasks(workspaceId: string, projectId: string | null | undefined) {
  return $api.useQuery(
    "get",
    TASKS,
    {
      params: {
        path: path(workspaceId),
        query: { project_id: projectId, sort: "-updated_at", limit: ALL },
      },
    },
    { enabled: Boolean(projectId), select: (page) => page.items },
  );
}

/** The tasks behind `taskIds` (for keys and titles), from the same cache the task screens use. */
export function useTasksById(workspaceId: string, taskIds: readonly (string | null)[]) {
  const ids = [...new Set(taskIds.filter((id): id is string => Boolean(id)))].sort();
  const results = useQueries({
    queries: ids.map((id) => ({
      ...$api.queryOptions("get", TASK, {
        params: { path: { ...path(workspaceId), task_id: id } },
      }),
      staleTime: 60_000,
    })),
  });
  const byId = new Map<string, Task>();
  for (const result of results) if (result.data) byId.set(result.data.id, result.data);
  return byId;
}
