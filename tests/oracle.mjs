// The test-time trust-policy oracle (../shared/oracle: @cloud-copilot/iam-simulate,
// AGPL-3.0) as two functions. It runs out of process and is never bundled.
//
//   import { oracleAvailable, simulate } from '../oracle.mjs';
//   test('...', async (t) => {
//     if (!oracleAvailable()) return t.skip('oracle: ../shared/oracle not found');
//     const r = await simulate({ trustPolicy, principal, resource, context: { 'sts:ExternalId': id } });
//     assert.equal(r.decision, 'Allowed');
//   });
//
// oracleAvailable() installs it once into build/oracle (scripts/lib/oracle.sh,
// ensure_oracle; idempotent) and says whether it can run. STACKENGINE_SHARED
// overrides where ../shared is.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = process.env.STACKENGINE_BUILD_DIR || path.join(root, 'build');
export const oracleScript = path.join(build, 'oracle', 'simulate.mjs');

let available;
export function oracleAvailable() {
  if (available !== undefined) return available;
  const r = spawnSync('bash', [path.join(root, 'scripts', 'lib', 'oracle.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  available = r.status === 0 && existsSync(oracleScript);
  if (!available && r.stderr) process.stderr.write(r.stderr);
  return available;
}

// Runs one case (see ../shared/oracle/README.md for its fields) and resolves to the
// oracle's JSON answer ({decision, trustStatements, ...}). Rejects when the oracle
// cannot run or prints no JSON.
export function simulate(caseObj) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [oracleScript], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve(JSON.parse(out));
      } catch {
        reject(new Error(`oracle exited ${code} without JSON: ${err.slice(0, 500)}`));
      }
    });
    child.stdin.end(JSON.stringify(caseObj));
  });
}
