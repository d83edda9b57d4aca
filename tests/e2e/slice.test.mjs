import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { useBrowserAndServer, serve, watchRequests, artifacts, root, ENGINE_FILES } from './browser.mjs';

const policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::123456789012:role/deployer' },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'sts:ExternalId': 'acme-prod-pipeline-x7f2' } },
  }],
}, null, 2);

const shared = useBrowserAndServer(test);

// The Redact view: paste the policy, click Redact, return the redacted text.
async function pasteAndRedact(page) {
  await page.click('#tab-redact');
  await page.click('#redact-input-editor .cm-content');
  await page.keyboard.insertText(policy);
  await page.click('#redact');
  await page.waitForFunction(() => window.stackengine.text('redacted-editor').length > 0);
  return page.evaluate(() => window.stackengine.text('redacted-editor'));
}

// The same slice on the two engines the served page can run: the threaded one (the
// page is cross-origin isolated: COOP + COEP) and the ES module build (no COEP).
async function redactSlice(url, engine) {
  const page = await shared.context.newPage();
  const requests = watchRequests(page);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => !document.getElementById('redact').disabled);
  assert.equal(await page.evaluate(() => globalThis.crossOriginIsolated), engine === 'threads');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.threads), engine === 'threads' ? 'yes' : 'no');
  const out = await pasteAndRedact(page);
  assert.ok(!out.includes('123456789012'), 'account id is gone');
  assert.ok(!out.includes('deployer'), 'role name is gone');
  assert.match(out, /arn:aws:iam::\d{12}:role\//, 'the ARN is still an ARN');
  assert.doesNotThrow(() => JSON.parse(out));
  assert.match(await page.textContent('#status'), /replaced 2 values/);
  await page.screenshot({ path: path.join(artifacts, `slice-redact-${engine}.png`) });
  // The engine worker loads its script and wasm after the load event; nothing else may follow.
  const engineFiles = ENGINE_FILES[engine];
  assert.deepEqual(requests.afterLoad().filter((u) => !engineFiles.includes(new URL(u).pathname)), [],
    'no request after the load event but the engine');
  for (const f of engineFiles) assert.ok(requests.all.some((u) => new URL(u).pathname === f), `${f} loaded`);
  assert.ok(requests.all.every((u) => u.startsWith(url)), 'every request is same-origin');
  assert.deepEqual(errors, []);
  await page.close();
}

test('paste a trust policy, click Redact, get the ARN redacted, with zero requests after load (threaded engine)', async () => {
  await redactSlice(shared.server.url, 'threads');
});

test('an isolated page whose threaded engine cannot start falls back to the single-threaded one', async () => {
  // A copy of web/dist whose threaded wasm is not WebAssembly: the threaded module's
  // promise rejects, and worker-threads.js loads stackengine-classic.js instead.
  const dir = mkdtempSync(path.join(tmpdir(), 'stackengine-fallback-'));
  cpSync(path.join(root, 'web', 'dist'), dir, { recursive: true });
  writeFileSync(path.join(dir, 'stackengine-threads.wasm'), 'not WebAssembly');
  const server = await serve(dir);
  const page = await shared.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(server.url);
    assert.equal(await page.evaluate(() => globalThis.crossOriginIsolated), true);
    await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready', null, { timeout: 20000 });
    assert.equal(await page.evaluate(() => document.documentElement.dataset.threads), 'no');
    const out = await pasteAndRedact(page);
    assert.ok(!out.includes('123456789012'));
    assert.match(await page.textContent('#status'), /replaced 2 values/);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the same on a server without COEP: the single-threaded ES module engine', async () => {
  const server = await serve(undefined, { isolated: false });
  try {
    await redactSlice(server.url, 'module');
  } finally {
    await server.close();
  }
});

test('the CSP header forbids eval and outside connections', async () => {
  const page = await shared.context.newPage();
  const response = await page.goto(shared.server.url);
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /'unsafe-eval'|'unsafe-inline'/);
  // DevTools-evaluated code bypasses CSP, so the probe must be a real page script:
  // serve one from a scratch folder through the same server (same headers).
  const dir = mkdtempSync(path.join(tmpdir(), 'stackengine-csp-'));
  writeFileSync(path.join(dir, 'index.html'),
    '<!doctype html><title>probe</title><pre id="out"></pre><script src="probe.js"></script>');
  writeFileSync(path.join(dir, 'probe.js'), `
    const violated = new Set();
    document.addEventListener('securitypolicyviolation', (e) => violated.add(e.effectiveDirective));
    (async () => {
      const out = {};
      try { eval('1 + 1'); out.eval = 'ran'; } catch (e) { out.eval = e.name; }
      try { new Function('return 1')(); out.fn = 'ran'; } catch (e) { out.fn = e.name; }
      try { await fetch('https://example.com/'); out.fetch = 'ran'; } catch (e) { out.fetch = e.name; }
      await new Promise((r) => setTimeout(r, 50));
      out.violated = [...violated].sort();
      document.getElementById('out').textContent = JSON.stringify(out);
    })();`);
  const probe = await serve(dir);
  try {
    await page.goto(probe.url);
    await page.waitForFunction(() => document.getElementById('out').textContent.length > 0);
    const verdict = JSON.parse(await page.textContent('#out'));
    assert.deepEqual(verdict, { eval: 'EvalError', fn: 'EvalError', fetch: 'TypeError',
      violated: ['connect-src', 'script-src'] }, 'blocked by the CSP, not by chance');
  } finally {
    await probe.close();
    await page.close();
  }
});

test('binary input in the page gives a located error message, not a crash', async () => {
  const page = await shared.context.newPage();
  await page.goto(shared.server.url);
  await page.waitForFunction(() => !document.getElementById('redact').disabled);
  await page.click('#tab-redact');
  await page.click('#redact-input-editor .cm-content');
  await page.keyboard.insertText('ok\n\u0000\u0001binary');
  await page.click('#redact');
  await page.waitForFunction(() => /NUL byte/.test(document.getElementById('status').textContent));
  assert.match(await page.textContent('#status'), /line 2, column 1/);
  await page.close();
});
