import test from 'node:test';
import assert from 'node:assert/strict';
import { loadStackEngine } from './load.mjs';

const policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::123456789012:root' },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'sts:ExternalId': 'acme-prod-pipeline-x7f2' } },
  }],
}, null, 2);

function plain(v) {
  if (v && typeof v === 'object' && typeof v.size === 'function' && typeof v.get === 'function') {
    const out = [];
    for (let i = 0; i < v.size(); i++) out.push(plain(v.get(i)));
    v.delete();
    return out;
  }
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

test('simulate returns a typed decision with per-statement reasons and what would satisfy them', async () => {
  const se = await loadStackEngine();
  const r = plain(se.simulate({
    policy,
    principal: 'arn:aws:iam::123456789012:user/dev',
    roleArn: 'arn:aws:iam::987654321098:role/cross-account-role',
    call: { sessionName: 'dev-session' },
  }));
  assert.equal(r.decision, 'ImplicitlyDenied');
  assert.equal(r.decidedBy, 'trust-policy');
  assert.equal(r.trustDecision, 'ImplicitlyDenied');
  assert.equal(r.sameAccount, false);
  assert.equal(r.errors.length, 0);
  assert.equal(r.reasons.length, 1);
  const s = r.reasons[0];
  assert.equal(s.policy, 'trust');
  assert.equal(s.failedElement, 'condition');
  assert.equal(s.principalMatch, 'account');
  assert.equal(s.conditions[0].keyPresent, false);
  assert.equal(s.conditions[0].satisfy, 'send sts:ExternalId = acme-prod-pipeline-x7f2');
  assert.equal(s.conditions[0].location.line, 12);
  assert.equal(typeof s.conditions[0].location.offsetUtf16, 'number');
});

test('simulate: call parameters, multivalued context, caller policies', async () => {
  const se = await loadStackEngine();
  const base = {
    policy,
    principal: 'arn:aws:iam::123456789012:user/dev',
    roleArn: 'arn:aws:iam::987654321098:role/cross-account-role',
  };
  let r = plain(se.simulate({ ...base, call: { externalId: 'acme-prod-pipeline-x7f2' } }));
  assert.equal(r.decision, 'Allowed');
  assert.equal(r.trustGrant, 'account');
  assert.equal(r.callerEvaluated, false);
  r = plain(se.simulate({ ...base, context: { 'sts:ExternalId': 'acme-prod-pipeline-x7f2' }, callerPoliciesKnown: true }));
  assert.equal(r.decision, 'ImplicitlyDenied');
  assert.equal(r.decidedBy, 'identity-policy');
  r = plain(se.simulate({
    ...base,
    context: { 'sts:ExternalId': 'acme-prod-pipeline-x7f2', 'aws:TagKeys': ['a', 'b'] },
    identityPolicies: [JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] })],
    call: { tags: [{ key: 'team', value: 'x' }] },
  }));
  assert.equal(r.decision, 'ImplicitlyDenied');
  assert.equal(r.decidedBy, 'tag-session');
  assert.deepEqual(r.extraChecks, [{ action: 'sts:TagSession', decision: 'ImplicitlyDenied' }]);
});

test('simulate never throws on bad input: errors are values', async () => {
  const se = await loadStackEngine();
  for (const req of [{}, { policy: '{', principal: 'x' }, { policy, principal: '' }, { policy: '\u0000', principal: 'arn:aws:iam::1:user/a' }, { policy, principal: 'arn:aws:iam::123456789012:user/a', context: { k: 1 }, identityPolicies: 'not-a-list' }]) {
    const r = plain(se.simulate(req));
    assert.ok(['Allowed', 'ImplicitlyDenied', 'ExplicitlyDenied'].includes(r.decision));
    if (!req.policy || req.policy === '{' || req.policy === '\u0000' || !req.principal) assert.ok(r.errors.length > 0, JSON.stringify(req));
  }
});
