// fixTrustPolicy / renderPolicy / unifiedDiff through the WebAssembly module, and the
// ExternalId fixes checked against the independent oracle (../shared/oracle,
// test-time only): the fixed policy allows the caller with the id and denies it
// without (or with a wrong one).
import test from 'node:test';
import assert from 'node:assert/strict';
import { loadStackEngine } from './load.mjs';
import { oracleAvailable, simulate } from '../oracle.mjs';

const ROLE = 'arn:aws:iam::222222222222:role/Target';

function toArray(vec) {
  const out = [];
  for (let i = 0; i < vec.size(); i++) out.push(vec.get(i));
  vec.delete();
  return out;
}

// Frees the result's vectors and returns plain arrays.
function plain(r) {
  return {
    errors: toArray(r.errors),
    changed: r.changed,
    originalJson: r.originalJson,
    policyJson: r.policyJson,
    applied: toArray(r.applied),
    notFixed: toArray(r.notFixed),
    findingsAfter: toArray(r.findingsAfter),
    generatedExternalId: r.generatedExternalId,
  };
}

async function fix(policy, { roleArn = ROLE, ids = [], ...rest } = {}) {
  const se = await loadStackEngine();
  const o = new se.FixOptions();
  try {
    o.roleArn = roleArn;
    for (const [account, value] of ids) o.addExternalId(account, value);
    for (const [k, v] of Object.entries(rest)) o[k] = v;
    return plain(se.fixTrustPolicy(typeof policy === 'string' ? policy : JSON.stringify(policy), o));
  } finally {
    o.delete();
  }
}

const xacct = (principal, condition) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'Vendor', Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }],
});

test('fixTrustPolicy adds StringEquals sts:ExternalId and lint no longer reports it', async () => {
  const r = await fix(xacct('arn:aws:iam::111111111111:root'), { ids: [['', 'vendor-id-123']] });
  assert.deepEqual(r.errors, []);
  assert.equal(r.changed, true);
  const p = JSON.parse(r.policyJson);
  assert.equal(p.Statement[0].Sid, 'Vendor');
  assert.equal(p.Statement[0].Condition.StringEquals['sts:ExternalId'], 'vendor-id-123');
  assert.ok(r.applied.some((a) => a.fix === 'FIX_ADD_EXTERNAL_ID' && a.description.includes('vendor-id-123')));
  assert.ok(!r.findingsAfter.some((f) => f.id === 'TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID'));
  for (const f of r.findingsAfter) assert.equal(typeof f.location.line, 'number');
});

test('without an id one is generated from crypto.getRandomValues: 40 characters, never repeated', async () => {
  const seen = new Set();
  for (let i = 0; i < 20; i++) {
    const r = await fix(xacct('111111111111'));
    assert.match(r.generatedExternalId, /^[A-Za-z0-9_-]{40}$/);
    assert.ok(r.applied.some((a) => a.description.includes('generated')));
    seen.add(r.generatedExternalId);
  }
  assert.equal(seen.size, 20);
  const se = await loadStackEngine();
  assert.equal(se.generateExternalId(64).length, 64);
  assert.equal(se.isValidExternalId('a b'), false);
  const opt = se.parseExternalIdOption('111111111111=abc');
  assert.deepEqual(opt, { account: '111111111111', value: 'abc' });
});

test('bad options and bad input give error values, not exceptions', async () => {
  let r = await fix(xacct('111111111111'), { ids: [['', 'has space']] });
  assert.equal(r.errors[0].code, 'FIX_OPTION_INVALID');
  r = await fix('{"Statement": [');
  assert.ok(r.errors.length > 0);
  assert.equal(typeof r.errors[0].location.line, 'number');
  r = await fix('caf\u00e9 \uD800 not json');
  assert.ok(r.errors.length > 0);
});

test('renderPolicy and unifiedDiff', async () => {
  const se = await loadStackEngine();
  const r = await fix(xacct('111111111111'), { ids: [['', 'abc-123']] });
  const tf = se.renderPolicy(r.policyJson, se.PolicyFormat.TerraformDocument, { name: 'trust' });
  assert.equal(tf.error, '');
  assert.match(tf.text, /^data "aws_iam_policy_document" "trust" \{/);
  assert.match(tf.text, /variable = "sts:ExternalId"/);
  const enc = se.renderPolicy(r.policyJson, se.PolicyFormat.TerraformJsonencode, { name: '' });
  assert.match(enc.text, /"sts:ExternalId" = "abc-123"/);
  const yaml = se.renderPolicy(r.policyJson, se.PolicyFormat.CloudFormationYaml, { name: '' });
  assert.match(yaml.text, /^AssumeRolePolicyDocument:\n {2}Version: '2012-10-17'\n/);
  const cfn = JSON.parse(se.renderPolicy(r.policyJson, se.PolicyFormat.CloudFormationJson, { name: '' }).text);
  assert.deepEqual(cfn.AssumeRolePolicyDocument, JSON.parse(r.policyJson));
  assert.equal(se.canonicalPolicyJson(JSON.stringify(JSON.parse(r.policyJson))), r.policyJson);
  const d = se.unifiedDiff(r.originalJson, r.policyJson, 'original', 'fixed', 3);
  assert.match(d, /^--- original\n\+\+\+ fixed\n@@ -\d+,\d+ \+\d+,\d+ @@\n/);
  assert.match(d, /^\+ {10}"sts:ExternalId": "abc-123"$/m);
  assert.equal(se.renderPolicy('[1]', se.PolicyFormat.Json, { name: '' }).error.length > 0, true);
});

// ---- oracle -------------------------------------------------------------------

// Deterministic scenarios (mulberry32, fixed seed): who is trusted, in which principal
// form, and which weak ExternalId form (if any) the policy starts with.
function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (rnd, xs) => xs[Math.floor(rnd() * xs.length)];

function scenarios(seed, n) {
  const rnd = mulberry32(seed);
  const out = [];
  for (let i = 0; i < n; i++) {
    const account = String(100000000000 + Math.floor(rnd() * 800000000000));
    const form = pick(rnd, ['root', 'bare', 'user', 'role']);
    const principal = { root: `arn:aws:iam::${account}:root`, bare: account, user: `arn:aws:iam::${account}:user/alice`, role: `arn:aws:iam::${account}:role/Deployer` }[form];
    const caller = form === 'role' ? `arn:aws:sts::${account}:assumed-role/Deployer/ci` : `arn:aws:iam::${account}:user/alice`;
    const weak = pick(rnd, [null, { StringLike: { 'sts:ExternalId': '*' } }, { StringEqualsIfExists: { 'sts:ExternalId': 'kept-id-1' } }, { Null: { 'sts:ExternalId': 'false' } }, { 'ForAnyValue:StringEquals': { 'sts:ExternalId': 'kept-id-2' } }]);
    const given = pick(rnd, [null, `given-${i}-id`]);
    out.push({ name: `#${i} ${form} ${weak ? Object.keys(weak)[0] : 'no condition'} ${given ? 'given id' : 'generated id'}`, principal, caller, account, weak, given });
  }
  return out;
}

function oracleCase(policy, sc, context) {
  return {
    trustPolicy: policy,
    identityPolicies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLE }] }],
    principal: sc.caller,
    action: 'sts:AssumeRole',
    resource: ROLE,
    context,
  };
}

test('ExternalId fixes against the oracle: allowed with the id, denied without', async (t) => {
  if (!oracleAvailable()) return t.skip('oracle: ../shared/oracle not found (set STACKENGINE_SHARED)');
  for (const sc of scenarios(20261128, 8)) {
    await t.test(sc.name, async () => {
      const r = await fix(xacct(sc.principal, sc.weak), { ids: sc.given ? [['', sc.given]] : [] });
      assert.deepEqual(r.errors, []);
      const policy = JSON.parse(r.policyJson);
      const id = policy.Statement[0].Condition.StringEquals['sts:ExternalId'];
      const kept = sc.weak && Object.values(sc.weak)[0]['sts:ExternalId'];
      const expected = kept && kept !== '*' && kept !== 'false' ? kept : sc.given ?? r.generatedExternalId;
      assert.equal(id, expected);
      assert.ok(!r.findingsAfter.some((f) => f.id === 'TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID' || f.id === 'TRUST_EXTERNAL_ID_WEAK'));
      const withId = await simulate(oracleCase(policy, sc, { 'sts:ExternalId': id }));
      assert.equal(withId.decision, 'Allowed', JSON.stringify(withId.denials ?? withId.errors));
      const without = await simulate(oracleCase(policy, sc, {}));
      assert.equal(without.decision, 'ImplicitlyDenied');
      const wrong = await simulate(oracleCase(policy, sc, { 'sts:ExternalId': id.toUpperCase() === id ? id + 'x' : id.toUpperCase() }));
      assert.equal(wrong.decision, 'ImplicitlyDenied');
      // The original let callers in that the fix now refuses: no id at all (no condition,
      // IfExists), or any id (StringLike "*", Null false). ForAnyValue on a present
      // single value already behaved like StringEquals.
      const op = sc.weak ? Object.keys(sc.weak)[0] : null;
      if (op !== 'ForAnyValue:StringEquals') {
        const ctx = op === 'StringLike' || op === 'Null' ? { 'sts:ExternalId': 'anything-else' } : {};
        const before = await simulate(oracleCase(xacct(sc.principal, sc.weak), sc, ctx));
        assert.equal(before.decision, 'Allowed');
        assert.equal((await simulate(oracleCase(policy, sc, ctx))).decision, 'ImplicitlyDenied');
      }
    });
  }
});

test('per-account ids split the statement; the oracle sees each account need its own id', async (t) => {
  if (!oracleAvailable()) return t.skip('oracle: ../shared/oracle not found (set STACKENGINE_SHARED)');
  const r = await fix(xacct(['arn:aws:iam::111111111111:root', 'arn:aws:iam::333333333333:root']), {
    ids: [['111111111111', 'id-one'], ['333333333333', 'id-three']],
  });
  const policy = JSON.parse(r.policyJson);
  assert.equal(policy.Statement.length, 2);
  for (const [account, id, other] of [['111111111111', 'id-one', 'id-three'], ['333333333333', 'id-three', 'id-one']]) {
    const sc = { caller: `arn:aws:iam::${account}:user/alice` };
    assert.equal((await simulate(oracleCase(policy, sc, { 'sts:ExternalId': id }))).decision, 'Allowed');
    assert.equal((await simulate(oracleCase(policy, sc, { 'sts:ExternalId': other }))).decision, 'ImplicitlyDenied');
    assert.equal((await simulate(oracleCase(policy, sc, {}))).decision, 'ImplicitlyDenied');
  }
});
