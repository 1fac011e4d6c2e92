import type { Member } from "@/api/directory";

/** A member as the API returns it: `name`, an email from their first name, a plain member. */
export function makeMember(id: string, name: string, changes: Partial<Member> = {}): Member {
  return {
    id,
    user_id: `u-${id}`,
    name,
    email: `${name.split(" ")[0]?.toLowerCase()}@example.com`,
    role: "member",
    weekly_capacity_hours: 40,
    cost_rate: null,
    team_ids: [],
    version: 1,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...changes,
  };
}
