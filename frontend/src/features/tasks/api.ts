import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { $api, api, ifMatch, unwrap } from "@/api/client";
import { isApiError } from "@/api/errors";
import { type CachedPages, mapPages, usePagedList } from "@/api/pagination";
import type { components, operations } from "@/api/schema";
import { staleNotice } from "./stale-notice";

export type Task = components["schemas"]["Task"];
export type TaskCreate = components["schemas"]["TaskCreate"];
export type TaskUpdate = components["schemas"]["TaskUpdate"];
export type Priority = components["schemas"]["Priority"];
export type BulkChanges = components["schemas"]["BulkChanges"];
export type Comment = components["schemas"]["Comment"];
export type TaskEvent = components["schemas"]["Event"];
export type TaskQuery = NonNullable<operations["tasks:list"]["parameters"]["query"]>;

export const TASKS = "/api/v1/workspaces/{workspace_id}/tasks";
export const TASK = "/api/v1/workspaces/{workspace_id}/tasks/{task_id}";
const BULK = "/api/v1/workspaces/{workspace_id}/tasks/bulk";
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

/** Every cached task list of the workspace: project lists, the board, my work, counts. */
function listsKey(workspaceId: string) {
  return $api.queryOptions("get", TASKS, { params: { path: { workspace_id: workspaceId } } })
    .queryKey;
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
  const init = {
    params: { path: { workspace_id: workspaceId }, query: { ...query, limit: pageSize } },
  };
  return usePagedList(
    $api.queryOptions("get", TASKS, init).queryKey,
    async (cursor, signal) =>
      unwrap(
        await api.GET(TASKS, {
          params: { ...init.params, query: { ...init.params.query, cursor } },
          signal,
        }),
      ),
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
export function writeTask(queryClient: QueryClient, workspaceId: string, task: Task) {
  const replace = (row: Task) => (row.id === task.id ? task : row);
  queryClient.setQueriesData<CachedPages<Task> | Page>(
    { queryKey: listsKey(workspaceId) },
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

async function snapshotTasks(queryClient: QueryClient, workspaceId: string) {
  await Promise.all([
    queryClient.cancelQueries({ queryKey: listsKey(workspaceId) }),
    queryClient.cancelQueries({ queryKey: tasksKey(workspaceId) }),
  ]);
  return [
    ...queryClient.getQueriesData({ queryKey: listsKey(workspaceId) }),
    ...queryClient.getQueriesData({ queryKey: tasksKey(workspaceId) }),
  ];
}

function restore(queryClient: QueryClient, snapshot: [readonly unknown[], unknown][] | undefined) {
  for (const [queryKey, data] of snapshot ?? []) queryClient.setQueryData(queryKey, data);
}

interface UpdateVariables {
  task: Task;
  changes: TaskUpdate;
}

/**
 * Change a task from the version the user saw (If-Match). Shown at once everywhere the task is
 * cached and rolled back if refused. A 412 loads the latest version and offers to apply the
 * same change on top of it: the user decides, nothing is overwritten silently.
 */
export function useUpdateTask(workspaceId: string) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: async ({ task, changes }: UpdateVariables) =>
      unwrap(
        await api.PATCH(TASK, {
          params: { path: taskPath(workspaceId, task.id), header: ifMatch(task) },
          body: changes,
        }),
      ),
    onMutate: async ({ task, changes }) => {
      const snapshot = await snapshotTasks(queryClient, workspaceId);
      writeTask(queryClient, workspaceId, applyChanges(task, changes));
      return { snapshot };
    },
    onError: async (error, { task, changes }, context) => {
      restore(queryClient, context?.snapshot);
      if (isApiError(error) && error.isStale) {
        const latest = await queryClient
          .fetchQuery({ ...taskOptions(workspaceId, task.id), staleTime: 0 })
          .catch(() => undefined);
        if (latest) writeTask(queryClient, workspaceId, latest);
        void queryClient.invalidateQueries({ queryKey: listsKey(workspaceId) });
        if (latest) staleNotice(latest.key, () => mutation.mutate({ task: latest, changes }));
      }
    },
    onSuccess: (saved) => {
      writeTask(queryClient, workspaceId, saved);
      void queryClient.invalidateQueries({ queryKey: activityKey(workspaceId, saved.id) });
      // Filters may no longer hold for the row: lists refetch when next shown.
      void queryClient.invalidateQueries({ queryKey: listsKey(workspaceId), refetchType: "none" });
    },
  });
  return mutation;
}

export function useCreateTask(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TaskCreate) =>
      unwrap(await api.POST(TASKS, { params: { path: { workspace_id: workspaceId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: listsKey(workspaceId) }),
  });
}

export function useDeleteTask(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ task, children }: { task: Task; children?: "delete" | "detach" }) => {
      await api.DELETE(TASK, {
        params: {
          path: taskPath(workspaceId, task.id),
          header: ifMatch(task),
          query: children ? { children } : {},
        },
      });
    },
    onSuccess: (_data, { task }) => {
      queryClient.removeQueries({ queryKey: taskOptions(workspaceId, task.id).queryKey });
      queryClient.removeQueries({ queryKey: taskOptions(workspaceId, task.key).queryKey });
      return queryClient.invalidateQueries({ queryKey: listsKey(workspaceId) });
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
      return queryClient.invalidateQueries({ queryKey: listsKey(workspaceId) });
    },
  });
}

// Activity, comments, watchers

function activityKey(workspaceId: string, taskId: string) {
  return $api.queryOptions("get", ACTIVITY, { params: { path: taskPath(workspaceId, taskId) } })
    .queryKey;
}

export function useTaskActivity(workspaceId: string, taskId: string) {
  const init = { params: { path: taskPath(workspaceId, taskId), query: { limit: 50 } } };
  return usePagedList($api.queryOptions("get", ACTIVITY, init).queryKey, async (cursor, signal) =>
    unwrap(
      await api.GET(ACTIVITY, {
        params: { ...init.params, query: { ...init.params.query, cursor } },
        signal,
      }),
    ),
  );
}

function commentsKey(workspaceId: string, taskId: string) {
  return $api.queryOptions("get", COMMENTS, { params: { path: taskPath(workspaceId, taskId) } })
    .queryKey;
}

export function useComments(workspaceId: string, taskId: string) {
  const init = { params: { path: taskPath(workspaceId, taskId), query: { limit: 100 } } };
  return usePagedList($api.queryOptions("get", COMMENTS, init).queryKey, async (cursor, signal) =>
    unwrap(
      await api.GET(COMMENTS, {
        params: { ...init.params, query: { ...init.params.query, cursor } },
        signal,
      }),
    ),
  );
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

export function useEditComment(workspaceId: string, taskId: string) {
  const invalidate = useInvalidateConversation(workspaceId, taskId);
  return useMutation({
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
    onSettled: invalidate,
  });
}

export function useDeleteComment(workspaceId: string, taskId: string) {
  const invalidate = useInvalidateConversation(workspaceId, taskId);
  return useMutation({
    mutationFn: async (comment: Comment) => {
      await api.DELETE(COMMENT, {
        params: {
          path: { ...taskPath(workspaceId, taskId), comment_id: comment.id },
          header: ifMatch(comment),
        },
      });
    },
    onSettled: invalidate,
  });
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
