// Fails when the landing route's JS and CSS, gzipped, exceed the budget (docs/performance.md).
// The landing route is what a first visit to `/` must fetch before anything shows: the build's
// entry, every chunk it imports statically (transitively) and their CSS, read from the Vite
// manifest. Lazy chunks (each screen's own code) are listed for information only.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 250;
const dist = process.argv[2] ?? "dist";
const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8"));

const gzipped = (file) => gzipSync(readFileSync(join(dist, file))).length / 1000;

const landing = new Set();
const pending = Object.keys(manifest).filter((key) => manifest[key].isEntry);
const seen = new Set(pending);
while (pending.length > 0) {
  const chunk = manifest[pending.pop()];
  landing.add(chunk.file);
  for (const css of chunk.css ?? []) landing.add(css);
  for (const key of chunk.imports ?? []) {
    if (!seen.has(key)) {
      seen.add(key);
      pending.push(key);
    }
  }
}

const rows = [...landing].map((file) => [file, gzipped(file)]).sort((a, b) => b[1] - a[1]);
const total = rows.reduce((sum, [, size]) => sum + size, 0);
console.log("landing route (entry, its static imports and their CSS), gzipped:");
for (const [file, size] of rows) console.log(`  ${size.toFixed(1).padStart(7)} kB  ${file}`);
const lazy = Object.values(manifest)
  .filter((chunk) => chunk.file.endsWith(".js") && !landing.has(chunk.file))
  .map((chunk) => [chunk.file, gzipped(chunk.file)])
  .sort((a, b) => b[1] - a[1]);
console.log("lazy chunks, gzipped (loaded by the screens that need them):");
for (const [file, size] of lazy) console.log(`  ${size.toFixed(1).padStart(7)} kB  ${file}`);

const verdict = `landing route ${total.toFixed(1)} kB gzipped, budget ${BUDGET_KB} kB`;
if (total > BUDGET_KB) {
  console.error(`${verdict}: over by ${(total - BUDGET_KB).toFixed(1)} kB.`);
  process.exit(1);
}
console.log(`${verdict}: ${(BUDGET_KB - total).toFixed(1)} kB to spare.`);
