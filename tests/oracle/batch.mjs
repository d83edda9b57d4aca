// Runs many oracle cases in one process: JSON Lines in (one case per line, from a file or
// stdin), JSON Lines out ({"i", "decision", "trustPolicyResult", "identityPolicyResult",
// "sameAccount", "engine"}). Spawning the oracle once per case would take minutes for
// 10,000 cases. Test-time only (the oracle is AGPL; see tests/oracle.mjs).
//
//   node tests/oracle/batch.mjs cases.jsonl > answers.jsonl
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { oracleScript } from '../oracle.mjs';

process.env.ORACLE_NO_MAIN = '1';
const { evaluateCase } = await import(pathToFileURL(path.resolve(oracleScript)).href);

const input = readFileSync(process.argv[2] || 0, 'utf8');
const out = [];
let i = 0;
for (const line of input.split('\n')) {
  if (!line.trim()) continue;
  const r = await evaluateCase(JSON.parse(line));
  out.push(JSON.stringify({
    i: i++,
    decision: r.decision,
    trustPolicyResult: r.trustPolicyResult,
    identityPolicyResult: r.identityPolicyResult,
    sameAccount: r.sameAccount,
    engine: r.engine,
    ...(process.env.ORACLE_FULL ? { full: r } : {}),
  }));
}
process.stdout.write(out.join('\n') + (out.length ? '\n' : ''));
