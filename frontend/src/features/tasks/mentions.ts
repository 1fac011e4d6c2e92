import type { Member } from "@/api/directory";

/**
 * Comments travel with mentions as `<@member-id>`; people read and type them as `@Full Name`.
 * These convert between the two around the composer.
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `@Ada Lovelace` → `<@id>` for every member named so (longest names first). */
export function toWire(text: string, members: Member[]): string {
  const byLength = [...members].sort((a, b) => b.name.length - a.name.length);
  let wire = text;
  for (const member of byLength) {
    const pattern = new RegExp(`(^|[^\\w<])@${escapeRegExp(member.name)}(?![\\w])`, "g");
    wire = wire.replace(pattern, (_match, lead: string) => `${lead}<@${member.id}>`);
  }
  return wire;
}

/** `<@id>` → `@Ada Lovelace`, to edit a comment as it reads. */
export function toEditable(body: string, members: Map<string, Member>): string {
  return body.replace(/<@([0-9a-fA-F-]{36})>/g, (whole, id: string) => {
    const member = members.get(id);
    return member ? `@${member.name}` : whole;
  });
}

/** The `@query` being typed just before the caret, if any: where it starts and what it says. */
export function activeMention(
  text: string,
  caret: number,
): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@<>]*(?: [^\s@<>]*)?)$/.exec(before);
  if (!match) return null;
  const query = match[2] ?? "";
  if (query.endsWith(" ") && query.trim().includes(" ")) return null;
  return { start: before.length - query.length - 1, query };
}

export function matchMembers(members: Member[], query: string, limit = 6): Member[] {
  const words = query.trim().toLowerCase();
  return members
    .filter(
      (member) =>
        !words ||
        member.name
          .toLowerCase()
          .split(/\s+/)
          .some((part) => part.startsWith(words)) ||
        member.name.toLowerCase().startsWith(words) ||
        member.email.toLowerCase().startsWith(words),
    )
    .slice(0, limit);
}
