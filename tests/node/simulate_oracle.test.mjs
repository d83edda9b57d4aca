// Differential test: our simulator (the WebAssembly module) against the independent oracle
// (../shared/oracle: @cloud-copilot/iam-simulate, AGPL, test-time only, never bundled).
// 1. The 35 documented cases agree. 2. A seeded generator of 10,000 random trust policies
// x requests agrees >= 99.9%. 3. The documented divergences (tests/oracle/divergences.json,
// explained in tests/oracle/DISAGREEMENTS.md) still diverge exactly as written, so that
// file stays true. Disagreements of run 2 are written to test-artifacts/.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadStackEngine, root } from './load.mjs';
import { oracleAvailable, oracleScript } from '../oracle.mjs';
import { generateCases } from '../oracle/generate.mjs';

const shared = process.env.STACKENGINE_SHARED || path.join(root, '..', 'shared');
const casesDir = path.join(shared, 'oracle', 'cases');
const SEED = Number(process.env.SIMULATE_SEED || 20261128);
const COUNT = Number(process.env.SIMULATE_COUNT || 10000);

let evaluateCase;
async function oracle() {
  if (!evaluateCase) {
    process.env.ORACLE_NO_MAIN = '1';
    ({ evaluateCase } = await import(pathToFileURL(oracleScript).href));
  }
  return evaluateCase;
}

function skipReason() {
  if (!existsSync(path.join(shared, 'oracle'))) return 'skipped: ../shared/oracle not found (set STACKENGINE_SHARED)';
  if (!oracleAvailable()) return 'skipped: the oracle could not be installed into build/oracle';
  return '';
}

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

const policyText = (p) => JSON.stringify(p && typeof p === 'object' && 'policy' in p && !('Statement' in p) ? p.policy : p);

// An oracle case through our module; the answer in the oracle's vocabulary.
export function ours(se, c) {
  const r = plain(se.simulate({
    policy: JSON.stringify(c.trustPolicy),
    principal: c.principal,
    roleArn: c.resource,
    action: c.action || '',
    identityPolicies: (c.identityPolicies || []).map(policyText),
    scps: (c.scps || []).map(policyText),
    permissionsBoundary: c.permissionBoundaries?.length ? policyText(c.permissionBoundaries[0]) : '',
    callerPoliciesKnown: true,
    context: c.context || {},
  }));
  const decision = r.errors.length ? 'Error' : r.policyProblems.length ? 'InvalidPolicy' : r.decision;
  return { decision, result: r };
}

test('the 35 documented oracle cases: ours = oracle = AWS-documented expectation', async (t) => {
  const why = skipReason();
  if (why) return t.skip(why);
  const se = await loadStackEngine();
  const evaluate = await oracle();
  const files = readdirSync(casesDir).filter((f) => f.endsWith('.json')).sort();
  assert.equal(files.length, 35);
  for (const f of files) {
    const c = JSON.parse(readFileSync(path.join(casesDir, f), 'utf8'));
    const o = await evaluate(c);
    const m = ours(se, c);
    assert.equal(m.decision, o.decision, `${f}: ours ${m.decision} (${m.result.summary}), oracle ${o.decision}`);
    assert.equal(m.decision, c.expect.decision, f);
  }
});

test(`${COUNT} random trust policies x requests (seed ${SEED}) agree with the oracle >= 99.9%`, async (t) => {
  const why = skipReason();
  if (why) return t.skip(why);
  const se = await loadStackEngine();
  const evaluate = await oracle();
  const cases = generateCases({ seed: SEED, count: COUNT });
  const disagreements = [];
  const tally = {};
  for (const c of cases) {
    const o = await evaluate(c);
    const m = ours(se, c);
    tally[o.decision] = (tally[o.decision] || 0) + 1;
    if (o.decision !== m.decision) {
      disagreements.push({ case: c, oracle: o.decision, ours: m.decision, summary: m.result.summary,
        oracleTrust: o.trustPolicyResult, oracleIdentity: o.identityPolicyResult, engine: o.engine });
    }
  }
  const dir = path.join(root, 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'simulate-oracle-disagreements.json'), JSON.stringify({ seed: SEED, count: COUNT, tally, disagreements }, null, 2));
  const agreement = 1 - disagreements.length / cases.length;
  t.diagnostic(`agreement ${(agreement * 100).toFixed(3)}% (${disagreements.length} of ${cases.length} differ); oracle decisions ${JSON.stringify(tally)}`);
  // The generator must exercise every outcome, or agreement says little.
  for (const d of ['Allowed', 'ImplicitlyDenied', 'ExplicitlyDenied']) assert.ok((tally[d] || 0) > cases.length / 20, `too few ${d}`);
  assert.ok(agreement >= 0.999, `agreement ${agreement}; see test-artifacts/simulate-oracle-disagreements.json`);
});

test('documented divergences still diverge as tests/oracle/DISAGREEMENTS.md says', async (t) => {
  const why = skipReason();
  if (why) return t.skip(why);
  const se = await loadStackEngine();
  const evaluate = await oracle();
  const list = JSON.parse(readFileSync(path.join(root, 'tests', 'oracle', 'divergences.json'), 'utf8'));
  const doc = readFileSync(path.join(root, 'tests', 'oracle', 'DISAGREEMENTS.md'), 'utf8');
  for (const d of list) {
    assert.ok(doc.includes(d.id), `${d.id} is explained in DISAGREEMENTS.md`);
    const o = await evaluate(d.case);
    const m = ours(se, d.case);
    assert.equal(m.decision, d.ours, `${d.id}: ours (${m.result.summary})`);
    assert.equal(o.decision, d.oracle, `${d.id}: oracle`);
  }
});
