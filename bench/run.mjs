// Redaction throughput, side by side: the native engine, the WebAssembly module in
// Node and in Chromium, and secretlint (in-process and its CLI) on the same corpus
// files in the same run. See the Benchmarks section of README.md.
//
//   bench/run [--sizes 5,64] [--growth 1,5,16,64] [--repeat 3]
//             [--engines native,wasm-node,wasm-node-threads,wasm-chromium,wasm-chromium-threads,
//                        secretlint-inprocess,secretlint-cli]
//
// Prints one JSON line per engine and corpus ({"engine","mb_per_s","recall","peak_mib",
// ...}), then a summary table with ratios against secretlint in-process, then the
// growth curve of the native engine and the wasm module in Node.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const list = (s) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);
const sizes = list(opt('--sizes', '5,64')).map(Number);
const growth = list(opt('--growth', '1,5,16,64')).map(Number);
const repeat = opt('--repeat', '3');
const engines = list(opt('--engines', 'native,wasm-node,wasm-node-threads,wasm-chromium,wasm-chromium-threads,secretlint-inprocess,secretlint-cli'));

const shared = process.env.STACKENGINE_SHARED ?? path.join(root, '..', 'shared');
const generator = path.join(shared, 'corpus', 'bench', 'make_bench_corpus.py');
const samples = path.join(shared, 'corpus', 'gitleaks', 'samples.jsonl');
if (!existsSync(generator) || !existsSync(samples)) {
  console.error(`bench: the corpus generator is not at ${generator} (set STACKENGINE_SHARED to the shared folder)`);
  process.exit(2);
}
const need = (file, what) => {
  if (!existsSync(file)) {
    console.error(`bench: ${what} is missing (${path.relative(root, file)}); run ./scripts/build first`);
    process.exit(2);
  }
};
const nativeBench = path.join(root, 'build', 'native', 'stackengine_bench');
if (engines.includes('native')) need(nativeBench, 'the native benchmark');
if (engines.some((e) => e.startsWith('wasm'))) need(path.join(root, 'web', 'dist', 'stackengine-classic.js'), 'the wasm module');
if (engines.some((e) => e.endsWith('-threads'))) need(path.join(root, 'web', 'dist', 'stackengine-threads.js'), 'the threaded wasm module');
if (engines.some((e) => e.startsWith('secretlint'))) need(path.join(root, 'node_modules', 'secretlint'), 'secretlint (npm ci)');

// Corpus files, generated once per size into build/bench (same seed, same bytes).
const outDir = path.join(root, 'build', 'bench');
mkdirSync(outDir, { recursive: true });
function corpus(mb) {
  const file = path.join(outDir, `bench-${mb}mb.txt`);
  const manifest = path.join(outDir, `bench-${mb}mb.manifest.json`);
  if (!existsSync(file) || !existsSync(manifest)) {
    console.error(`bench: generating the ${mb} MB corpus`);
    const r = spawnSync('python3', [generator, '--samples', samples, '--out', file, '--manifest', manifest,
      '--size-mb', String(mb), '--seed', '7'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) process.exit(2);
  }
  return { file, manifest, mb };
}

const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
function runJson(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 1 << 30, cwd: root });
  const line = (r.stdout ?? '').trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (!line) {
    console.error(`bench: ${path.basename(cmdArgs[0] ?? cmd)} failed (exit ${r.status}): ${(r.stderr ?? '').slice(-2000)}`);
    return null;
  }
  return JSON.parse(line);
}

// The secretlint CLI as a user runs it, timed from the outside (process start,
// config loading, reading the file, linting, JSON output).
function secretlintCli(c) {
  const rc = path.join(outDir, 'secretlintrc.json');
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  const bin = path.join(root, 'node_modules', '.bin', 'secretlint');
  // --output: piped stdout is cut short when the CLI exits, a file is not.
  const outFile = path.join(outDir, 'secretlint-cli-output.json');
  rmSync(outFile, { force: true });
  const cliArgs = ['--secretlintrc', rc, '--format', 'json', '--output', outFile, c.file];
  const cmd = timeBin ?? bin;
  const full = timeBin ? ['-f', 'peak_kib=%M', bin, ...cliArgs] : cliArgs;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, full, { encoding: 'utf8', maxBuffer: 1 << 30, cwd: root });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  let results;
  try {
    results = JSON.parse(readFileSync(outFile, 'utf8'));
  } catch {
    console.error(`bench: secretlint CLI failed (exit ${r.status}): ${(r.stderr ?? '').slice(-2000)}`);
    return null;
  }
  const peak = /peak_kib=(\d+)/.exec(r.stderr ?? '');
  // Scored in a child so this process does not hold another copy of the corpus.
  const spansFile = path.join(outDir, 'secretlint-cli-spans.json');
  const messages = results.flatMap((f) => f.messages ?? []);
  writeFileSync(spansFile, JSON.stringify(messages.map((m) => m.range)));
  const scored = runJson('node', [path.join(root, 'bench', 'score.mjs'), c.file, c.manifest, spansFile]);
  return {
    engine: 'secretlint-cli', mb_per_s: c.bytes / 1e6 / seconds, recall: scored?.recall ?? null,
    peak_mib: peak ? Number(peak[1]) / 1024 : null, fp_hit: scored?.fp_hit ?? null, mb: c.bytes / 1e6,
    seconds, findings: messages.length,
  };
}

function runEngine(engine, c) {
  const node = (script, ...extra) => runJson('node', [path.join(root, 'bench', script), c.file, c.manifest, repeat, ...extra]);
  switch (engine) {
    case 'native': return runJson(nativeBench, [c.file, c.manifest, '--repeat', repeat]);
    case 'wasm-node': return node('node.mjs');
    case 'wasm-node-threads': return node('node.mjs', 'threads');
    case 'wasm-chromium': return node('chromium.mjs');
    case 'wasm-chromium-threads': return node('chromium.mjs', 'threads');
    case 'secretlint-inprocess': return node('secretlint.mjs');
    case 'secretlint-cli': return secretlintCli(c);
    default:
      console.error(`bench: unknown engine ${engine}`);
      return null;
  }
}

const rows = [];
for (const mb of sizes) {
  const c = corpus(mb);
  c.bytes = statSync(c.file).size;
  for (const engine of engines) {
    const r = runEngine(engine, c);
    if (!r) continue;
    r.corpus = path.basename(c.file);
    console.log(JSON.stringify(r));
    rows.push(r);
  }
}

// CPU-time rate where the engine reports one (wall time is unreliable on a busy machine).
const cpuRate = (r) => r.cpu_mb_per_s ?? r.cpu_mb_per_s_avg ?? null;
const fmt = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? '-' : x.toFixed(d));
if (rows.length) {
  // findings ms: the wasm engines' findings turned into JavaScript objects (as the
  // page does after redacting), timed apart from MB/s.
  console.log('\nengine                 corpus             MB/s  CPU MB/s   recall  peak MiB  findings ms   x secretlint-inprocess');
  for (const r of rows) {
    const base = rows.find((b) => b.engine === 'secretlint-inprocess' && b.corpus === r.corpus);
    const ratio = base ? r.mb_per_s / base.mb_per_s : null;
    console.log(`${r.engine.padEnd(22)} ${r.corpus.padEnd(16)} ${fmt(r.mb_per_s).padStart(7)} ${fmt(cpuRate(r)).padStart(9)} ${fmt(r.recall, 3).padStart(8)} ${fmt(r.peak_mib).padStart(9)} ${fmt(r.findings_ms).padStart(12)}   ${ratio === null ? '-' : `${fmt(ratio, 2)}x`}`);
  }
}

// Growth: time per MB should stay flat from 1 to 64 MB (linear time).
const growthEngines = engines.filter((e) => e === 'native' || e === 'wasm-node');
if (growth.length && growthEngines.length && !args.includes('--no-growth')) {
  console.log('\ngrowth (best of runs)   ' + growth.map((mb) => `${mb} MB`.padStart(16)).join(''));
  for (const engine of growthEngines) {
    const cells = [];
    let firstPerMb = null;
    for (const mb of growth) {
      const c = corpus(mb);
      const r = rows.find((x) => x.engine === engine && x.corpus === path.basename(c.file)) ?? runEngine(engine, c);
      if (!r) { cells.push('-'.padStart(16)); continue; }
      // Best-of wall time per MB: wasm-node's CPU figure averages in module start-up.
      const msPerMb = (r.seconds * 1000) / r.mb;
      firstPerMb ??= msPerMb;
      cells.push(`${fmt(r.seconds * 1000, 0)} ms ${fmt(msPerMb / firstPerMb, 2)}x`.padStart(16));
    }
    console.log(`${engine.padEnd(24)}${cells.join('')}`);
  }
  console.log('(each cell: best wall time for the whole file, then ms-per-MB relative to the smallest size; 1.00x = linear)');
}
