import type { Team } from "./api";

export interface TeamNode {
  team: Team;
  depth: number;
  children: TeamNode[];
}

/** Teams as a forest, siblings by name; a team whose parent is unknown becomes a root. */
export function buildTeamTree(teams: Team[]): TeamNode[] {
  const ids = new Set(teams.map((team) => team.id));
  const byParent = new Map<string | null, Team[]>();
  for (const team of teams) {
    const parent = team.parent_id && ids.has(team.parent_id) ? team.parent_id : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), team]);
  }
  const grow = (parent: string | null, depth: number, seen: Set<string>): TeamNode[] =>
    (byParent.get(parent) ?? [])
      .filter((team) => !seen.has(team.id))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((team) => ({
        team,
        depth,
        children: grow(team.id, depth + 1, new Set([...seen, team.id])),
      }));
  return grow(null, 0, new Set());
}

/** A team and everything below it: none of them can become its parent. */
export function subtreeIds(teams: Team[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const team of teams) {
      if (team.parent_id && ids.has(team.parent_id) && !ids.has(team.id)) {
        ids.add(team.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** "Engineering / Platform / SRE", for pickers. */
export function teamPath(teams: Team[], team: Team): string {
  const byId = new Map(teams.map((each) => [each.id, each]));
  const names = [team.name];
  let parent = team.parent_id ? byId.get(team.parent_id) : undefined;
  const seen = new Set([team.id]);
  while (parent && !seen.has(parent.id)) {
    names.unshift(parent.name);
    seen.add(parent.id);
    parent = parent.parent_id ? byId.get(parent.parent_id) : undefined;
  }
  return names.join(" / ");
}
