// The page's worker logic (web/src/worker-core.js) under Node with the real engine:
// large inputs in one engine call with progress messages, located errors, values
// replaced everywhere in the text.
import test from 'node:test';
import assert from 'node:assert/strict';
import { loadStackEngine } from './load.mjs';
import { startWorker, LARGE_INPUT } from '../../web/src/worker-core.js';

// A stand-in for a worker's global scope: postMessage collects, send() delivers.
function fakeWorker(factory = () => loadStackEngine()) {
  const out = [];
  const scope = { postMessage: (m) => out.push(m), performance };
  startWorker(scope, factory);
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

test('a value detected near the start of a large input is replaced near its end too, where it has no context', async () => {
  const w = fakeWorker();
  await w.until((m) => m.type === 'ready');
  const secret = 'q7Rk2Lw9Zt4Xp1Mv8Ns3Hb6Jc0Fd5Ga2Ye7Ui4Oo';
  const filler = 'harmless configuration line number padding padding\n';
  const text = `aws_secret_access_key = ${secret}\n${filler.repeat(Math.ceil((LARGE_INPUT * 2) / filler.length))}copied: ${secret}\n`;
  w.send({ id: 1, type: 'redact', text });
  const { result } = await w.until((m) => m.id === 1 && m.type === 'result');
  assert.equal(result.redacted.includes(secret), false, 'no copy of the key survives, however far apart');
  assert.equal(result.findings.length, 2);
  assert.equal(result.findings[0].placeholder, result.findings[1].placeholder);
});

test('a large redaction reports progress and uses one vault', async () => {
  const w = fakeWorker();
  await w.until((m) => m.type === 'ready');
  const line = 'principal arn:aws:iam::123456789012:role/deployer\n';
  const text = line.repeat(Math.ceil((LARGE_INPUT * 1.5) / line.length));
  w.send({ id: 1, type: 'redact', text });
  const result = (await w.until((m) => m.id === 1 && m.type === 'result')).result;
  const progress = w.out.filter((m) => m.id === 1 && m.type === 'progress');
  assert.ok(progress.length >= 2, 'progress while redacting');
  assert.ok(progress.every((p, i) => i === 0 || p.done >= progress[i - 1].done), 'progress only grows');
  assert.equal(progress.at(-1).done, text.length);
  assert.ok(!result.redacted.includes('123456789012'));
  assert.equal(new Set(result.redacted.split('\n').filter(Boolean)).size, 1, 'same placeholder on every line');
  const firstLines = (t) => t.split('\n').slice(0, 4).join('\n');
  w.send({ id: 2, type: 'restore', text: firstLines(result.redacted) });
  assert.equal((await w.until((m) => m.id === 2)).result.text, firstLines(text));
});

test('an error far into a large input is located in the whole text', async () => {
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

test('findings of a large input: whole-text line numbers and placeholder positions', async () => {
  const w = fakeWorker();
  await w.until((m) => m.type === 'ready');
  const filler = 'harmless configuration line number padding padding\n';
  const lines = Math.ceil((LARGE_INPUT * 2.5) / filler.length);
  const body = filler.repeat(lines).split('\n');
  // One account id on line 2 and one é-prefixed on the last line.
  body[1] = 'account_id = 123456789012';
  body[lines - 1] = '\u00e9\u00e9 "Account": "210987654321"';
  const text = body.join('\n');
  w.send({ id: 1, type: 'redact', text });
  const { result } = await w.until((m) => m.id === 1 && m.type === 'result');
  assert.ok(w.out.filter((m) => m.id === 1 && m.type === 'progress').length >= 3, 'progress reported as it goes');
  assert.equal(result.findings.length, 2);
  const [a, b] = result.findings;
  assert.deepEqual([a.rule, a.line, a.column], ['aws-account-id', 2, 14]);
  assert.deepEqual([b.rule, b.line, b.column], ['aws-account-id', lines, 16]);
  assert.equal(text.slice(b.offsetUtf16, b.offsetUtf16 + 12), '210987654321', 'UTF-16 offset in the whole text');
  assert.equal(Buffer.from(text).subarray(b.offset, b.offset + 12).toString(), '210987654321', 'byte offset in the whole text');
  for (const f of result.findings) {
    assert.equal(result.redacted.slice(f.from, f.to), f.placeholder, 'from/to point at the placeholder in the redacted text');
    assert.equal(JSON.stringify(f).includes('123456789012') || JSON.stringify(f).includes('210987654321'), false, 'no value');
  }
});

test('options: labelled and disabled categories; one Redactor per options, freed when replaced; one vault', async () => {
  let made = 0;
  let freed = 0;
  const factory = async () => {
    const m = await loadStackEngine();
    // Counts the worker's Redactors without touching the shared module.
    const Counted = function Counted(o) {
      made++;
      const r = new m.Redactor(o);
      const del = r.delete.bind(r);
      r.delete = () => { freed++; del(); };
      return r;
    };
    return new Proxy(m, { get: (t, k) => (k === 'Redactor' ? Counted : t[k]) });
  };
  const w = fakeWorker(factory);
  const ready = await w.until((m) => m.type === 'ready');
  assert.equal(ready.redactOptions, true);
  const names = ready.categories.map((c) => c.name);
  assert.ok(names.includes('aws-identifier') && names.includes('aws-credential'), names.join(' '));
  assert.deepEqual(names, [...names].sort(), 'sorted');
  assert.ok(ready.categories.every((c) => c.rules > 0));

  const text = 'account_id = 123456789012\naws_secret_access_key = q8Zr3vLk2Pm9XtW4bN7cJd1Hf6Gy0Ks5Ue8Ra2Vo\n';
  let id = 0;
  const redact = async (options) => {
    const n = ++id;
    w.send({ id: n, type: 'redact', text, options });
    return (await w.until((m) => m.id === n && m.type === 'result')).result;
  };
  const plain = await redact(undefined);
  assert.match(plain.redacted, /^account_id = \d{12}\n/);
  assert.equal(made, 0, 'the defaults use the built-in Redactor');
  const labelled = await redact({ style: 'labelled' });
  assert.match(labelled.redacted, /^account_id = \{\{AWS_ACCOUNT_ID_\d+\}\}\n/);
  assert.equal(labelled.redacted.split('\n')[1], plain.redacted.split('\n')[1], 'same vault: the secret keeps its placeholder');
  await redact({ style: 'labelled', disabledCategories: [] });
  assert.deepEqual([made, freed], [1, 0], 'same options: the cached Redactor');
  const noIds = await redact({ style: 'format-preserving', disabledCategories: ['aws-identifier'] });
  assert.deepEqual([made, freed], [2, 1], 'new options: a new Redactor, the old one freed');
  assert.match(noIds.redacted, /^account_id = 123456789012\n/);
  assert.deepEqual(noIds.findings.map((f) => f.rule), ['aws-secret-access-key']);
  await redact({ disabledCategories: ['aws-identifier', 'aws-identifier'] });
  assert.deepEqual([made, freed], [2, 1], 'options are compared after normalising');
  w.send({ id: 99, type: 'restore', text: `${plain.redacted}${labelled.redacted}` });
  assert.equal((await w.until((m) => m.id === 99)).result.text, `${text}${text}`, 'one vault restores every style');
});

test('a text that begins with a byte order mark keeps it: redacted, placeholder positions and restore exact', async () => {
  const w = fakeWorker();
  await w.until((m) => m.type === 'ready');
  const secret = 'q7Rk2Lw9Zt4Xp1Mv8Ns3Hb6Jc0Fd5Ga2Ye7Ui4Oo';
  const text = `\uFEFFaws_secret_access_key = ${secret}\n`;
  w.send({ id: 1, type: 'redact', text });
  const { result } = await w.until((m) => m.id === 1 && m.type === 'result');
  assert.equal(result.redacted.charCodeAt(0), 0xfeff, 'the mark is still the first character');
  assert.equal(result.findings.length, 1);
  const f = result.findings[0];
  assert.equal(result.redacted.slice(f.from, f.to), f.placeholder);
  w.send({ id: 2, type: 'restore', text: result.redacted });
  assert.equal((await w.until((m) => m.id === 2)).result.text, text);
});
