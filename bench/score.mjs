// Scores spans given as UTF-16 [start, end) ranges (secretlint's message ranges)
// against a corpus manifest. Prints {"recall","fp_hit"}.
//   node bench/score.mjs CORPUS MANIFEST SPANS.json
import { readFileSync } from 'node:fs';
import { loadCorpus, utf16ToBytes, score } from './manifest.mjs';

const [file, manifestFile, spansFile] = process.argv.slice(2);
const { text, manifest } = loadCorpus(file, manifestFile);
const toBytes = utf16ToBytes(text);
const spans = JSON.parse(readFileSync(spansFile, 'utf8')).map(([a, b]) => [toBytes(a), toBytes(b)]);
const s = score(manifest, spans);
console.log(JSON.stringify({ recall: s.recall, fp_hit: s.fpHit }));
