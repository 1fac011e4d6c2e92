// Writes `name.br` and `name.gz` beside each text file of the build (JS, CSS, HTML, SVG, JSON),
// so the server sends them compressed without compressing per request (app/kit/static.py picks
// one by Accept-Encoding). A variant that would not be smaller is not written. Fonts (woff2) are
// compressed already.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dist = process.argv[2] ?? "dist";
const compressible = /\.(js|mjs|css|html|svg|json|txt|map)$/;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (compressible.test(entry.name)) yield path;
  }
}

let raw = 0;
let brotli = 0;
let count = 0;
for (const path of files(dist)) {
  const content = readFileSync(path);
  const variants = [
    [".br", brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })],
    [".gz", gzipSync(content, { level: 9 })],
  ];
  for (const [suffix, compressed] of variants) {
    if (compressed.length < content.length) writeFileSync(path + suffix, compressed);
  }
  raw += content.length;
  brotli += statSync(`${path}.br`, { throwIfNoEntry: false })?.size ?? content.length;
  count += 1;
}
console.log(
  `compressed ${count} files: ${(raw / 1000).toFixed(0)} kB, ${(brotli / 1000).toFixed(0)} kB as brotli`,
);
