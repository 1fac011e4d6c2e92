import { expect, test } from "./fixtures";

test("the API docs render without internet, under the server's security policy", async ({
  page,
}) => {
  const outside: string[] = [];
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    outside.push(url.href);
    return route.abort("internetdisconnected");
  });

  await page.goto("/api/docs");

  // Swagger UI reads and resolves the whole document (about 750 kB) before it shows anything.
  const operations = page.locator(".opblock-summary");
  await expect(operations.first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("heading", { name: /Worklane API/ })).toBeVisible();
  expect(await operations.count()).toBeGreaterThan(50);
  await expect(page.getByText("Whether sign-up is open, for the sign-in page.")).toBeVisible();
  expect(outside, "requests that left this server").toEqual([]);
});

test("a script the security policy blocks fails the test", async ({ page }) => {
  test.fail(true, "the consoleErrors fixture reports the refused inline script");
  await page.goto("/api/docs");

  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        document.addEventListener("securitypolicyviolation", () => setTimeout(resolve, 100));
        const script = document.createElement("script");
        script.textContent = "document.title = 'injected'";
        document.body.append(script);
      }),
  );
});
