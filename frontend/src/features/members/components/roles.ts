import type { Role } from "../api";

export const ROLES: { value: Role; label: string; description: string }[] = [
  { value: "owner", label: "Owner", description: "Everything, including deleting the workspace" },
  { value: "admin", label: "Admin", description: "Manage settings, members, teams and tokens" },
  { value: "member", label: "Member", description: "Plan and do the work" },
  { value: "viewer", label: "Viewer", description: "Read only" },
];

export function roleLabel(role: Role): string {
  return ROLES.find((option) => option.value === role)?.label ?? role;
}
