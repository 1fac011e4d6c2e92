import {
  type QueryClient,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useMemo } from "react";
import { $api, api, ifMatch, unwrap } from "@/api/client";
import { TASK, TASKS, workspaceKey } from "@/api/directory";
import { isStale } from "@/api/errors";
import { type CachedPages, mapPages, usePagedGet } from "@/api/pagination";
import type { components, operations } from "@/api/schema";
import { staleNotice } from "@/components/stale-notice";

export type Task = components["schemas"]["Task"];
export type TaskCreate = components["schemas"]["TaskCreate"];
export type TaskUpdate = components["schemas"]["TaskUpdate"];
export type Priority = components["schemas"]["Priority"];
export type BulkChanges = components["schemas"]["BulkChanges"];
export type Comment = components["schemas"]["Comment"];
export type TaskEvent = components["schemas"]["Event"];
export type ScheduledTask = components["schemas"]["ScheduledTask"];
export type TaskQuery = NonNullable<operations["tasks:list"]["parameters"]["query"]>;

const BULK = "/api/v1/workspaces/{workspace_id}/tasks/bulk";
const SCHEDULE = "/api/v1/workspaces/{workspace_id}/projects/{project_id}/schedule";
const ACTIVITY = "/api/v1/workspaces/{workspace_id}/tasks/{task_id}/activity";
const COMMENTS = "/api/v1/workspaces/{workspace_id}/tasks/{task_id}/comments";
const COMMENT = "/api/v1/workspaces/{workspace_id}/tasks/{task_id}/comments/{comment_id}";
const WATCHERS = "/api/v1/workspaces/{workspace_id}/tasks/{task_id}/watchers";
const WATCHER = "/api/v1/workspaces/{workspace_id}/tasks/{task_id}/watchers/{member_id}";

/** Filters and sort of a task list, as the API takes them (no cursor or limit). */
export type TaskListQuery = Omit<TaskQuery, "cursor" | "limit">;

export const PAGE_SIZE = 100;

function taskPath(workspaceId: string, taskId: string) {
  return { workspace_id: workspaceId, task_id: taskId };
}

/** Every cached single task of the workspace, by id or by key. */
function tasksKey(workspaceId: string) {
  return ["get", TASK, { params: { path: { workspace_id: workspaceId } } }] as const;
}

export function taskOptions(workspaceId: string, taskIdOrKey: string) {
  return $api.queryOptions("get", TASK, { params: { path: taskPath(workspaceId, taskIdOrKey) } });
}

export function useTask(workspaceId: string, taskIdOrKey: string | null | undefined) {
  return useQuery({
    ...taskOptions(workspaceId, taskIdOrKey ?? ""),
    enabled: Boolean(taskIdOrKey),
  });
}

/** A keyset-paged task list; `all` follows every page (the board needs every card). */
export function useTaskList(
  workspaceId: string,
  query: TaskListQuery,
  { all = false, pageSize = PAGE_SIZE, enabled = true } = {},
) {
  return usePagedGet(
    TASKS,
    { path: { workspace_id: workspaceId }, query: { ...query, limit: pageSize } },
    { all, enabled },
  );
}

/** One page of a task list, for small bounded views (subtasks, My work groups, search). */
export function useTaskPage(workspaceId: string, query: TaskListQuery, enabled = true) {
  return $api.useQuery(
    "get",
    TASKS,
    { params: { path: { workspace_id: workspaceId }, query: { ...query, limit: 200 } } },
    { enabled },
  );
}

type Page = { items: Task[]; next_cursor: string | null };

/** Write a task into every cache that holds it: lists (paged or not) and single-task queries. */
/** The project's schedule by task (slack, critical), read only while `enabled`. */
export function useProjectSchedule(workspaceId: string, projectId: string, enabled: boolean) {
  const schedule = $api.useQuery(
    "get",
    SCHEDULE,
    { params: { path: { workspace_id: workspaceId, project_id: projectId } } },
    { enabled },
  );
  const tasks = schedule.data?.tasks;
  const byTask = useMemo(
    () => (tasks ? new Map(tasks.map((each) => [each.task_id, each])) : undefined),
    [tasks],
  );
  return { byTask: enabled ? byTask : undefined, error: schedule.error };
}

export function writeTask(queryClient: QueryClient, workspaceId: string, task: Task) {
  const replace = (row: Task) => (row.id === task.id ? task : row);
  queryClient.setQueriesData<CachedPages<Task> | Page>(
    { queryKey: workspaceKey(TASKS, workspaceId) },
    (data) => {
      if (!data) return data;
      if ("pages" in data) return mapPages(data, replace);
      if ("items" in data) return { ...data, items: data.items.map(replace) };
      return data;
    },
  );
  queryClient.setQueriesData<Task>({ queryKey: tasksKey(workspaceId) }, (data) =>
    data && data.id === task.id ? task : data,
  );
}

/** What a change looks like on the row before the server answers. */
export function applyChanges(task: Task, changes: TaskUpdate): Task {
  const next = { ...task } as Record<string, unknown>;
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    next[field] = field === "estimate_hours" && value !== null ? Number(value) : value;
  }
  return next as unknown as Task;
}

/** Stop task refetches in flight: one that answers late would hide a change being shown. */
async function cancelTaskQueries(queryClient: QueryClient, workspaceId: string) {
  await Promise.all([
    queryClient.cancelQueries({ queryKey: workspaceKey(TASKS, workspaceId) }),
    queryClient.cancelQueries({ queryKey: tasksKey(workspaceId) }),
  ]);
}

interface UpdateVariables {
  task: Task;
  changes: TaskUpdate;
}

/**
 * This tab's writes to one task. They go one after another, each from the version the one before
 * it saved: two quick edits must not refuse each other (412) as if someone else had changed the
 * task in between.
 */
interface TaskWrites {
  /** The last write sent or waiting to be sent: the next one waits for it. */
  tail: Promise<unknown>;
  /** The task as the server last gave it to us. */
  confirmed?: Task;
  /** Updates shown but not saved yet, in the order they were made. */
  pending: UpdateVariables[];
}

const writesByClient = new WeakMap<QueryClient, Map<string, TaskWrites>>();

function taskWrites(queryClient: QueryClient, taskId: string): TaskWrites {
  let byTask = writesByClient.get(queryClient);
  if (!byTask) {
    byTask = new Map();
    writesByClient.set(queryClient, byTask);
  }
  let writes = byTask.get(taskId);
  if (!writes) {
    writes = { tail: Promise.resolve(), pending: [] };
    byTask.set(taskId, writes);
  }
  return writes;
}

/** The later of two versions of a task; at the same version, the server's copy (`other`): a row
 * on screen may carry changes still on the way, which must not pass for saved. */
function newer(task: Task, other: Task | undefined): Task {
  return other && other.version >= task.version ? other : task;
}

/**
 * Send a write to `task` after this tab's earlier writes to it have answered, with If-Match from
 * the newest version we know: the one the user acted on, or a later one our own writes saved.
 */
function inTurn<T>(
  queryClient: QueryClient,
  task: Task,
  send: (current: Task) => Promise<T>,
): Promise<T> {
  const writes = taskWrites(queryClient, task.id);
  const run = () => send(newer(task, writes.confirmed));
  const result = writes.tail.then(run, run);
  writes.tail = result.catch(() => undefined);
  return result;
}

/** The task as the user should see it: the server's version with the changes still on the way. */
function shown(writes: TaskWrites, confirmed: Task): Task {
  return writes.pending.reduce((task, update) => applyChanges(task, update.changes), confirmed);
}

/**
 * Change a task from the version the user saw (If-Match). Shown at once everywhere the task is
 * cached and rolled back if refused. Quick successive changes to one task are sent in turn, each
 * from the version the previous one saved. A 412 loads the latest version and offers to apply
 * the same change on top of it: the user decides, nothing is overwritten silently.
 */
export function useUpdateTask(workspaceId: string) {
  const queryClient = useQueryClient();
  const settle = (update: UpdateVariables) => {
    const writes = taskWrites(queryClient, update.task.id);
    writes.pending = writes.pending.filter((each) => each !== update);
    return writes;
  };
  const mutation = useMutation({
    mutationFn: ({ task, changes }: UpdateVariables) =>
      inTurn(queryClient, task, async (current) => {
        const saved = unwrap(
          await api.PATCH(TASK, {
            params: { path: taskPath(workspaceId, task.id), header: ifMatch(current) },
            body: changes,
          }),
        );
        const writes = taskWrites(queryClient, task.id);
        writes.confirmed = newer(saved, writes.confirmed);
        return saved;
      }),
    onMutate: async (update) => {
      const writes = taskWrites(queryClient, update.task.id);
      writes.pending.push(update);
      // The row acted on may show earlier changes still on the way (at the version they came
      // from): the server's version stays the base, and every pending change goes over it.
      writes.confirmed = newer(update.task, writes.confirmed);
      await cancelTaskQueries(queryClient, workspaceId);
      writeTask(queryClient, workspaceId, shown(writes, writes.confirmed));
    },
    onError: async (error, update) => {
      const writes = settle(update);
      if (isStale(error)) {
        const latest = await queryClient
          .fetchQuery({ ...taskOptions(workspaceId, update.task.id), staleTime: 0 })
          .catch(() => undefined);
        if (latest) writes.confirmed = newer(latest, writes.confirmed);
        void queryClient.invalidateQueries({ queryKey: workspaceKey(TASKS, workspaceId) });
        if (latest) {
          staleNotice({
            id: latest.id,
            name: latest.key,
            reapply: () => mutation.mutate({ task: latest, changes: update.changes }),
          });
        }
      }
      if (writes.confirmed) writeTask(queryClient, workspaceId, shown(writes, writes.confirmed));
    },
    onSuccess: (saved, update) => {
      const writes = settle(update);
      writeTask(queryClient, workspaceId, shown(writes, newer(saved, writes.confirmed)));
      void queryClient.invalidateQueries({ queryKey: activityKey(workspaceId, saved.id) });
      // Filters may no longer hold for the row: lists refetch when next shown.
      void queryClient.invalidateQueries({
        queryKey: workspaceKey(TASKS, workspaceId),
        refetchType: "none",
      });
    },
  });
  return mutation;
}

export function useCreateTask(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TaskCreate) =>
      unwrap(await api.POST(TASKS, { params: { path: { workspace_id: workspaceId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workspaceKey(TASKS, workspaceId) }),
  });
}

export function useDeleteTask(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // After this tab's updates to the task, from the version they saved.
    mutationFn: ({ task, children }: { task: Task; children?: "delete" | "detach" }) =>
      inTurn(queryClient, task, async (current) => {
        await api.DELETE(TASK, {
          params: {
            path: taskPath(workspaceId, task.id),
            header: ifMatch(current),
            query: children ? { children } : {},
          },
        });
      }),
    onSuccess: (_data, { task }) => {
      queryClient.removeQueries({ queryKey: taskOptions(workspaceId, task.id).queryKey });
      queryClient.removeQueries({ queryKey: taskOptions(workspaceId, task.key).queryKey });
      return queryClient.invalidateQueries({ queryKey: workspaceKey(TASKS, workspaceId) });
    },
  });
}

/** One set of changes to many tasks, all or nothing. */
export function useBulkUpdateTasks(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ taskIds, changes }: { taskIds: string[]; changes: BulkChanges }) =>
      unwrap(
        await api.POST(BULK, {
          params: { path: { workspace_id: workspaceId } },
          body: { task_ids: taskIds, changes },
        }),
      ).items,
    onSuccess: (saved) => {
      for (const task of saved) writeTask(queryClient, workspaceId, task);
      return queryClient.invalidateQueries({ queryKey: workspaceKey(TASKS, workspaceId) });
    },
  });
}

// Activity, comments, watchers

function activityKey(workspaceId: string, taskId: string) {
  return $api.queryOptions("get", ACTIVITY, { params: { path: taskPath(workspaceId, taskId) } })
    .queryKey;
}

export function useTaskActivity(workspaceId: string, taskId: string) {
  return usePagedGet(ACTIVITY, { path: taskPath(workspaceId, taskId), query: { limit: 50 } });
}

function commentsKey(workspaceId: string, taskId: string) {
  return $api.queryOptions("get", COMMENTS, { params: { path: taskPath(workspaceId, taskId) } })
    .queryKey;
}

export function useComments(workspaceId: string, taskId: string) {
  return usePagedGet(COMMENTS, { path: taskPath(workspaceId, taskId), query: { limit: 100 } });
}

function useInvalidateConversation(workspaceId: string, taskId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: commentsKey(workspaceId, taskId) }),
      queryClient.invalidateQueries({ queryKey: activityKey(workspaceId, taskId) }),
      queryClient.invalidateQueries({ queryKey: watchersKey(workspaceId, taskId) }),
    ]);
}

export function useAddComment(workspaceId: string, taskId: string) {
  const invalidate = useInvalidateConversation(workspaceId, taskId);
  return useMutation({
    mutationFn: async (body: string) =>
      unwrap(
        await api.POST(COMMENTS, {
          params: { path: taskPath(workspaceId, taskId) },
          body: { body },
        }),
      ),
    onSuccess: invalidate,
  });
}

/**
 * After a 412 on a comment: load the conversation again, say the comment changed, and offer to
 * do the same to its latest version.
 */
async function offerAgainOnComment(
  queryClient: QueryClient,
  workspaceId: string,
  taskId: string,
  comment: Comment,
  again: (latest: Comment) => void,
  action?: string,
) {
  const key = commentsKey(workspaceId, taskId);
  await queryClient.invalidateQueries({ queryKey: key });
  const latest = queryClient
    .getQueriesData<CachedPages<Comment>>({ queryKey: key })
    .flatMap(([, data]) => data?.pages.flatMap((page) => page.items) ?? [])
    .find((each) => each.id === comment.id);
  if (latest) {
    staleNotice({ id: comment.id, name: "This comment", reapply: () => again(latest), action });
  }
}

/** Change a comment from the version shown; a 412 offers to apply the edit to the latest. */
export function useEditComment(workspaceId: string, taskId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateConversation(workspaceId, taskId);
  const mutation = useMutation({
    mutationFn: async ({ comment, body }: { comment: Comment; body: string }) =>
      unwrap(
        await api.PATCH(COMMENT, {
          params: {
            path: { ...taskPath(workspaceId, taskId), comment_id: comment.id },
            header: ifMatch(comment),
          },
          body: { body },
        }),
      ),
    onError: async (error, { comment, body }) => {
      if (isStale(error)) {
        await offerAgainOnComment(queryClient, workspaceId, taskId, comment, (latest) =>
          mutation.mutate({ comment: latest, body }),
        );
      }
    },
    onSettled: invalidate,
  });
  return mutation;
}

/** Delete a comment as shown; a 412 offers to delete its latest version. */
export function useDeleteComment(workspaceId: string, taskId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateConversation(workspaceId, taskId);
  const mutation = useMutation({
    mutationFn: async (comment: Comment) => {
      await api.DELETE(COMMENT, {
        params: {
          path: { ...taskPath(workspaceId, taskId), comment_id: comment.id },
          header: ifMatch(comment),
        },
      });
    },
    onError: async (error, comment) => {
      if (isStale(error)) {
        await offerAgainOnComment(
          queryClient,
          workspaceId,
          taskId,
          comment,
          (latest) => mutation.mutate(latest),
          "Delete it anyway",
        );
      }
    },
    onSettled: invalidate,
  });
  return mutation;
}

function watchersKey(workspaceId: string, taskId: string) {
  return $api.queryOptions("get", WATCHERS, { params: { path: taskPath(workspaceId, taskId) } })
    .queryKey;
}

export function useWatchers(workspaceId: string, taskId: string) {
  return $api.useQuery(
    "get",
    WATCHERS,
    { params: { path: taskPath(workspaceId, taskId) } },
    { select: (watchers) => watchers.map((watcher) => watcher.member_id) },
  );
}

export function useSetWatching(workspaceId: string, taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ memberId, watching }: { memberId: string; watching: boolean }) => {
      const params = { path: { ...taskPath(workspaceId, taskId), member_id: memberId } };
      if (watching) await api.PUT(WATCHER, { params });
      else await api.DELETE(WATCHER, { params });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: watchersKey(workspaceId, taskId) }),
  });
}

// Scheduling: the task's computed dates, what drives its start, and its links.

export type TaskSchedule = components["schemas"]["TaskSchedule"];
export type Dependency = components["schemas"]["Dependency"];

const TASK_SCHEDULE = "/api/v1/workspaces/{workspace_id}/tasks/{task_id}/schedule";
const DEPENDENCIES = "/api/v1/workspaces/{workspace_id}/dependencies";
const DEPENDENCY = "/api/v1/workspaces/{workspace_id}/dependencies/{dependency_id}";
const PROJECT_SCHEDULE = "/api/v1/workspaces/{workspace_id}/projects/{project_id}/schedule";

export function useTaskSchedule(workspaceId: string, taskId: string, version: number) {
  const params = { path: taskPath(workspaceId, taskId) };
  // The version is part of the key: any change to the task (a new duration, a move by the
  // rescheduler) asks again.
  return useQuery({
    queryKey: ["get", TASK_SCHEDULE, { params }, version],
    queryFn: async ({ signal }) => unwrap(await api.GET(TASK_SCHEDULE, { params, signal })),
  });
}

/** Links into and out of the task (a task has few; 100 covers any real one). */
export function useTaskLinks(workspaceId: string, taskId: string) {
  return usePagedGet(
    DEPENDENCIES,
    { path: { workspace_id: workspaceId }, query: { task_id: taskId, limit: 100 } },
    { all: true },
  );
}

/** Tasks of the workspace whose title holds `text`, or whose key is `text`, for a link. */
export function useTaskSearch(workspaceId: string, text: string) {
  const term = text.trim();
  return useQuery({
    queryKey: ["get", TASKS, { params: { path: { workspace_id: workspaceId } } }, "search", term],
    queryFn: async ({ signal }) => {
      const path = { workspace_id: workspaceId };
      const byKey = /^[A-Za-z][A-Za-z0-9]*-\d+$/.test(term)
        ? api
            .GET(TASK, { params: { path: { ...path, task_id: term.toUpperCase() } }, signal })
            .then((answer) => (answer.data ? [answer.data] : []))
        : Promise.resolve([] as Task[]);
      const byTitle = api
        .GET(TASKS, { params: { path, query: { q: term, limit: 20 } }, signal })
        .then((answer) => unwrap(answer).items);
      const [keyed, titled] = await Promise.all([byKey, byTitle]);
      return [...keyed, ...titled.filter((task) => !keyed.some((each) => each.id === task.id))];
    },
    enabled: term.length > 0,
    staleTime: 10_000,
  });
}

/**
 * Add, change and remove the task's links. The server reschedules after each: tasks, lists,
 * links and schedules of the workspace are read again.
 */
export function useLinkWrites(workspaceId: string) {
  const queryClient = useQueryClient();
  const path = { workspace_id: workspaceId };
  const refresh = () =>
    Promise.all(
      [TASKS, TASK, DEPENDENCIES, TASK_SCHEDULE, PROJECT_SCHEDULE, ACTIVITY].map((route) =>
        queryClient.invalidateQueries({ queryKey: ["get", route, { params: { path } }] }),
      ),
    );
  const latest = async (dependencyId: string) =>
    unwrap(
      await api.GET(DEPENDENCY, { params: { path: { ...path, dependency_id: dependencyId } } }),
    );
  const add = useMutation({
    mutationFn: async (body: components["schemas"]["DependencyCreate"]) =>
      unwrap(await api.POST(DEPENDENCIES, { params: { path }, body })),
    onSettled: refresh,
  });
  const change = useMutation({
    mutationFn: async ({
      dependencyId,
      changes,
    }: {
      dependencyId: string;
      changes: components["schemas"]["DependencyUpdate"];
    }) => {
      const link = await latest(dependencyId);
      return unwrap(
        await api.PATCH(DEPENDENCY, {
          params: { path: { ...path, dependency_id: dependencyId }, header: ifMatch(link) },
          body: changes,
        }),
      );
    },
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: async (dependencyId: string) => {
      const link = await latest(dependencyId);
      await api.DELETE(DEPENDENCY, {
        params: { path: { ...path, dependency_id: dependencyId }, header: ifMatch(link) },
      });
    },
    onSettled: refresh,
  });
  return { add, change, remove };
}

/** Tasks by id, each read once and cached like any task (for the keys and titles of links). */
export function useTasksById(workspaceId: string, taskIds: readonly string[]) {
  return useQueries({
    queries: taskIds.map((taskId) => taskOptions(workspaceId, taskId)),
    combine: (answers) =>
      new Map(
        answers.flatMap((answer) => (answer.data ? [[answer.data.id, answer.data] as const] : [])),
      ),
  });
}
