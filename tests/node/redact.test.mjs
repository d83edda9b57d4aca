import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadStackEngine, dist } from './load.mjs';

const policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }],
}, null, 2);

test('redact returns typed findings and restore puts every byte back', async () => {
  const se = await loadStackEngine();
  const vault = new se.Vault();
  try {
    const r = vault.redact(policy);
    assert.equal(r.error.code, '');
    assert.ok(!r.redacted.includes('123456789012'));
    assert.doesNotThrow(() => JSON.parse(r.redacted), 'redacted JSON stays JSON');
    assert.equal(r.findings.size(), 1);
    const f = r.findings.get(0);
    assert.equal(f.rule, 'aws-arn');
    assert.equal(typeof f.start.line, 'number');
    assert.equal(policy.slice(f.start.offsetUtf16, f.end.offsetUtf16), 'arn:aws:iam::123456789012:root');
    assert.match(f.placeholder, /^arn:aws:iam::\d{12}:root$/, 'the ARN stays an ARN and :root stays');
    r.findings.delete();
    assert.equal(vault.restore(r.redacted), policy);
  } finally {
    vault.delete();
  }
});

test('invalid UTF-8 and binary input give an error value with a location', async () => {
  const se = await loadStackEngine();
  const vault = new se.Vault();
  try {
    // A lone surrogate cannot be encoded as UTF-8; Embind substitutes U+FFFD, so
    // send NUL instead to hit the binary path through the JS boundary.
    const r = vault.redact('abc\n\u0000def');
    assert.equal(r.error.code, 'INPUT_BINARY');
    assert.equal(r.error.location.line, 2);
    assert.equal(r.error.location.column, 1);
    r.findings.delete();
  } finally {
    vault.delete();
  }
});

test('50 MB of text yields a result, not a crash', async () => {
  const se = await loadStackEngine();
  const vault = new se.Vault();
  try {
    const line = 'role = arn:aws:iam::123456789012:role/deployer  # padding padding padding\n';
    const big = line.repeat(Math.ceil((50 << 20) / line.length));
    const r = vault.redact(big);
    assert.equal(r.error.code, '');
    assert.ok(r.findings.size() > 1000);
    assert.ok(!r.redacted.includes('123456789012'));
    r.findings.delete();
  } finally {
    vault.delete();
  }
});

test('the single-file build loads with no .wasm beside it', async () => {
  const require = createRequire(import.meta.url);
  const se = await require(path.join(dist, 'stackengine-single.js'))();
  const vault = new se.Vault();
  const r = vault.redact('account 123456789012');
  assert.equal(r.findings.size(), 1);
  r.findings.delete();
  vault.delete();
});
