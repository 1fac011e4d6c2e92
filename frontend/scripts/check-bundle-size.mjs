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

const sizes = (file) => {
  const content = readFileSync(join(dist, file));
  return [content.length / 1000, gzipSync(content).length / 1000];
};

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

const show = (rows) => {
  for (const [file, raw, gzip] of rows.sort((a, b) => b[2] - a[2])) {
    console.log(`  ${raw.toFixed(1).padStart(7)} kB ${gzip.toFixed(1).padStart(7)} kB  ${file}`);
  }
};
const rows = [...landing].map((file) => [file, ...sizes(file)]);
const raw = rows.reduce((sum, [, size]) => sum + size, 0);
const total = rows.reduce((sum, [, , size]) => sum + size, 0);
console.log("landing route (entry, its static imports and their CSS): raw, gzipped");
show(rows);
console.log("lazy chunks (loaded by the screens that need them): raw, gzipped");
show(
  Object.values(manifest)
    .filter((chunk) => chunk.file.endsWith(".js") && !landing.has(chunk.file))
    .map((chunk) => [chunk.file, ...sizes(chunk.file)]),
);

const verdict = `landing route ${raw.toFixed(0)} kB, ${total.toFixed(1)} kB gzipped, budget ${BUDGET_KB} kB`;
if (total > BUDGET_KB) {
  console.error(`${verdict}: over by ${(total - BUDGET_KB).toFixed(1)} kB.`);
  process.exit(1);
}
console.log(`${verdict}: ${(BUDGET_KB - total).toFixed(1)} kB to spare.`);
