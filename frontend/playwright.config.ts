import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";

// A real server on a fresh database for every run. The config is evaluated again in each worker:
// the environment carries the first directory along so they all agree.
process.env.WL_E2E_DIR ??= mkdtempSync(join(tmpdir(), "worklane-e2e-"));
const port = Number(process.env.WL_E2E_PORT ?? 8765);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/artifacts",
  // Each spec is a whole user journey; a busy two-core machine can take minutes over one.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    locale: "en-US",
    timezoneId: "Europe/Berlin",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // The system Chromium: no browser download, ever.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    // `serve` migrates the empty database first, then serves the API and frontend/dist.
    command: `uv run worklane serve --port ${port}`,
    cwd: "..",
    url: `${baseURL}/healthz`,
    env: {
      WORKLANE_LOG_LEVEL: "WARNING",
      // Every spec signs people up from 127.0.0.1, more than the hourly limit per address allows.
      WORKLANE_SIGNUPS_PER_ADDRESS_PER_HOUR: "0",
      WORKLANE_DATABASE_URL: `sqlite+aiosqlite:///${join(process.env.WL_E2E_DIR, "e2e.db")}`,
    },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
