// The WebAssembly module in Node (the classic build, as tests/node load it).
//   node bench/node.mjs CORPUS MANIFEST [REPEAT]
// Prints one JSON line: {"engine":"wasm-node","mb_per_s","recall","peak_mib",...}.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus, score, peakRssMiB } from './manifest.mjs';
import { timeRedaction } from './wasm-run.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'web', 'dist');
const [file, manifestFile, repeatArg] = process.argv.slice(2);
const { bytes, text, manifest } = loadCorpus(file, manifestFile);
const require = createRequire(import.meta.url);
const se = await require(path.join(dist, 'stackengine-classic.js'))({
  wasmBinary: readFileSync(path.join(dist, 'stackengine-classic.wasm')),
});
const cpu0 = process.cpuUsage();
const r = await timeRedaction(se, text, Number(repeatArg ?? 3));
const cpu = process.cpuUsage(cpu0);
const s = score(manifest, r.spans);
const mb = bytes.length / 1e6;
console.log(JSON.stringify({
  engine: 'wasm-node', mb_per_s: mb / r.best, recall: s.recall, peak_mib: peakRssMiB(),
  fp_hit: s.fpHit, mb, seconds: r.best, first_run_mb_per_s: mb / r.first,
  wasm_heap_mib: r.wasmBytes / (1 << 20), findings: r.spans.length,
  cpu_mb_per_s_avg: (mb * Number(repeatArg ?? 3)) / ((cpu.user + cpu.system) / 1e6),
}));
