import { describe, expect, it } from "vitest";
import type { Team } from "./api";
import { buildTeamTree, subtreeIds, teamPath } from "./tree";

function team(id: string, name: string, parent_id: string | null = null): Team {
  return {
    id,
    name,
    parent_id,
    lead_member_id: null,
    member_ids: [],
    version: 1,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
  };
}

const teams = [
  team("eng", "Engineering"),
  team("plat", "Platform", "eng"),
  team("sre", "SRE", "plat"),
  team("ops", "Operations"),
  team("apps", "Apps", "eng"),
];

describe("team tree", () => {
  it("nests teams under their parents, siblings by name", () => {
    const tree = buildTeamTree(teams);
    expect(tree.map((node) => node.team.name)).toEqual(["Engineering", "Operations"]);
    expect(tree[0]?.children.map((node) => node.team.name)).toEqual(["Apps", "Platform"]);
    expect(tree[0]?.children[1]?.children[0]).toMatchObject({ depth: 2, team: { name: "SRE" } });
  });

  it("treats a team whose parent is missing as a root", () => {
    expect(buildTeamTree([team("x", "Orphan", "gone")]).map((node) => node.team.id)).toEqual(["x"]);
  });

  it("excludes a team and its descendants as possible parents", () => {
    expect([...subtreeIds(teams, "eng")].sort()).toEqual(["apps", "eng", "plat", "sre"]);
  });

  it("names a team by its path", () => {
    expect(teamPath(teams, teams[2] as Team)).toBe("Engineering / Platform / SRE");
  });
});
