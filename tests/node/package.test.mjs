// The npm package as a user gets it: `npm pack`, install the tarball into a fresh
// project, import it from Node, type-check a TypeScript consumer with tsc, and keep
// WebAssembly memory flat over 10,000 calls.
import test from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { root, pkgDir, run, installPackedPackage } from '../package-fixture.mjs';

let project;
test.before(() => { project = installPackedPackage(); });

test('the installed package works from Node: redact, restore, dispose', () => {
  writeFileSync(path.join(project, 'use.mjs'), `
    import { createSandbox } from 'stackengine';
    const se = await createSandbox();
    const text = '{"Principal": {"AWS": "arn:aws:iam::123456789012:root"}}';
    const r = se.redact(text);
    const back = se.restore(r.redacted);
    se.dispose();
    let afterDispose = '';
    try { se.redact('x'); } catch (e) { afterDispose = e.code; }
    console.log(JSON.stringify({ redacted: r.redacted, n: r.findings.length, isArray: Array.isArray(r.findings),
      line: r.findings[0].start.line, roundTrip: back === text, afterDispose }));
  `);
  const out = JSON.parse(run('node', ['use.mjs'], project));
  assert.ok(!out.redacted.includes('123456789012'));
  assert.equal(out.isArray, true, 'findings are a plain array, not an Embind vector');
  assert.ok(out.n >= 1);
  assert.equal(out.line, 1);
  assert.equal(out.roundTrip, true);
  assert.equal(out.afterDispose, 'DISPOSED');
});

test('the installed package redacts with options: labelled style, disabled categories, one vault', () => {
  writeFileSync(path.join(project, 'options.mjs'), `
    import { createSandbox } from 'stackengine';
    const se = await createSandbox();
    const text = 'account_id = 123456789012\\naws_secret_access_key = q8Zr3vLk2Pm9XtW4bN7cJd1Hf6Gy0Ks5Ue8Ra2Vo\\n';
    const labelled = se.redact(text, { placeholderStyle: 'labelled' }).redacted;
    const noIds = se.redact(text, { disabledCategories: ['aws-identifier'] });
    const plain = se.redact(text).redacted;
    let bad = '';
    try { se.redact(text, { placeholderStyle: 'fancy' }); } catch (e) { bad = e.code; }
    const categories = se.ruleCategories();
    const back = se.restore(labelled + plain);
    se.dispose();
    console.log(JSON.stringify({ labelled, noIds: noIds.redacted, rules: noIds.findings.map((f) => f.rule), plain, bad,
      categories: categories.map((c) => c.name), counted: categories.every((c) => c.rules > 0), roundTrip: back === text + text }));
  `);
  const out = JSON.parse(run('node', ['options.mjs'], project));
  assert.match(out.labelled, /^account_id = \{\{AWS_ACCOUNT_ID_\d+\}\}\n/);
  assert.match(out.plain, /^account_id = \d{12}\n/);
  assert.ok(!out.plain.includes('123456789012'));
  assert.match(out.noIds, /^account_id = 123456789012\n/);
  assert.deepEqual(out.rules, ['aws-secret-access-key']);
  assert.equal(out.bad, 'BAD_ARGUMENT');
  assert.ok(out.categories.includes('aws-identifier') && out.counted);
  assert.equal(out.roundTrip, true, 'one vault for every option set');
});

test('the TypeScript declarations type-check a consumer, and reject misuse', () => {
  writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true,
      noEmit: true, skipLibCheck: false, lib: ['es2022', 'dom'] },
    files: ['consumer.ts'],
  }));
  writeFileSync(path.join(project, 'consumer.ts'), `
    import { createSandbox, type AnalyzeResult, type RedactResult } from 'stackengine';
    import { createSandboxWorker } from 'stackengine/worker';
    export async function main(): Promise<number> {
      const se = await createSandbox();
      const r: RedactResult = se.redact('arn:aws:iam::123456789012:root');
      se.redact('x', { placeholderStyle: 'labelled', disabledCategories: ['generic'] });
      const cats: string[] = se.ruleCategories().map((c) => c.name);
      // @ts-expect-error placeholderStyle is one of two names
      se.redact('x', { placeholderStyle: 'fancy' });
      const first: number = r.findings[0].start.offsetUtf16;
      const a: AnalyzeResult = se.analyze({ policy: '{}', caller: '', error: '' });
      const top: string | undefined = a.causes[0]?.id;
      // @ts-expect-error findings is an array of objects, not a string
      const wrong: string = r.findings;
      // @ts-expect-error analyze takes a request object
      se.analyze(42);
      const w = await createSandboxWorker();
      const later: Promise<RedactResult> = w.redact('x');
      w.dispose();
      se.dispose();
      void later; void wrong; void cats;
      return first + (top ? 1 : 0);
    }
  `);
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    run('node', [tsc, '-p', '.'], project);
  } catch (e) {
    assert.fail(`tsc reported errors:\n${e.stdout}${e.stderr}`);
  }
});

const SEED = {
  policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'AllowPipeline', Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'sts:ExternalId': 'acme-prod-pipeline-x7f2' } } }] }, null, 2),
  caller: 'aws sts assume-role \\\n  --role-arn arn:aws:iam::987654321098:role/cross-account-role \\\n  --role-session-name dev-session\n',
  error: 'An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::123456789012:user/dev ' +
    'is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::987654321098:role/cross-account-role',
};
const OPEN_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }] });

test('every method returns plain typed data: analyze, diagnose, lint, fix, simulate, parseCaller', async () => {
  const { createSandbox } = await import(path.join(pkgDir, 'dist', 'node.mjs'));
  const se = await createSandbox();
  try {
    const a = se.analyze(SEED);
    assert.equal(a.causes[0].id, 'CAUSE_EXTERNAL_ID_MISSING');
    assert.ok(Array.isArray(a.causes[0].evidence));
    assert.match(a.fixedCaller.text, /--external-id "acme-prod-pipeline-x7f2"/);
    assert.equal(se.diagnose(SEED).causes[0].id, 'CAUSE_EXTERNAL_ID_MISSING');

    const lint = se.lint(OPEN_POLICY, { roleArn: 'arn:aws:iam::987654321098:role/cross-account-role' });
    const ids = lint.findings.map((f) => f.id);
    assert.ok(ids.includes('TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID'), ids.join());
    assert.ok(['info', 'low', 'medium', 'high', 'critical'].includes(lint.findings[0].severity),
      `severity is a name, not an Embind enum: ${JSON.stringify(lint.findings[0].severity)}`);

    const fixed = se.fix(OPEN_POLICY, { roleArn: 'arn:aws:iam::987654321098:role/cross-account-role',
      externalId: 'acme-prod-pipeline-x7f2' });
    assert.equal(fixed.changed, true);
    assert.equal(JSON.parse(fixed.policyJson).Statement[0].Condition.StringEquals['sts:ExternalId'], 'acme-prod-pipeline-x7f2');
    assert.ok(!fixed.findingsAfter.some((f) => f.id === 'TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID'));

    const request = { policy: SEED.policy, principal: 'arn:aws:iam::123456789012:user/dev',
      roleArn: 'arn:aws:iam::987654321098:role/cross-account-role', callerPoliciesKnown: false };
    assert.notEqual(se.simulate(request).decision, 'Allowed');
    assert.equal(se.simulate({ ...request, call: { externalId: 'acme-prod-pipeline-x7f2' } }).trustDecision, 'Allowed');

    const caller = se.parseCaller(SEED.caller);
    assert.equal(caller.format, 'aws-cli');
    assert.ok(Array.isArray(caller.callers));
  } finally {
    se.dispose();
  }
});

test('10,000 calls across every method leave WebAssembly memory flat (every handle is freed)', async () => {
  const { createSandbox } = await import(path.join(pkgDir, 'dist', 'node.mjs'));
  const se = await createSandbox();
  const text = 'role_arn = arn:aws:iam::123456789012:role/deployer\naccount_id = 210987654321\n';
  // Every method that hands back Embind values, in turn.
  const calls = [
    () => { const r = se.redact(text); assert.equal(r.error.code, ''); se.restore(r.redacted); },
    () => se.analyze({ ...SEED, redact: true }),
    () => se.lint(OPEN_POLICY),
    () => se.fix(OPEN_POLICY, { externalId: 'acme-prod-pipeline-x7f2' }),
    () => se.simulate({ policy: OPEN_POLICY, principal: 'arn:aws:iam::123456789012:user/dev' }),
    () => se.parseCaller(SEED.caller),
  ];
  let i = 0;
  const once = () => calls[i++ % calls.length]();
  for (let i = 0; i < 500; i++) once();  // warm up: allocator pools, vault entries
  const before = { linear: se.memoryBytes(), heap: se.heapBytes() };
  for (let i = 0; i < 10_000; i++) once();
  const after = { linear: se.memoryBytes(), heap: se.heapBytes() };
  se.dispose();
  assert.equal(after.linear, before.linear, 'linear memory did not grow');
  // One leaked findings vector per call would be ~10,000 x 100+ bytes; allow noise only.
  assert.ok(after.heap - before.heap < 16 * 1024, `heap grew from ${before.heap} to ${after.heap} bytes`);
});
