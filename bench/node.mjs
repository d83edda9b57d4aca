// The WebAssembly module in Node (the classic build, as tests/node load it), or with
// `threads` the threaded build (Node always has SharedArrayBuffer).
//   node bench/node.mjs CORPUS MANIFEST [REPEAT] [threads]
// Prints one JSON line: {"engine":"wasm-node" or "wasm-node-threads","mb_per_s","recall","peak_mib",...}.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus, score, peakRssMiB } from './manifest.mjs';
import { timeRedaction } from './wasm-run.mjs';
import { makeHeapText } from '../web/src/heap-text.js';
import { readFindings } from '../web/src/finding-table.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'web', 'dist');
const [file, manifestFile, repeatArg, variant] = process.argv.slice(2);
const threads = variant === 'threads';
const name = threads ? 'stackengine-threads' : 'stackengine-classic';
const { bytes, text, manifest } = loadCorpus(file, manifestFile);
const require = createRequire(import.meta.url);
const se = await require(path.join(dist, `${name}.js`))({
  wasmBinary: readFileSync(path.join(dist, `${name}.wasm`)),
});
const cpu0 = process.cpuUsage();
const r = await timeRedaction(se, text, Number(repeatArg ?? 3), makeHeapText, readFindings);
const cpu = process.cpuUsage(cpu0);
const s = score(manifest, r.spans);
const mb = bytes.length / 1e6;
console.log(JSON.stringify({
  engine: threads ? 'wasm-node-threads' : 'wasm-node', mb_per_s: mb / r.best, recall: s.recall, peak_mib: peakRssMiB(),
  fp_hit: s.fpHit, mb, seconds: r.best, first_run_mb_per_s: mb / r.first, findings_ms: r.findingsBest * 1000,
  wasm_heap_mib: r.wasmBytes / (1 << 20), findings: r.spans.length,
  cpu_mb_per_s_avg: (mb * Number(repeatArg ?? 3)) / ((cpu.user + cpu.system) / 1e6),
}));
process.exit(0);  // the threaded module's pool thread would keep Node running
