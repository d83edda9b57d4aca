// The page's worker logic (web/src/worker-core.js) under Node with the real engine:
// chunking of large inputs, progress messages, located errors across chunks.
import test from 'node:test';
import assert from 'node:assert/strict';
import { loadStackEngine } from './load.mjs';
import { startWorker, chunkEnds, LARGE_INPUT } from '../../web/src/worker-core.js';

// A stand-in for a worker's global scope: postMessage collects, send() delivers.
function fakeWorker() {
  const out = [];
  const scope = { postMessage: (m) => out.push(m), performance };
  startWorker(scope, () => loadStackEngine());
  const send = (m) => scope.onmessage({ data: m });
  const until = async (pred) => {
    for (let i = 0; i < 2000; i++) {
      const hit = out.find(pred);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error('no such message');
  };
  return { out, send, until };
}

test('chunk ends are line aligned, cover the text, and never cut a PEM block', () => {
  const pem = '-----BEGIN RSA PRIVATE KEY-----\n' + 'MIIEow'.padEnd(64, 'A') + '\n'.repeat(1) +
    Array.from({ length: 30 }, () => 'B'.repeat(64)).join('\n') + '\n-----END RSA PRIVATE KEY-----\n';
  const filler = 'x'.repeat(79) + '\n';
  const text = filler.repeat(3300) + pem + filler.repeat(6000);
  const ends = chunkEnds(text);
  assert.ok(ends.length > 1);
  assert.equal(ends.at(-1), text.length);
  let start = 0;
  for (const end of ends) {
    assert.ok(end > start);
    if (end < text.length) assert.equal(text[end - 1], '\n', 'line aligned');
    const piece = text.slice(start, end);
    assert.equal(piece.split('-----BEGIN').length, piece.split('-----END').length, 'no PEM block split');
    start = end;
  }
});

test('a large redaction runs in chunks with progress, one vault for all chunks', async () => {
  const w = fakeWorker();
  await w.until((m) => m.type === 'ready');
  const line = 'principal arn:aws:iam::123456789012:role/deployer\n';
  const text = line.repeat(Math.ceil((LARGE_INPUT * 1.5) / line.length));
  w.send({ id: 1, type: 'redact', text });
  const result = (await w.until((m) => m.id === 1 && m.type === 'result')).result;
  const progress = w.out.filter((m) => m.id === 1 && m.type === 'progress');
  assert.ok(progress.length >= 2, 'progress per chunk');
  assert.equal(progress.at(-1).done, text.length);
  assert.ok(!result.redacted.includes('123456789012'));
  assert.equal(new Set(result.redacted.split('\n').filter(Boolean)).size, 1, 'same placeholder in every chunk');
  const firstLines = (t) => t.split('\n').slice(0, 4).join('\n');
  w.send({ id: 2, type: 'restore', text: firstLines(result.redacted) });
  assert.equal((await w.until((m) => m.id === 2)).result.text, firstLines(text));
});

test('an error in a later chunk is located in the whole text', async () => {
  const w = fakeWorker();
  await w.until((m) => m.type === 'ready');
  const line = 'harmless configuration line number padding padding\n';
  const lines = Math.ceil((LARGE_INPUT * 1.2) / line.length);
  const text = `${line.repeat(lines)}ab\u0000c\n`;
  w.send({ id: 1, type: 'redact', text });
  const { result } = await w.until((m) => m.id === 1 && m.type === 'result');
  assert.ok(result.error?.code, 'refused');
  assert.equal(result.error.location.line, lines + 1);
  assert.equal(result.error.location.column, 3);
});

test('analyze answers "unavailable" when the engine has no analyze(), and plain objects otherwise', async () => {
  const w = fakeWorker();
  const ready = await w.until((m) => m.type === 'ready');
  w.send({ id: 1, type: 'analyze', request: { policy: '{}', caller: '', error: '' } });
  const { result } = await w.until((m) => m.id === 1 && m.type !== 'progress');
  if (!ready.analyze) {
    assert.deepEqual(result, { unavailable: true });
    return;
  }
  assert.equal(typeof result, 'object');
  assert.ok(Array.isArray(result.causes), 'vectors became arrays');
});
