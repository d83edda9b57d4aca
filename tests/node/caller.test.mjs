import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadStackEngine, root } from './load.mjs';

const seed = 'aws sts assume-role \\\n'
  + '  --role-arn arn:aws:iam::987654321098:role/cross-account-role \\\n'
  + '  --role-session-name dev-session\n';

// Embind vectors are handles: copy them into arrays and free them.
function list(vec) {
  const out = [];
  for (let i = 0; i < vec.size(); ++i) out.push(vec.get(i));
  vec.delete();
  return out;
}

test('parseCaller returns typed, located fields', async () => {
  const se = await loadStackEngine();
  assert.equal(se.detectCallerFormat(seed), 'aws-cli');
  const r = se.parseCaller(seed);
  assert.equal(r.error.code, '');
  assert.equal(r.format, 'aws-cli');
  const callers = list(r.callers);
  list(r.problems);
  const c = callers[r.primary];
  assert.equal(c.operation, 'AssumeRole');
  assert.equal(c.roleArn, 'arn:aws:iam::987654321098:role/cross-account-role');
  assert.equal(c.sessionName, 'dev-session');
  assert.equal(c.externalId, '');
  const fields = list(c.fields);
  const arn = fields.find((f) => f.name === 'role_arn');
  assert.equal(arn.span.start.line, 2);
  assert.equal(seed.slice(arn.span.start.offsetUtf16, arn.span.end.offsetUtf16), c.roleArn);
  assert.equal(arn.literal, true);
  for (const cc of callers) {
    list(cc.tags); list(cc.transitiveTagKeys); list(cc.sourceChain);
    if (cc !== c) list(cc.fields);
  }
});

test('fixCaller adds --external-id in the same continuation style and reports the change', async () => {
  const se = await loadStackEngine();
  const req = new se.CallerFixRequest();
  try {
    req.externalId = '7f3c2a-customer-42';
    const f = se.fixCaller(seed, req);
    assert.equal(f.error.code, '');
    assert.equal(f.text, seed.replace('dev-session\n', 'dev-session \\\n  --external-id "7f3c2a-customer-42"\n'));
    const changes = list(f.changes);
    list(f.problems);
    assert.equal(changes.length, 1);
    assert.equal(changes[0].action, 'added');
    assert.equal(f.text.slice(changes[0].span.start.offsetUtf16, changes[0].span.end.offsetUtf16), '7f3c2a-customer-42');
  } finally {
    req.delete();
  }
});

test('fixCaller refuses values STS would reject, with an explanation', async () => {
  const se = await loadStackEngine();
  const req = new se.CallerFixRequest();
  try {
    req.externalId = 'has a space';
    req.durationSeconds = 99999;
    req.addTag('team', 'red');
    const f = se.fixCaller(seed, req);
    assert.equal(f.error.code, '');
    const problems = list(f.problems);
    const changes = list(f.changes);
    assert.ok(problems.some((p) => p.code === 'CALLER_EXTERNAL_ID_CHARSET' && /letters, digits/.test(p.message)));
    assert.ok(problems.some((p) => p.code === 'CALLER_DURATION_RANGE'));
    assert.ok(changes.some((c) => c.field === 'tags'));
    assert.ok(f.text.includes('--tags Key=team,Value=red'));
    assert.ok(!f.text.includes('has a space'));
  } finally {
    req.delete();
  }
  const v = list(se.validateCallerValue('token_code', '12345', false));
  assert.equal(v[0].code, 'CALLER_TOKEN_CODE');
});

test('every format round-trips through the wasm module', async () => {
  const se = await loadStackEngine();
  const samples = {
    'aws-config': '[profile a]\nrole_arn = arn:aws:iam::111122223333:role/a\nsource_profile = b\n[b]\naws_access_key_id = k\n',
    'terraform-provider': 'provider "aws" {\n  assume_role {\n    role_arn = "arn:aws:iam::111122223333:role/tf"\n  }\n}\n',
    'github-actions': '- uses: aws-actions/configure-aws-credentials@v4\n  with:\n    aws-access-key-id: ${{ secrets.K }}\n    role-to-assume: arn:aws:iam::111122223333:role/g\n',
    boto3: "sts.assume_role(RoleArn='arn:aws:iam::111122223333:role/p', RoleSessionName='p')",
    'js-sdk-v3': "new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111122223333:role/j', RoleSessionName: 'j' })",
    'go-sdk-v2': 'stscreds.NewAssumeRoleProvider(client, "arn:aws:iam::111122223333:role/g")',
    'java-sdk-v2': 'AssumeRoleRequest.builder().roleArn("arn:aws:iam::111122223333:role/j").roleSessionName("j").build()',
  };
  for (const [format, text] of Object.entries(samples)) {
    assert.equal(se.detectCallerFormat(text), format, format);
    const req = new se.CallerFixRequest();
    req.externalId = 'Ext-1';
    const f = se.fixCaller(text, req);
    req.delete();
    assert.equal(f.error.code, '', `${format}: ${f.error.message}`);
    list(f.changes); list(f.problems);
    const again = se.parseCaller(f.text);
    const callers = list(again.callers);
    list(again.problems);
    assert.equal(callers[again.primary].externalId, 'Ext-1', format);
    for (const c of callers) { list(c.fields); list(c.tags); list(c.transitiveTagKeys); list(c.sourceChain); }
  }
});

test('bad input gives an error value through the JS boundary', async () => {
  const se = await loadStackEngine();
  const bin = se.parseCaller('aws sts assume-role\n\u0000');
  assert.equal(bin.error.code, 'INPUT_BINARY');
  assert.equal(bin.error.location.line, 2);
  list(bin.callers); list(bin.problems);
  const none = se.parseCaller('hello');
  assert.equal(none.error.code, 'CALLER_NOT_FOUND');
  list(none.callers); list(none.problems);
  const deep = se.parseCaller(`provider "aws" {\n x = ${'['.repeat(100000)}\n}`);
  assert.equal(deep.error.code, 'CALLER_TOO_DEEP');
  list(deep.callers); list(deep.problems);
});

test('corpus callers parse through the wasm module', async (t) => {
  const dir = path.join(process.env.STACKENGINE_SHARED ?? path.join(root, '..', 'shared'), 'corpus', 'real-world', 'callers');
  if (!existsSync(dir)) {
    t.skip('../shared/corpus/real-world/callers not found');
    return;
  }
  const se = await loadStackEngine();
  let parsed = 0;
  for (const name of readdirSync(dir)) {
    const text = readFileSync(path.join(dir, name), 'utf8');
    const r = se.parseCaller(text);
    const callers = list(r.callers);
    list(r.problems);
    if (r.error.code === '') {
      parsed += 1;
      for (const c of callers) { list(c.fields); list(c.tags); list(c.transitiveTagKeys); list(c.sourceChain); }
    } else {
      assert.ok(r.error.location.line >= 1, name);
    }
    const same = new se.CallerFixRequest();
    const f = se.fixCaller(text, same);
    same.delete();
    list(f.changes); list(f.problems);
    assert.equal(f.text, text, `${name} renders back byte for byte`);
  }
  assert.ok(parsed >= 20, `parsed ${parsed}`);
});
