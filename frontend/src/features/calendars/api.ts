import { useMutation, useQueryClient } from "@tanstack/react-query";
import { $api, api, ifMatch, unwrap } from "@/api/client";
import { TASKS } from "@/api/directory";
import { usePagedGet } from "@/api/pagination";
import type { components } from "@/api/schema";
import type { Toggle } from "./year";

export type Calendar = components["schemas"]["Calendar"];
export type CalendarCreate = components["schemas"]["CalendarCreate"];
export type CalendarUpdate = components["schemas"]["CalendarUpdate"];
export type CalendarException = components["schemas"]["CalendarException"];
export type CalendarImport = components["schemas"]["CalendarImport"];
export type CalendarImportResult = components["schemas"]["CalendarImportResult"];
export type CalendarUsers = components["schemas"]["CalendarUsers"];

const CALENDARS = "/api/v1/workspaces/{workspace_id}/calendars";
const ONE = "/api/v1/workspaces/{workspace_id}/calendars/{calendar_id}";
const USERS = "/api/v1/workspaces/{workspace_id}/calendars/{calendar_id}/users";
const EXCEPTIONS = "/api/v1/workspaces/{workspace_id}/calendars/{calendar_id}/exceptions";
const EXCEPTION =
  "/api/v1/workspaces/{workspace_id}/calendars/{calendar_id}/exceptions/{exception_id}";
const IMPORT = "/api/v1/workspaces/{workspace_id}/calendars/{calendar_id}/exceptions/import";
const SCHEDULE = "/api/v1/workspaces/{workspace_id}/projects/{project_id}/schedule";

const ALL = 200;

/** Every calendar of the workspace (a workspace has a handful). Same key as the timeline's. */
export function useCalendars(workspaceId: string) {
  return $api.useQuery("get", CALENDARS, {
    params: { path: { workspace_id: workspaceId }, query: { limit: ALL } },
  });
}

/** The calendar's exceptions in one year, every page. */
export function useYearExceptions(workspaceId: string, calendarId: string, year: number) {
  return usePagedGet(
    EXCEPTIONS,
    {
      path: { workspace_id: workspaceId, calendar_id: calendarId },
      query: { from: `${year}-01-01`, to: `${year}-12-31`, limit: ALL },
    },
    { all: true },
  );
}

export function useCalendarUsers(workspaceId: string, calendarId: string) {
  return $api.useQuery("get", USERS, {
    params: { path: { workspace_id: workspaceId, calendar_id: calendarId } },
  });
}

/**
 * A change of working days reschedules the auto-scheduled projects on the calendar: refresh
 * calendars, their exceptions and users, and the tasks and schedules that may have moved.
 */
function useInvalidateCalendars() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [CALENDARS, ONE, USERS, EXCEPTIONS, TASKS, SCHEDULE].map((path) =>
        queryClient.invalidateQueries({ queryKey: ["get", path] }),
      ),
    );
}

export function useCreateCalendar(workspaceId: string) {
  const invalidate = useInvalidateCalendars();
  return useMutation({
    mutationFn: async (body: CalendarCreate) =>
      unwrap(await api.POST(CALENDARS, { params: { path: { workspace_id: workspaceId } }, body })),
    onSuccess: invalidate,
  });
}

export function useUpdateCalendar(workspaceId: string) {
  const invalidate = useInvalidateCalendars();
  return useMutation({
    mutationFn: async ({ calendar, changes }: { calendar: Calendar; changes: CalendarUpdate }) =>
      unwrap(
        await api.PATCH(ONE, {
          params: {
            path: { workspace_id: workspaceId, calendar_id: calendar.id },
            header: ifMatch(calendar),
          },
          body: changes,
        }),
      ),
    onSettled: invalidate,
  });
}

export function useDeleteCalendar(workspaceId: string) {
  const invalidate = useInvalidateCalendars();
  return useMutation({
    mutationFn: async (calendar: Calendar) => {
      await api.DELETE(ONE, {
        params: {
          path: { workspace_id: workspaceId, calendar_id: calendar.id },
          header: ifMatch(calendar),
        },
      });
    },
    onSettled: invalidate,
  });
}

/** Add an exception (a click on a plain day) or remove one (a click on an exception). */
export function useToggleDay(workspaceId: string, calendarId: string) {
  const invalidate = useInvalidateCalendars();
  return useMutation({
    mutationFn: async (toggle: Toggle) => {
      if ("remove" in toggle) {
        await api.DELETE(EXCEPTION, {
          params: {
            path: {
              workspace_id: workspaceId,
              calendar_id: calendarId,
              exception_id: toggle.remove.id,
            },
          },
        });
        return;
      }
      unwrap(
        await api.POST(EXCEPTIONS, {
          params: { path: { workspace_id: workspaceId, calendar_id: calendarId } },
          body: { ...toggle.add, name: "" },
        }),
      );
    },
    onSettled: invalidate,
  });
}

export function useImportExceptions(workspaceId: string, calendarId: string) {
  const invalidate = useInvalidateCalendars();
  return useMutation({
    mutationFn: async (body: CalendarImport) =>
      unwrap(
        await api.POST(IMPORT, {
          params: { path: { workspace_id: workspaceId, calendar_id: calendarId } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}
