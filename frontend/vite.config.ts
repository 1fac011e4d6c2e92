import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const apiTarget = process.env.WORKLANE_API_URL ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  server: {
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    // Vendor code changes less often than ours: keep it in its own long-cached chunks.
    rollupOptions: {
      output: {
        manualChunks(id) {
          // Charts (and recharts under them) stay with the one lazy screen that draws them.
          if (id.includes("node_modules/@mantine/charts")) return undefined;
          if (id.includes("node_modules/@mantine") || id.includes("node_modules/@floating-ui")) {
            return "mantine";
          }
          if (id.includes("node_modules/@tabler")) return "icons";
          // Only what every screen needs; other libraries go with the screens that import them.
          if (
            /node_modules\/(react|react-dom|scheduler|react-router|@tanstack\/(query-core|react-query))\//.test(
              id,
            )
          ) {
            return "vendor";
          }
          return undefined;
        },
      },
    },
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/testing/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
    restoreMocks: true,
    testTimeout: 15_000,
  },
});
