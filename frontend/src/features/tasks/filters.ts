import { useUrlFilters } from "@/hooks/use-search-param";
import type { Priority, TaskListQuery } from "./api";

/** The list's filters and sort, kept in the URL so a filtered view can be shared or reloaded. */
export interface TaskFilters {
  status: string | null;
  assignee: string | null;
  label: string | null;
  priority: Priority[];
  dueFrom: string | null;
  dueTo: string | null;
  q: string;
  sort: string;
}

export const DEFAULT_SORT = "position";

export const SORTABLE = {
  number: "Key",
  title: "Title",
  priority: "Priority",
  due_date: "Due",
  updated_at: "Updated",
  created_at: "Created",
  position: "Manual",
} as const;

export type SortField = keyof typeof SORTABLE;

export function parseSort(sort: string): { field: SortField; descending: boolean } {
  const descending = sort.startsWith("-");
  const field = (descending ? sort.slice(1) : sort) as SortField;
  return field in SORTABLE ? { field, descending } : { field: "position", descending: false };
}

/** Clicking a column: sort by it ascending, then descending, then back to the manual order. */
export function nextSort(current: string, field: SortField): string {
  const { field: now, descending } = parseSort(current);
  if (now !== field) return field;
  if (!descending) return `-${field}`;
  return DEFAULT_SORT;
}

/** The list's sort, with the task number breaking ties (the API takes each field once). */
export function sortWithTiebreak(sort: string): string {
  return parseSort(sort).field === "number" ? sort : `${sort},number`;
}

export function toQuery(projectId: string, filters: TaskFilters): TaskListQuery {
  const query: TaskListQuery = { project_id: projectId, sort: sortWithTiebreak(filters.sort) };
  if (filters.status) query.status_id = filters.status;
  if (filters.assignee) query.assignee = filters.assignee;
  if (filters.label) query.label_id = filters.label;
  if (filters.priority.length) query.priority = filters.priority;
  if (filters.dueFrom) query.due_after = filters.dueFrom;
  if (filters.dueTo) query.due_before = filters.dueTo;
  if (filters.q.trim()) query.q = filters.q.trim();
  return query;
}

export function activeFilterCount(filters: TaskFilters): number {
  return [
    filters.status,
    filters.assignee,
    filters.label,
    filters.priority.length ? "p" : null,
    filters.dueFrom || filters.dueTo ? "d" : null,
    filters.q.trim() || null,
  ].filter(Boolean).length;
}

function readTaskFilters(params: URLSearchParams): TaskFilters {
  return {
    status: params.get("status"),
    assignee: params.get("assignee"),
    label: params.get("label"),
    priority: (params.get("priority")?.split(",").filter(Boolean) ?? []) as Priority[],
    dueFrom: params.get("due_from"),
    dueTo: params.get("due_to"),
    q: params.get("q") ?? "",
    sort: params.get("sort") ?? DEFAULT_SORT,
  };
}

const TASK_PARAMS = {
  names: { dueFrom: "due_from", dueTo: "due_to" },
  defaults: { sort: DEFAULT_SORT },
};

export function useTaskFilters(): [TaskFilters, (changes: Partial<TaskFilters>) => void] {
  return useUrlFilters(readTaskFilters, TASK_PARAMS);
}
