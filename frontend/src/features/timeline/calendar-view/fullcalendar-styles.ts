/**
 * FullCalendar 6 injects its stylesheet at run time, rule by rule, into the document's
 * `<style data-fullcalendar>` (making one when there is none). One rule is an icon font inlined
 * as a `data:` URL, which the Content-Security-Policy (`font-src 'self'`) refuses the moment the
 * rule is inserted. Made here first, the style element leaves `@font-face` rules out; the one
 * icon the calendar shows, the close button of "+n more", is a plain character instead
 * (calendar-view.module.css). FullCalendar looks for the element as its core module loads:
 * this module is imported before it, and prepares the element as it loads itself.
 */
export function prepareCalendarStyles(doc: Document = document): void {
  if (doc.head.querySelector("style[data-fullcalendar]")) return;
  const element = doc.createElement("style");
  element.setAttribute("data-fullcalendar", "");
  doc.head.prepend(element);
  // The browser may replace the element's sheet object, so what FullCalendar reads as
  // `element.sheet` is a stand-in that always writes to the current one.
  const current = () =>
    Object.getOwnPropertyDescriptor(HTMLStyleElement.prototype, "sheet")?.get?.call(
      element,
    ) as CSSStyleSheet | null;
  const filtered = {
    get cssRules() {
      return current()?.cssRules ?? ([] as unknown as CSSRuleList);
    },
    // FullCalendar inserts at "rules so far + i": with a rule left out, that can be past the end.
    insertRule(rule: string, index?: number) {
      const sheet = current();
      if (!sheet) return 0;
      const at = Math.min(index ?? 0, sheet.cssRules.length);
      return rule.trimStart().startsWith("@font-face") ? at : sheet.insertRule(rule, at);
    },
  };
  Object.defineProperty(element, "sheet", { get: () => (current() ? filtered : null) });
}

if (typeof document !== "undefined") prepareCalendarStyles();
