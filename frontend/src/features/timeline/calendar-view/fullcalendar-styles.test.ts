import { afterEach, describe, expect, it } from "vitest";
import { prepareCalendarStyles } from "./fullcalendar-styles";

afterEach(() => {
  for (const element of document.head.querySelectorAll("style[data-fullcalendar]")) {
    element.remove();
  }
});

describe("FullCalendar's injected styles", () => {
  it("keep every rule but the inlined icon font, in order", () => {
    prepareCalendarStyles();
    const element = document.head.querySelector<HTMLStyleElement>("style[data-fullcalendar]");
    const sheet = element?.sheet;
    if (!sheet) throw new Error("no style element");
    // As FullCalendar appends: each rule at "rules so far + its index".
    const rules = [
      ".fc { display: flex; }",
      "@font-face { font-family: fcicons; src: url('data:application/x-font-ttf;base64,AA'); }",
      ".fc-icon { font-family: fcicons; }",
    ];
    for (const [i, rule] of rules.entries()) sheet.insertRule(rule, i);
    expect([...sheet.cssRules].map((rule) => rule.cssText.split(" ")[0])).toEqual([
      ".fc",
      ".fc-icon",
    ]);
  });

  it("makes the style element once", () => {
    prepareCalendarStyles();
    prepareCalendarStyles();
    expect(document.head.querySelectorAll("style[data-fullcalendar]")).toHaveLength(1);
  });
});
