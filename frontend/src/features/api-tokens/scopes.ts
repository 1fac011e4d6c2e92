/**
 * The scopes a token can carry. The API validates them (app/core/access.py SCOPES) but does not
 * publish them in the OpenAPI schema yet, so the labels live here until it does.
 */
export const SCOPES: { value: string; label: string; group: string }[] = [
  {
    value: "workspace:read",
    label: "Read the workspace, its members and teams",
    group: "Workspace",
  },
  {
    value: "admin",
    label: "Administer settings, members, teams and API tokens",
    group: "Workspace",
  },
  { value: "projects:read", label: "Read projects", group: "Projects" },
  { value: "projects:write", label: "Create and change projects", group: "Projects" },
  { value: "tasks:read", label: "Read tasks, dependencies and schedules", group: "Tasks" },
  { value: "tasks:write", label: "Create and change tasks and dependencies", group: "Tasks" },
  { value: "time:read", label: "Read time entries and reports", group: "Time" },
  { value: "time:write", label: "Log and change time entries", group: "Time" },
  {
    value: "resources:read",
    label: "Read resources, allocations and workload",
    group: "Resources",
  },
  { value: "resources:write", label: "Change resources and allocations", group: "Resources" },
];
