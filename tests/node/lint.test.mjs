import test from 'node:test';
import assert from 'node:assert/strict';
import { loadStackEngine } from './load.mjs';

// Embind vectors are handles: copy them into arrays and free them.
function list(vec) {
  const out = [];
  for (let i = 0; i < vec.size(); ++i) out.push(vec.get(i));
  vec.delete();
  return out;
}

const external = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }],
}, null, 2);

test('lintPolicy returns typed, located findings', async () => {
  const se = await loadStackEngine();
  const r = se.lintPolicy(external, '');
  const findings = list(r.findings);
  assert.deepEqual(list(r.errors), []);
  assert.equal(findings.length, 1);
  const f = findings[0];
  assert.equal(f.id, 'TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID');
  assert.equal(se.severityName(f.severity), 'high');
  assert.equal(f.statement, 0);
  assert.equal(f.pointer, '/Statement/0/Principal/AWS');
  assert.equal(f.fix, 'FIX_ADD_EXTERNAL_ID');
  assert.match(f.message, /possibly external/);
  assert.equal(external.slice(f.location.offsetUtf16, f.location.offsetUtf16 + 5), '"arn:');
  // The role's own account is not external.
  const same = se.lintPolicy(external, 'arn:aws:iam::111122223333:role/r');
  assert.equal(list(same.findings).length, 0);
  list(same.errors);
});

test('lintPolicy reports bad input as located errors, never throws', async () => {
  const se = await loadStackEngine();
  for (const bad of ['{"Statement": [', '['.repeat(100000), '\u0000binary', 'x: [\n']) {
    const r = se.lintPolicy(bad, '');
    const errors = list(r.errors);
    list(r.findings);
    assert.ok(errors.length >= 1, bad.slice(0, 20));
    assert.ok(errors[0].location.line >= 1);
    assert.ok(errors[0].message.length > 0);
  }
});
