import type { components } from "@/api/schema";

/** A scope a token can carry: the union comes from the API's schema. */
export type Scope = components["schemas"]["ApiTokenCreate"]["scopes"][number];

/**
 * The schema gives the names, not their meaning or a list to loop over at run time: the labels
 * live here, and `Record<Scope, ...>` fails the build when the API adds or drops a scope.
 */
const SCOPE_LABELS: Record<Scope, { label: string; group: string }> = {
  "workspace:read": { label: "Read the workspace, its members and teams", group: "Workspace" },
  admin: { label: "Administer settings, members, teams and API tokens", group: "Workspace" },
  "projects:read": { label: "Read projects", group: "Projects" },
  "projects:write": { label: "Create and change projects", group: "Projects" },
  "tasks:read": { label: "Read tasks, dependencies and schedules", group: "Tasks" },
  "tasks:write": { label: "Create and change tasks and dependencies", group: "Tasks" },
  "time:read": { label: "Read time entries and reports", group: "Time" },
  "time:write": { label: "Log and change time entries", group: "Time" },
  "resources:read": { label: "Read resources, allocations and workload", group: "Resources" },
  "resources:write": { label: "Change resources and allocations", group: "Resources" },
};

export const SCOPES: { value: Scope; label: string; group: string }[] = (
  Object.keys(SCOPE_LABELS) as Scope[]
).map((value) => ({ value, ...SCOPE_LABELS[value] }));
