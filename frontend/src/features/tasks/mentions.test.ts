import { describe, expect, it } from "vitest";
import { makeMember } from "@/testing/members";
import { activeMention, matchMembers, toEditable, toWire } from "./mentions";

const member = (id: string, name: string) => makeMember(id, name);

const ada = member("0190c0de-0000-7000-8000-0000000000aa", "Ada Lovelace");
const al = member("0190c0de-0000-7000-8000-0000000000ab", "Ada");

describe("mentions", () => {
  it("sends @Full Name as <@member-id>, longest name first", () => {
    expect(toWire("ping @Ada Lovelace and @Ada.", [al, ada])).toBe(
      `ping <@${ada.id}> and <@${al.id}>.`,
    );
    expect(toWire("mail ada@Ada Lovelace.com", [ada])).toBe("mail ada@Ada Lovelace.com");
  });

  it("edits <@member-id> as @Full Name", () => {
    expect(toEditable(`hi <@${ada.id}>`, new Map([[ada.id, ada]]))).toBe("hi @Ada Lovelace");
  });

  it("finds the @query before the caret", () => {
    expect(activeMention("hello @Ad", 9)).toEqual({ start: 6, query: "Ad" });
    expect(activeMention("hello @Ada Lo", 13)).toEqual({ start: 6, query: "Ada Lo" });
    expect(activeMention("mail a@b", 8)).toBeNull();
    expect(matchMembers([ada, al], "love").map((each) => each.name)).toEqual(["Ada Lovelace"]);
  });
});
