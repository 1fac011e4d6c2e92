import type { components } from "@/api/schema";

type Workspace = components["schemas"]["Workspace"];

export const WORKSPACE_ID = "0190c0de-0000-7000-8000-000000000001";

/** A workspace as the API returns it: "Acme", owned by the caller, changed by `changes`. */
export function makeWorkspace(changes: Partial<Workspace> = {}): Workspace {
  return {
    id: WORKSPACE_ID,
    name: "Acme",
    timezone: "UTC",
    week_start: 1,
    timer_rounding_minutes: 1,
    max_token_lifetime_days: null,
    version: 1,
    role: "owner",
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...changes,
  };
}
