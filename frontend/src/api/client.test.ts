import { describe, expect, it, vi } from "vitest";
import { invalidField, json, mockApi, noContent, onePage, staleVersion } from "@/testing/api";
import { api } from "./client";
import { ApiError } from "./errors";

const WORKSPACE = "/api/v1/workspaces/0190c0de-0000-7000-8000-000000000001";
const workspace = {
  id: "w1",
  name: "Acme",
  timezone: "UTC",
  week_start: 1,
  version: 3,
  role: "owner",
};

describe("api client", () => {
  it("echoes the wl_csrf cookie in X-CSRF-Token on changes, with cookies included", async () => {
    document.cookie = "wl_csrf=token-123; path=/";
    const server = mockApi({
      "PATCH /api/v1/workspaces/0190c0de-0000-7000-8000-000000000001": () => json(workspace),
      "DELETE /api/v1/workspaces/0190c0de-0000-7000-8000-000000000001": () => noContent(),
      "POST /api/v1/auth/logout": () => noContent(),
    });
    const path = { workspace_id: "0190c0de-0000-7000-8000-000000000001" };

    await api.PATCH("/api/v1/workspaces/{workspace_id}", {
      params: { path, header: { "If-Match": '"3"' } },
      body: { name: "Acme" },
    });
    await api.DELETE("/api/v1/workspaces/{workspace_id}", { params: { path } });
    await api.POST("/api/v1/auth/logout");

    for (const request of server.requests) {
      expect(request.headers.get("X-CSRF-Token")).toBe("token-123");
      expect(request.credentials).toBe("include");
    }
    expect(server.sent(`PATCH ${WORKSPACE}`)[0]?.headers.get("If-Match")).toBe('"3"');
  });

  it("sends no CSRF header on reads", async () => {
    document.cookie = "wl_csrf=token-123; path=/";
    const server = mockApi({
      "GET /api/v1/workspaces": () => onePage([]),
    });
    await api.GET("/api/v1/workspaces");
    expect(server.requests[0]?.headers.has("X-CSRF-Token")).toBe(false);
  });

  it("turns problem+json into an ApiError with status, code, detail and field errors", async () => {
    mockApi({
      "POST /api/v1/auth/signup": () => invalidField("/email", "not a valid email address"),
    });
    const call = api.POST("/api/v1/auth/signup", {
      body: { email: "nope", password: "longenough", name: "Ada" },
    });
    const error = await call.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422,
      code: "validation_error",
      detail: "Invalid input",
      errors: [{ pointer: "/email", detail: "not a valid email address" }],
    });
    expect((error as ApiError).fieldErrors().get("email")).toBe("not a valid email address");
  });

  it("marks 412 as stale", async () => {
    mockApi({
      [`PATCH ${WORKSPACE}`]: () => staleVersion(),
    });
    const error = await api
      .PATCH("/api/v1/workspaces/{workspace_id}", {
        params: { path: { workspace_id: "0190c0de-0000-7000-8000-000000000001" } },
        body: { name: "x" },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).isStale).toBe(true);
  });

  it("gives errors without a problem body a readable detail", async () => {
    mockApi({ "GET /api/v1/me": () => new Response("Bad gateway", { status: 502 }) });
    const error = await api.GET("/api/v1/me").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 502, code: "http_502" });
    expect((error as ApiError).detail).toMatch(/something went wrong/i);
  });

  it("turns a network failure into an ApiError with status 0", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("Failed to fetch");
      }),
    );
    const error = await api.GET("/api/v1/me").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 0, code: "network_error" });
  });
});
