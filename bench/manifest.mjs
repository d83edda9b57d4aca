// Recall against the corpus manifest: a true-positive sample counts as found when
// any finding overlaps its byte range. Offsets from JS engines are UTF-16 indices,
// converted to byte offsets when the text is not pure ASCII.
import { readFileSync } from 'node:fs';

export function loadCorpus(file, manifestFile) {
  const bytes = readFileSync(file);
  const text = bytes.toString('utf8');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  return { bytes, text, manifest };
}

// UTF-16 index -> byte offset (identity for ASCII text).
export function utf16ToBytes(text) {
  if (Buffer.byteLength(text, 'utf8') === text.length) return (i) => i;
  const map = new Uint32Array(text.length + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = b;
    const c = text.charCodeAt(i);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { b += 4; map[++i] = b; }
    else b += 3;
  }
  map[text.length] = b;
  return (i) => map[i];
}

// spans: [[startByte, endByte], ...] -> { recall, fpHit, tp, fp }
export function score(manifest, spans) {
  const sorted = spans.slice().sort((a, b) => a[0] - b[0]);
  const starts = sorted.map((s) => s[0]);
  // running max of end so a binary search finds any overlapping span
  const maxEnd = [];
  let m = -1;
  for (const s of sorted) { m = Math.max(m, s[1]); maxEnd.push(m); }
  const overlaps = (lo, hi) => {
    // last span starting before hi
    let a = 0, b = starts.length;
    while (a < b) { const mid = (a + b) >> 1; if (starts[mid] < hi) a = mid + 1; else b = mid; }
    return a > 0 && maxEnd[a - 1] > lo;
  };
  let tp = 0, tpHit = 0, fp = 0, fpHit = 0;
  for (const s of manifest.samples) {
    const hit = overlaps(s.byte_offset, s.byte_offset + s.bytes);
    if (s.kind === 'tp') { tp++; if (hit) tpHit++; } else { fp++; if (hit) fpHit++; }
  }
  return { recall: tp ? tpHit / tp : 0, fpHit: fp ? fpHit / fp : 0, tp, fp };
}

export function peakRssMiB() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch { /* not Linux */ }
  return process.memoryUsage().rss / (1 << 20);
}
