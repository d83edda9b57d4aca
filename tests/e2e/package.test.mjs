// The packed npm package used by a page on a second localhost origin (not the one
// the app is served from), under a strict host CSP, on the main thread and in the
// ready-made worker.
import test from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { launch, serve, watchRequests, artifacts } from './browser.mjs';
import { installPackedPackage } from '../package-fixture.mjs';

let context, site;
test.before(async () => {
  const project = installPackedPackage();
  writeFileSync(path.join(project, 'index.html'), `<!doctype html><html lang="en"><title>host</title>
    <script type="module" src="main.mjs"></script><pre id="out"></pre></html>`);
  writeFileSync(path.join(project, 'main.mjs'), `
    import { createSandbox } from './node_modules/stackengine/dist/index.mjs';
    import { createSandboxWorker } from './node_modules/stackengine/dist/worker.mjs';
    const text = 'role_arn = arn:aws:iam::123456789012:role/deployer';
    const out = {};
    try {
      const se = await createSandbox();
      const r = se.redact(text);
      out.main = { redacted: r.redacted, n: r.findings.length, back: se.restore(r.redacted) === text };
      se.dispose();
      const w = await createSandboxWorker();
      const rw = await w.redact(text);
      out.worker = { redacted: rw.redacted, n: rw.findings.length, back: (await w.restore(rw.redacted)) === text };
      w.dispose();
    } catch (e) { out.error = String(e && e.stack || e); }
    document.getElementById('out').textContent = JSON.stringify(out);
  `);
  site = await serve(project);
  context = await launch();
});
test.after(async () => {
  await context?.close();
  await site?.close();
});

test('a page on another origin uses the package on the main thread and in a worker', async () => {
  const page = await context.newPage();
  const requests = watchRequests(page);
  // Same server, other origin: "localhost" is not "127.0.0.1".
  const url = site.url.replace('127.0.0.1', 'localhost');
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('out').textContent.length > 0, null, { timeout: 20000 });
  const out = JSON.parse(await page.textContent('#out'));
  assert.equal(out.error, undefined, out.error);
  for (const where of ['main', 'worker']) {
    assert.ok(!out[where].redacted.includes('123456789012'), `${where}: account id redacted`);
    assert.ok(out[where].n >= 1, `${where}: findings are a plain array`);
    assert.equal(out[where].back, true, `${where}: restore round trip`);
  }
  assert.ok(requests.all.every((u) => u.startsWith(url)), 'every request stays on the host origin');
  await page.screenshot({ path: path.join(artifacts, 'package-second-origin.png') });
  await page.close();
});
