import { rmSync } from "node:fs";

export default function globalTeardown() {
  const dir = process.env.WL_E2E_DIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
