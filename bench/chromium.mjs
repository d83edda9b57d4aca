// The WebAssembly module in Debian's Chromium (headless, playwright-core): the page
// fetches the corpus from a loopback server and times vault.redactUtf8() in the page.
// With `threads`, the page is served cross-origin isolated (COOP + COEP, as
// scripts/serve does) and runs the threaded module, as the served page's worker does.
//   node bench/chromium.mjs CORPUS MANIFEST [REPEAT] [threads]
// Prints one JSON line: {"engine":"wasm-chromium" or "wasm-chromium-threads","mb_per_s",
// "recall","peak_mib",...}; peak_mib here is the wasm heap plus the page's JS heap
// (performance.memory).
import http from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { launch, root } from '../tests/e2e/browser.mjs';
import { loadCorpus, score } from './manifest.mjs';
import { timeRedaction } from './wasm-run.mjs';
import { makeHeapText } from '../web/src/heap-text.js';
import { readFindings } from '../web/src/finding-table.js';

const [file, manifestFile, repeatArg, variant] = process.argv.slice(2);
const threads = variant === 'threads';
const name = threads ? 'stackengine-threads' : 'stackengine-classic';
const isolation = threads ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {};
const { bytes, manifest } = loadCorpus(file, manifestFile);
const dist = path.join(root, 'web', 'dist');
const MIME = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8' };

// The module's files (from web/dist) and the corpus; an empty page at /.
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  let f = null;
  if (url.pathname === '/corpus.txt') f = path.resolve(file);
  else if (/^\/dist\/stackengine-(classic|threads)\.(js|wasm|worker\.js)$/.test(url.pathname)) f = path.join(dist, path.basename(url.pathname));
  if (url.pathname === '/') {
    res.writeHead(200, { ...isolation, 'content-type': 'text/html' });
    res.end('<!doctype html><title>bench</title>');
    return;
  }
  if (!f) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { ...isolation, 'content-type': MIME[path.extname(f)] ?? 'application/octet-stream', 'content-length': statSync(f).size });
  createReadStream(f).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const context = await launch({ args: undefined });
try {
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.addScriptTag({ url: `${base}/dist/${name}.js` });
  const r = await page.evaluate(async ({ src, heapSrc, findingsSrc, repeat, script, threads }) => {
    if (threads !== globalThis.crossOriginIsolated) throw new Error(`crossOriginIsolated is ${globalThis.crossOriginIsolated}`);
    const run = (0, eval)(`(${src})`);
    const makeHeapText = (0, eval)(`(${heapSrc})`);
    const readFindings = (0, eval)(`(${findingsSrc})`);
    const se = await globalThis.createStackEngineModule({ mainScriptUrlOrBlob: script });
    const text = await (await fetch('/corpus.txt')).text();
    const out = await run(se, text, repeat, makeHeapText, readFindings);
    out.jsHeap = performance.memory ? performance.memory.usedJSHeapSize : 0;
    return out;
  }, { src: timeRedaction.toString(), heapSrc: makeHeapText.toString(), findingsSrc: readFindings.toString(), repeat: Number(repeatArg ?? 3),
    script: `${base}/dist/${name}.js`, threads });
  const s = score(manifest, r.spans);
  const mb = bytes.length / 1e6;
  console.log(JSON.stringify({
    engine: threads ? 'wasm-chromium-threads' : 'wasm-chromium', mb_per_s: mb / r.best, recall: s.recall,
    peak_mib: (r.wasmBytes + r.jsHeap) / (1 << 20), fp_hit: s.fpHit, mb, seconds: r.best,
    first_run_mb_per_s: mb / r.first, wasm_heap_mib: r.wasmBytes / (1 << 20), findings: r.spans.length,
    findings_ms: r.findingsBest * 1000,
  }));
} finally {
  await context.close();
  server.close();
}
