import { test as base, expect, type Page } from "@playwright/test";

const SCREENSHOTS = "test-results/screenshots";

/** Every test fails on a browser console error, an uncaught page error, or anything the
 * server's Content-Security-Policy blocked (each reported by the page as it happens). */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(`console: ${message.text()}`);
      });
      page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
      await page.exposeFunction("reportPolicyViolation", (violation: string) => {
        errors.push(`content security policy: ${violation}`);
      });
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (event) => {
          const where = `${event.sourceFile}:${event.lineNumber}`;
          // Declared by exposeFunction above, in every page of this test.
          const report = (window as unknown as { reportPolicyViolation: (v: string) => void })
            .reportPolicyViolation;
          report(`${event.effectiveDirective} refused ${event.blockedURI || "inline"} at ${where}`);
        });
      });
      await use(errors);
      expect(errors, "browser console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** A full-page picture of a main screen, once transitions have settled. */
export async function screenshot(page: Page, name: string) {
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(250);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}
