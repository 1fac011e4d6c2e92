import { vi } from "vitest";

type Handler = (request: Request) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

export function problem(
  status: number,
  fields: { code: string; detail: string; errors?: { pointer: string; detail: string }[] },
): Response {
  return new Response(
    JSON.stringify({
      type: `https://worklane.dev/problems/${fields.code}`,
      title: "Error",
      status,
      ...fields,
    }),
    { status, headers: { "Content-Type": "application/problem+json" } },
  );
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/**
 * A fake API behind `fetch`: handlers keyed by "METHOD /path" (no query string). A key with a
 * list of handlers answers them in turn. Unknown routes fail the test loudly.
 */
export function mockApi(routes: Record<string, Handler | Handler[]>) {
  const requests: Request[] = [];
  const calls = new Map<string, number>();
  const fetch = vi.fn(async (input: Request) => {
    const request = input.clone();
    requests.push(request);
    const key = `${request.method} ${new URL(request.url).pathname}`;
    const route = routes[key];
    if (!route) throw new Error(`Unexpected request: ${key}`);
    const count = calls.get(key) ?? 0;
    calls.set(key, count + 1);
    const handler = Array.isArray(route) ? route[Math.min(count, route.length - 1)] : route;
    if (!handler) throw new Error(`No handler for call ${count + 1} of ${key}`);
    return handler(request);
  });
  vi.stubGlobal("fetch", fetch);
  return {
    requests,
    /** Requests to one route, e.g. `sent("PATCH /api/v1/workspaces/w1")`. */
    sent: (key: string) =>
      requests.filter((request) => `${request.method} ${new URL(request.url).pathname}` === key),
  };
}

/** A 412: the row changed on the server since the version the request was based on. */
export function staleVersion(detail = "The resource was changed by someone else."): Response {
  return problem(412, { code: "stale_version", detail });
}

/** A 422 that puts `detail` on the field at `pointer` (such as "/email"). */
export function invalidField(pointer: string, detail: string, summary = "Invalid input"): Response {
  return problem(422, { code: "validation_error", detail: summary, errors: [{ pointer, detail }] });
}

/** A paged list's answer when everything fits on one page. */
export function onePage(items: unknown[]): Response {
  return json({ items, next_cursor: null });
}
