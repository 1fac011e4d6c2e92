import type { components } from "./schema";

export type ProblemDetail = components["schemas"]["ProblemDetail"];
export type FieldError = components["schemas"]["FieldError"];

const PROBLEM_MEDIA_TYPES = ["application/problem+json", "application/json"];

/** An API call that failed: the server's problem+json, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  /** The whole problem body: some carry more than the schema names (`open_tasks`, `subtask_count`). */
  readonly body: Readonly<Record<string, unknown>>;

  constructor(status: number, problem: Partial<ProblemDetail> & Record<string, unknown>) {
    const detail = problem.detail ?? problem.title ?? `Request failed (${status})`;
    super(detail);
    this.name = "ApiError";
    this.status = status;
    this.code = problem.code ?? (status === 0 ? "network_error" : `http_${status}`);
    this.title = problem.title ?? "Request failed";
    this.detail = detail;
    this.errors = problem.errors ?? [];
    this.body = problem;
  }

  /** A number the problem carries beside the standard fields, e.g. `open_tasks`. */
  count(field: string): number | undefined {
    const value = this.body[field];
    return typeof value === "number" ? value : undefined;
  }

  static async fromResponse(response: Response): Promise<ApiError> {
    const type = response.headers.get("Content-Type") ?? "";
    if (PROBLEM_MEDIA_TYPES.some((media) => type.includes(media))) {
      try {
        const body: unknown = await response.clone().json();
        if (body && typeof body === "object") {
          return new ApiError(response.status, body as Partial<ProblemDetail>);
        }
      } catch {
        // A body that is not JSON after all: fall through to the generic error.
      }
    }
    return new ApiError(response.status, { detail: genericDetail(response.status) });
  }

  static network(): ApiError {
    return new ApiError(0, {
      title: "Network error",
      detail: "Can't reach Worklane. Check your connection and try again.",
    });
  }

  /** 412: someone else changed the resource since we read it. */
  get isStale(): boolean {
    return this.status === 412;
  }

  /** Field errors keyed by the first segment of their JSON pointer (`/email` → `email`). */
  fieldErrors(): Map<string, string> {
    const byField = new Map<string, string>();
    for (const error of this.errors) {
      const field = error.pointer.replace(/^\//, "").split("/")[0] ?? "";
      if (field && !byField.has(field)) byField.set(field, error.detail);
    }
    return byField;
  }
}

function genericDetail(status: number): string {
  if (status >= 500) return "Something went wrong on our side. Try again in a moment.";
  if (status === 404) return "Not found.";
  return `Request failed (${status}).`;
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** A 412: someone else changed the resource since we read it. */
export function isStale(error: unknown): boolean {
  return isApiError(error) && error.isStale;
}

/** Whatever was thrown, as an ApiError to show (unknown failures keep their message). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof Error) return new ApiError(0, { title: "Error", detail: error.message });
  return new ApiError(0, { title: "Error", detail: "Something went wrong." });
}
