import createFetchClient, { type Middleware } from "openapi-fetch";
import createQueryClient from "openapi-react-query";
import { CSRF_HEADER, readCsrfToken } from "./csrf";
import { ApiError } from "./errors";
import type { paths } from "./schema";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Cookie sessions need the CSRF token echoed in a header on every change. */
export const csrfMiddleware: Middleware = {
  onRequest({ request }) {
    if (!UNSAFE_METHODS.has(request.method)) return undefined;
    const token = readCsrfToken();
    if (token) request.headers.set(CSRF_HEADER, token);
    return request;
  },
};

/** Every failed call rejects with an ApiError, so callers never branch on `{ error }`. */
export const problemMiddleware: Middleware = {
  async onResponse({ response }) {
    if (!response.ok) throw await ApiError.fromResponse(response);
    return undefined;
  },
  onError({ error }) {
    if (error instanceof ApiError) return error;
    if (error instanceof DOMException && error.name === "AbortError") return error;
    return ApiError.network();
  },
};

export const api = createFetchClient<paths>({
  // An absolute base keeps Request() happy outside browsers (tests); same origin either way.
  baseUrl: globalThis.location?.origin ?? "",
  credentials: "include",
  // Resolved per call, not captured at start-up, so tests can stub `fetch`.
  fetch: (request) => globalThis.fetch(request),
});
api.use(csrfMiddleware, problemMiddleware);

/** TanStack Query bindings: query keys are `[method, path, init]`, derived from the operation. */
export const $api = createQueryClient(api);

/** The data of a call that resolved (failures already threw in `problemMiddleware`). */
export function unwrap<T>(result: { data?: T }): T {
  if (result.data === undefined) throw new ApiError(500, { detail: "Empty response." });
  return result.data;
}

/** The If-Match value for a row we hold: the API's ETag is the quoted version. */
export function ifMatch(row: { version: number }): { "If-Match": string } {
  return { "If-Match": `"${row.version}"` };
}
