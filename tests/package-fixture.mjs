// Packs web/package with `npm pack` and installs the tarball into a fresh temporary
// project, the way a user would. Shared by the Node and browser package tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const pkgDir = path.join(root, 'web', 'package');
export const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

export function installPackedPackage() {
  const packDir = mkdtempSync(path.join(tmpdir(), 'stackengine-pack-'));
  run('npm', ['pack', '--silent', '--pack-destination', packDir], pkgDir);
  const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack produced no tarball');
  const project = mkdtempSync(path.join(tmpdir(), 'stackengine-consumer-'));
  writeFileSync(path.join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', path.join(packDir, tarball)], project);
  return project;
}
