// <stackengine-sandbox> from the packed npm package: one script, one tag, the full UI
// in Shadow DOM, under a host CSP with no style-src at all, themable from outside.
import test from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { launch, watchRequests, artifacts } from './browser.mjs';
import { createServer } from '../../scripts/lib/serve.mjs';
import { installPackedPackage } from '../package-fixture.mjs';

// What the README tells embedders to allow, plus style-src 'self' for the host page's
// own stylesheet (the element's styles are an adopted stylesheet, which CSP does not
// govern). No 'unsafe-inline', no 'unsafe-eval'.
const HOST_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; " +
  "connect-src 'self'; img-src data:; style-src 'self'";

let context, server, url;
test.before(async () => {
  const project = installPackedPackage();
  writeFileSync(path.join(project, 'index.html'), `<!doctype html><html lang="en"><head>
    <title>Host portal</title>
    <script type="module" src="node_modules/stackengine/dist/element.mjs"></script>
    <link rel="stylesheet" href="host.css"></head>
    <body><h1>Internal portal</h1><stackengine-sandbox></stackengine-sandbox></body></html>`);
  writeFileSync(path.join(project, 'host.css'), 'stackengine-sandbox { --accent: rgb(1, 2, 3); }');
  server = createServer(project, { csp: HOST_CSP });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  url = `http://localhost:${server.address().port}/`;
  context = await launch();
});
test.after(async () => {
  await context?.close();
  await new Promise((r) => server?.close(r));
});

test('the element diagnoses the seed scenario inside its shadow root, with no CSP violation', async () => {
  const page = await context.newPage();
  const requests = watchRequests(page);
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(url);
  const host = page.locator('stackengine-sandbox');
  await page.waitForFunction(() => document.querySelector('stackengine-sandbox')?.dataset.engine === 'ready',
    null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => !!document.querySelector('stackengine-sandbox').shadowRoot), true);
  assert.equal(await page.evaluate(() => document.getElementById('example')), null, 'the UI is not in the light DOM');
  await host.locator('#example').click();
  await host.locator('#diagnose').click();
  const first = host.locator('#causes li.cause').first();
  await first.waitFor({ timeout: 30000 });
  assert.equal(await first.getAttribute('data-cause'), 'CAUSE_EXTERNAL_ID_MISSING');
  // Theming from outside: the host page's custom property reaches the shadow tree.
  const accent = await host.locator('#diagnose').evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(accent, 'rgb(1, 2, 3)');
  await page.screenshot({ path: path.join(artifacts, 'element-seed.png'), fullPage: true });
  assert.deepEqual(problems, [], 'no console errors (CSP violations are logged as errors)');
  assert.ok(requests.all.every((u) => u.startsWith(url)), 'nothing leaves the host origin');
  await page.close();
});
