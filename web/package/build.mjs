// Assembles the npm package in web/package/dist/ from its sources and the
// WebAssembly build and the page bundle in web/dist/. Run by scripts/build; `npm pack` in web/package
// then produces the tarball.
import { cpSync, mkdirSync, rmSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const webDist = path.join(here, '..', 'dist');
const out = path.join(here, 'dist');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const f of readdirSync(path.join(here, 'src'))) cpSync(path.join(here, 'src', f), path.join(out, f));
// The page's text and findings transport, shared with core.mjs.
for (const f of ['heap-text.js', 'finding-table.js']) cpSync(path.join(here, '..', 'src', f), path.join(out, f));
const wasm = [
  ['stackengine.mjs', 'stackengine.mjs'],
  ['stackengine.wasm', 'stackengine.wasm'],
  // The package is "type": "module", so the classic (CommonJS) build must be .cjs.
  ['stackengine-classic.js', 'stackengine-classic.cjs'],
  ['stackengine-classic.wasm', 'stackengine-classic.wasm'],
  // <stackengine-sandbox> and the UI's worker, from web/build.mjs.
  ['element.js', 'element.mjs'],
  ['worker.js', 'ui-worker.js'],
];
for (const [from, to] of wasm) {
  const src = path.join(webDist, from);
  if (!existsSync(src)) throw new Error(`web/package: ${from} missing; run scripts/build first`);
  cpSync(src, path.join(out, to));
}
console.log(`web/package/dist: ${readdirSync(out).length} files`);
