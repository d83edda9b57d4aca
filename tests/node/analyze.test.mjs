import test from 'node:test';
import assert from 'node:assert/strict';
import { loadStackEngine } from './load.mjs';

const seedPolicy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::123456789012:root' },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'sts:ExternalId': 'acme-prod-pipeline-x7f2' } },
  }],
}, null, 2);
const seedCommand = 'aws sts assume-role --role-arn arn:aws:iam::987654321098:role/cross-account-role --role-session-name dev-session';
const seedError = 'An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::123456789012:user/dev is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::987654321098:role/cross-account-role';

function request(fields) {
  return { policy: '', caller: '', error: '', roleArn: '', callerArn: '', externalId: '', redact: true, ...fields };
}

// Embind vectors -> arrays, freeing them.
function list(v) {
  const out = [];
  for (let i = 0; i < v.size(); i++) out.push(v.get(i));
  v.delete();
  return out;
}

function free(r) {
  for (const c of list(r.causes)) c.evidence.delete();
  r.inputErrors.delete();
  r.findings.delete();
  r.fixedPolicy.applied.delete();
  r.fixedPolicy.findingsAfter.delete();
  r.fixedCaller.applied.delete();
  r.fixedCaller.problems.delete();
}

test('Module.analyze: the seed scenario ranks CAUSE_EXTERNAL_ID_MISSING first and fixes the command', async () => {
  const se = await loadStackEngine();
  assert.equal(typeof se.analyze, 'function');
  const r = se.analyze(request({ policy: seedPolicy, caller: seedCommand, error: seedError }));
  try {
    assert.equal(r.detected.errorKind, 'ERR_ASSUME_ROLE_ACCESS_DENIED');
    assert.equal(r.detected.policyKind, 'policy-json');
    assert.equal(r.detected.callerFormat, 'aws-cli');
    assert.equal(r.decision, 'ImplicitlyDenied');
    assert.equal(r.inputErrors.size(), 0);
    assert.ok(r.causes.size() >= 1);
    const first = r.causes.get(0);
    assert.equal(first.id, 'CAUSE_EXTERNAL_ID_MISSING');
    assert.equal(typeof first.confidence, 'number');
    assert.ok(first.confidence > 0.9);
    const evidence = list(first.evidence);
    const fromPolicy = evidence.find((e) => e.input === 'policy');
    assert.ok(fromPolicy, 'evidence points into the policy');
    assert.equal(fromPolicy.pointer, '/Statement/0/Condition/StringEquals/sts:ExternalId');
    assert.ok(fromPolicy.location.line > 1);
    assert.ok(evidence.some((e) => e.input === 'caller'));
    assert.ok(r.fixedCaller.changed);
    assert.ok(r.fixedCaller.text.includes('--external-id "acme-prod-pipeline-x7f2"'));
    assert.ok(r.fixedCaller.diff.includes('+aws sts assume-role'));
    assert.ok(!r.redacted.error.includes('123456789012'), 'redacted copy hides the account');
    assert.ok(r.redacted.replaced > 0);
  } finally {
    free(r);
  }
});

test('Module.analyze: every input optional, bad input reported, nothing thrown', async () => {
  const se = await loadStackEngine();
  const empty = se.analyze(request({}));
  try {
    assert.equal(empty.detected.errorKind, 'empty');
    assert.equal(empty.detected.policyKind, 'empty');
    assert.equal(empty.detected.callerFormat, 'empty');
    assert.equal(empty.causes.size(), 0);
    assert.equal(empty.decision, '');
  } finally {
    free(empty);
  }
  const bad = se.analyze(request({ policy: '{"Statement": [', error: 'Roles may not be assumed by root accounts.', redact: false }));
  try {
    const errors = list(bad.inputErrors);
    bad.inputErrors = { delete() {} };
    assert.ok(errors.some((e) => e.input === 'policy' && e.location.line >= 1));
    assert.equal(bad.detected.errorKind, 'ERR_ROOT_CALLER');
    assert.equal(bad.causes.get(0).id, 'CAUSE_ROOT_CALLER');
    assert.equal(bad.redacted.policy, '');
  } finally {
    free(bad);
  }
});
