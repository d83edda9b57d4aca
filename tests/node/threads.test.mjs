// The threaded WebAssembly module (stackengine-threads.js, which the cross-origin
// isolated page runs) against the single-threaded one: the same redacted bytes, the
// same findings and the same errors, from 1 to 33 MiB (the core splits its passes from
// 256 KiB), and its helper thread is really used.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { loadStackEngine, isLoaded } from './load.mjs';
import { makeHeapText } from '../../web/src/heap-text.js';

const loadThreaded = () => loadStackEngine('threads');
// The pool thread's worker would keep this test process alive.
test.after(async () => { if (isLoaded('threads')) (await loadThreaded()).PThread.terminateAllThreads(); });

// A block of lines with secrets of many shapes, multi-byte and astral characters and a
// multi-line private key; `i` makes each block's values distinct, and every fourth
// block repeats block 0's values (placeholders reused, echoes found).
function block(i) {
  const n = String(i % 4 === 0 ? 0 : i).padStart(6, '0');
  return [
    `# block ${i} résumé ✓ 𝄞 émoji 😀`,
    `aws_access_key_id = AKIAZ${n.replace(/0/g, 'Q')}XW7PLMN`,
    `aws_secret_access_key = q7Rk2Lw9Zt4Xp1Mv8Ns3Hb6Jc0Fd5Ga2Y${n}`,
    `"Principal": {"AWS": "arn:aws:iam::${String(100000000000 + i % 977).slice(0, 12)}:role/deployer-${n}"},`,
    `postgres://app:S3cr3t-${n}-pw@db.internal:5432/orders`,
    `--external-id acme-prod-${n}-x7f2`,
    '-----BEGIN RSA PRIVATE KEY-----',
    `MIIEowIBAAKCAQEA${n}u1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0`,
    '-----END RSA PRIVATE KEY-----',
    'plain text that is not secret at all, repeated to make the block longer '.repeat(8),
  ].join('\n') + '\n';
}
function corpus(bytes) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const b = block(i);
    parts.push(b);
    size += Buffer.byteLength(b);
  }
  return parts.join('');
}

// As the page's worker redacts (heap-text.js): on the threaded module a text of a
// million UTF-16 units or more goes through an ArrivingText (the helper thread reads
// it while it is being written); `arriving` counts those, with what each read ahead.
const arriving = [];
function watchArriving(se) {
  if (se.ArrivingText.watched) return;
  const Real = se.ArrivingText;
  se.ArrivingText = function (...args) {
    const a = new Real(...args);
    const del = a.delete.bind(a);
    a.delete = () => { arriving.push(a.readAhead()); del(); };
    return a;
  };
  se.ArrivingText.watched = true;
}

function redact(se, text) {
  watchArriving(se);
  const heap = makeHeapText(se);
  const vault = new se.Vault();
  const before = arriving.length;
  const h = heap.redact(vault, null, text, () => {});
  const through = arriving.length - before;
  try {
    const redacted = heap.read(h.redactedView());
    const error = h.error();
    const list = h.findings();
    const hash = createHash('sha256');
    const n = list.size();
    for (let i = 0; i < n; i++) {
      const f = list.get(i);
      hash.update(`${f.rule}|${f.category}|${f.severity}|${f.start.offset}|${f.start.offsetUtf16}|${f.start.line}|` +
        `${f.start.column}|${f.end.offset}|${f.end.offsetUtf16}|${f.end.line}|${f.end.column}|${f.placeholder}\n`);
    }
    list.delete();
    const restored = error.code ? null : vault.restore(redacted);
    return { redacted, error: { code: error.code, message: error.message, location: { ...error.location } }, findings: n, findingsHash: hash.digest('hex'), restored, arriving: through };
  } finally {
    h.delete();
    vault.delete();
  }
}

test('the threaded module has shared memory and starts its helper thread on the first large redaction', async () => {
  const mt = await loadThreaded();
  assert.ok(mt.HEAPU8.buffer instanceof SharedArrayBuffer, 'the threaded build runs on shared memory');
  const single = await loadStackEngine();
  assert.ok(!(single.HEAPU8.buffer instanceof SharedArrayBuffer), 'the single-threaded build does not');
  const r = redact(mt, corpus(2 << 20));
  assert.equal(r.error.code, '');
  assert.ok(r.findings > 1000);
  assert.equal(mt.PThread.runningWorkers.length, 1, 'one helper thread, kept between calls');
  redact(mt, corpus(2 << 20));
  assert.equal(mt.PThread.runningWorkers.length, 1, 'still one after a second call');
});

for (const [label, bytes] of [['1 MiB', 1 << 20], ['5 MiB', 5 << 20], ['33 MiB', 33 << 20]]) {
  test(`threaded and single-threaded modules agree byte for byte on ${label}, and restore is exact`, async () => {
    const [mt, single] = await Promise.all([loadThreaded(), loadStackEngine()]);
    const text = corpus(bytes);
    const a = redact(mt, text);
    // (Twice when the first memory, sized for ASCII, is too small for the UTF-8.)
    assert.ok(text.length >= 1 << 20 ? a.arriving >= 1 : a.arriving === 0, 'the threaded module took a large text as it arrived');
    const b = redact(single, text);
    assert.equal(b.arriving, 0, 'the single-threaded one took it whole');
    assert.equal(a.error.code, '');
    assert.ok(a.findings > bytes / 1000, `${a.findings} findings`);
    assert.equal(a.findings, b.findings);
    assert.equal(a.findingsHash, b.findingsHash, 'every finding: rule, offsets, line:column, placeholder');
    assert.ok(a.redacted === b.redacted, 'the same redacted text');
    assert.ok(!a.redacted.includes('S3cr3t-000001-pw') && !a.redacted.includes('deployer-000001'));
    assert.ok(a.restored === text, 'restore(redact(x)) == x');
  });
}

test('threaded and single-threaded modules agree when the placeholders make the text much longer', async () => {
  // Short ARNs whose names become redacted-bucket-<n>: the output outgrows the size the
  // threaded module sets aside for it before minting.
  const [mt, single] = await Promise.all([loadThreaded(), loadStackEngine()]);
  const lines = [];
  for (let i = 0; lines.length < 40000; i++) lines.push(`arn:aws:s3:::b${i.toString(36)} é`);
  const text = lines.join('\n');
  const a = redact(mt, text);
  const b = redact(single, text);
  assert.equal(a.error.code, '');
  assert.equal(a.findings, 40000);
  assert.ok(a.redacted.length > text.length * 1.5, `${a.redacted.length} vs ${text.length}`);
  assert.equal(a.findingsHash, b.findingsHash);
  assert.ok(a.redacted === b.redacted, 'the same redacted text');
  assert.ok(a.restored === text, 'restore(redact(x)) == x');
});

test('the same error, with the same location, for invalid input in the middle of a large text', async () => {
  const [mt, single] = await Promise.all([loadThreaded(), loadStackEngine()]);
  const text = corpus(6 << 20);
  const cut = text.indexOf('\n', text.length >> 1) + 1;
  const binary = `${text.slice(0, cut)}abc\u0000def${text.slice(cut)}`;
  const a = redact(mt, binary);
  const b = redact(single, binary);
  assert.equal(a.error.code, 'INPUT_BINARY');
  assert.deepEqual(a.error, b.error);
  assert.ok(a.error.location.line > 1000);
  assert.equal(a.redacted, '');
});

test('on shared memory the text goes in a slice at a time: the same UTF-8 as one encode, pairs kept whole across slices', async () => {
  const mt = await loadThreaded();
  const heap = makeHeapText(mt);
  const slice = 1 << 17;  // heap-text.js's slice, in UTF-16 units
  const ascii = (n) => 'k'.repeat(n);
  const texts = {
    // An astral character whose halves fall on either side of the first and the third slice end.
    'pair across slice ends': ascii(slice - 1) + '😀' + ascii(slice - 2) + '𝄞' + ascii(slice) + '😀x',
    // A lone high surrogate at a slice end (becomes U+FFFD, as TextEncoder makes it).
    'lone surrogate at a slice end': ascii(slice - 1) + '\ud83d' + ascii(10),
    // Mostly three-byte characters: more than the first, ASCII-sized allocation holds.
    'retried with room for three bytes a unit': '東京'.repeat(slice + 5) + 'é',
    'exactly one slice': ascii(slice),
    empty: '',
  };
  for (const [name, text] of Object.entries(texts)) {
    const input = heap.write(text);
    try {
      const expected = new TextEncoder().encode(text);
      assert.equal(input.length, expected.length, name);
      assert.ok(Buffer.from(mt.HEAPU8.subarray(input.ptr, input.ptr + input.length)).equals(Buffer.from(expected)), name);
    } finally {
      mt._free(input.ptr);
    }
  }
});

test('findings read through the FindingTable equal the Embind objects, both modules, multi-byte text', async () => {
  const { readFindings } = await import('../../web/src/finding-table.js');
  const { plain } = await import('../../web/src/worker-core.js');
  for (const se of [await loadThreaded(), await loadStackEngine()]) {
    const heap = makeHeapText(se);
    const vault = new se.Vault();
    const text = corpus(3 << 20);
    const h = heap.redact(vault, null, text, () => {});
    try {
      const fast = readFindings(h);
      assert.ok(fast.length > 3000);
      assert.ok(fast.some((f) => f.start.offsetUtf16 !== f.start.offset), 'UTF-16 and byte offsets differ somewhere');
      assert.deepEqual(fast, plain(h.findings()));
      const redacted = heap.read(h.redactedView());
      let shift = 0;
      for (const f of fast.slice(0, 500)) {  // each placeholder is where its offsets say
        const from = f.start.offsetUtf16 + shift;
        assert.equal(redacted.slice(from, from + f.placeholder.length), f.placeholder);
        shift += f.placeholder.length - (f.end.offsetUtf16 - f.start.offsetUtf16);
      }
    } finally {
      h.delete();
      vault.delete();
    }
  }
});
