// secretlint in-process: its Node API (@secretlint/core lintSource) with the
// recommended rule preset, over one file.
//   node bench/secretlint.mjs CORPUS MANIFEST [REPEAT]
// Prints one JSON line: {"engine":"secretlint-inprocess","mb_per_s","recall","peak_mib",...}.
import { lintSource } from '@secretlint/core';
import { creator as preset } from '@secretlint/secretlint-rule-preset-recommend';
import { loadCorpus, utf16ToBytes, score, peakRssMiB } from './manifest.mjs';

const [file, manifestFile, repeatArg] = process.argv.slice(2);
const { bytes, text, manifest } = loadCorpus(file, manifestFile);
const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: preset }] };
const lint = () => lintSource({
  source: { filePath: file, content: text, ext: '.txt', contentType: 'text' },
  options: { config, maskSecrets: true },
});
let best = Infinity;
let first = 0;
let result;
const cpu0 = process.cpuUsage();
for (let i = 0; i < Number(repeatArg ?? 3); i++) {
  const t0 = performance.now();
  result = await lint();
  const seconds = (performance.now() - t0) / 1000;
  if (i === 0) first = seconds;
  best = Math.min(best, seconds);
}
const cpu = process.cpuUsage(cpu0);
const toBytes = utf16ToBytes(text);
const s = score(manifest, result.messages.map((m) => [toBytes(m.range[0]), toBytes(m.range[1])]));
const mb = bytes.length / 1e6;
console.log(JSON.stringify({
  engine: 'secretlint-inprocess', mb_per_s: mb / best, recall: s.recall, peak_mib: peakRssMiB(),
  fp_hit: s.fpHit, mb, seconds: best, first_run_mb_per_s: mb / first, findings: result.messages.length,
  cpu_mb_per_s_avg: (mb * Number(repeatArg ?? 3)) / ((cpu.user + cpu.system) / 1e6),
}));
