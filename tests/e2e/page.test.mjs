// The page end to end: seed scenario, findings, fixes, redact -> restore, a 5 MB
// paste with the main thread measured, cancel, axe-core, 360 px, keyboard, storage.
// One browser for the whole file; every test asserts zero network requests after the
// engine is ready, both as Playwright saw them and as the page's own indicator counted.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { useBrowserAndServer, finishPage, openPage, restoreAnswer, artifacts, root, ENGINE_FILES, isEngineFile } from './browser.mjs';

const dist = path.join(root, 'web', 'dist');
const shared = useBrowserAndServer(test);

// After Cancel the page restarts the engine worker, which loads the engine's own
// files again (same origin); that is the only exception, and only where allowed.
async function finish(ctx, { engineReloaded = false } = {}) {
  await finishPage(assert, ctx, (u) => engineReloaded && u.startsWith(shared.server.url) && isEngineFile(u));
}
const editorText = (page, id) => page.evaluate((i) => window.stackengine.text(i), id);

test('seed scenario: CAUSE_EXTERNAL_ID_MISSING first, fixed command with --external-id, fixed policy with sts:ExternalId', async (t) => {
  const ctx = await openPage(shared.context, shared.server.url);
  const { page } = ctx;
  await page.click('#example');
  assert.match(await page.textContent('#policy-kind'), /trust policy JSON/);
  assert.match(await page.textContent('#caller-kind'), /AWS CLI command/);
  assert.match(await page.textContent('#error-kind'), /access denied/i);
  const analyze = await page.evaluate(() => document.documentElement.dataset.analyze);
  assert.equal(analyze, 'yes', 'the engine build exposes Module.analyze');
  await page.waitForSelector('#results:not([hidden]) .cause');
  assert.equal(await page.getAttribute('#causes .cause:first-child', 'data-cause'), 'CAUSE_EXTERNAL_ID_MISSING');
  assert.match(await page.textContent('#status'), /Diagnosis ready/);

  const fixedPolicy = await editorText(page, 'policy-diff');
  const policy = JSON.parse(fixedPolicy);
  const conditions = JSON.stringify(policy.Statement.map((s) => s.Condition ?? {}));
  assert.match(conditions, /"sts:ExternalId"/, 'the fixed policy keeps an sts:ExternalId condition');
  assert.ok(await page.isVisible('#policy-diff .cm-mergeView'), 'side-by-side diff shown');

  await page.click('#fixtab-caller');
  const fixedCaller = await editorText(page, 'fixed-caller-editor');
  assert.match(fixedCaller, /aws sts assume-role/);
  assert.match(fixedCaller, /--external-id\s+"?acme-prod-pipeline-x7f2/);
  await page.click('#fixtab-terraform');
  assert.match(await editorText(page, 'tf-doc-editor'), /aws_iam_policy_document/);
  await page.click('#fixtab-cloudformation');
  assert.match(await editorText(page, 'cfn-yaml-editor'), /AssumeRolePolicyDocument|Statement/);

  // Evidence and findings point into the editors.
  const located = await page.$('#causes .evidence button');
  if (located) {
    await located.click();
    assert.ok(await page.$('.cm-editor .se-located'), 'clicking evidence highlights its location');
  }
  if (await page.$('#findings .finding')) {
    await page.click('#findings .finding');
    await page.waitForSelector('#policy-editor .se-located');
    assert.ok(await page.$('#policy-editor .cm-lint-marker'), 'lint markers in the policy editor');
  }
  await page.screenshot({ path: path.join(artifacts, 'page-diagnosis.png'), fullPage: true });
  await finish(ctx);
});

test('findings: listed by severity, lint markers in the editor, selecting one highlights its place', async (t) => {
  const ctx = await openPage(shared.context, shared.server.url);
  const { page } = ctx;
  assert.equal(await page.evaluate(() => document.documentElement.dataset.analyze), 'yes',
    'the engine build exposes Module.analyze');
  // Trusts every AWS principal with no condition, and names a resource: both are lint findings.
  const risky = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "sts:AssumeRole",
      "Resource": "arn:aws:iam::987654321098:role/x" }
  ]
}`;
  await page.click('#policy-editor .cm-content');
  await page.keyboard.insertText(risky);
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('#results:not([hidden])');
  const findings = await page.$$('#findings .finding');
  assert.ok(findings.length >= 2, 'both the wildcard principal and the Resource element are reported');
  await page.waitForSelector('#policy-editor .cm-lint-marker');
  await findings[0].click();
  await page.waitForSelector('#policy-editor .se-located');
  assert.equal(await page.evaluate(() => document.activeElement.closest('#policy-editor') !== null), true, 'focus moved to the editor');
  assert.match(await page.textContent('#status'), /Trust policy, line \d+, column \d+/);
  await finish(ctx);
});

test('redact -> restore round trip, with placeholders highlighted', async () => {
  const ctx = await openPage(shared.context, shared.server.url);
  const { page } = ctx;
  await page.click('#tab-redact');
  const original = [
    'role_arn = arn:aws:iam::987654321098:role/cross-account-role',
    'source_profile = dev',
    'caller = arn:aws:iam::123456789012:user/dev',
  ].join('\n');
  await page.click('#redact-input-editor .cm-content');
  await page.keyboard.insertText(original);
  await page.click('#redact');
  await page.waitForFunction(() => /Redacted: replaced/.test(document.getElementById('status').textContent));
  const redacted = await editorText(page, 'redacted-editor');
  assert.ok(!redacted.includes('987654321098') && !redacted.includes('123456789012'), 'account ids gone');
  assert.ok(await page.$('#redacted-editor .se-placeholder'), 'placeholders are highlighted');
  await shared.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shared.server.url });
  await page.click('#redacted-copy');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), redacted, 'Copy puts the redacted text on the clipboard');
  const [saved] = await Promise.all([page.waitForEvent('download'), page.click('#redacted-download')]);
  assert.equal(saved.suggestedFilename(), 'redacted.txt');
  assert.equal(readFileSync(await saved.path(), 'utf8'), redacted, 'Download saves the same text');

  // Paste the redacted text back as "an answer" and restore it.
  await restoreAnswer(page, `Try this:\n${redacted}`);
  assert.equal(await editorText(page, 'restored-editor'), `Try this:\n${original}`);
  await page.screenshot({ path: path.join(artifacts, 'page-redact.png'), fullPage: true });
  await finish(ctx);
});

// ~5 MB of config-like text with identifiers every few lines.
function bigText(bytes) {
  const lines = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const account = String(100000000000 + (i % 997) * 7919).padStart(12, '0');
    const line = i % 5 === 0
      ? `"Principal": {"AWS": "arn:aws:iam::${account}:role/deployer-${i % 89}"},`
      : `  "Sid": "statement-${i}", "Effect": "Allow", "Action": "sts:AssumeRole", "Note": "line ${i} of a large paste",`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

// Pastes through a real ClipboardEvent, the path a user's Ctrl+V takes in CodeMirror.
async function paste(page, selector, text) {
  await page.click(selector);
  await page.evaluate(([sel, t]) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.querySelector(sel).dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, [selector, text]);
}

// Starts a main-thread probe: requestAnimationFrame gaps, and the delay of a
// timer that asks to run every 16 ms (a click would wait exactly as long).
const startProbe = (page) => page.evaluate(() => {
  const probe = { gaps: [], lags: [], progressSeen: false, running: true };
  let last = performance.now();
  const frame = (now) => { probe.gaps.push(now - last); last = now; if (probe.running) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  let expected = performance.now() + 16;
  const tick = () => {
    const now = performance.now();
    probe.lags.push(now - expected);
    expected = now + 16;
    if (probe.running) setTimeout(tick, 16);
  };
  setTimeout(tick, 16);
  new MutationObserver(() => {
    if (!document.getElementById('redact-progress').hidden) probe.progressSeen = true;
  }).observe(document.getElementById('redact-progress'), { attributes: true });
  window.__probe = probe;
});
const stopProbe = (page) => page.evaluate(() => {
  const p = window.__probe;
  p.running = false;
  const sorted = [...p.gaps].sort((a, b) => a - b);
  return { frames: p.gaps.length, maxGap: Math.max(...p.gaps), p95Gap: sorted[Math.floor(sorted.length * 0.95)],
    maxLag: Math.max(...p.lags), progressSeen: p.progressSeen };
});

test('a 5 MB paste is redacted in the worker with a progress bar, and the page stays responsive', async () => {
  const ctx = await openPage(shared.context, shared.server.url);
  const { page } = ctx;
  await page.click('#tab-redact');
  const text = bigText(5 << 20);
  await paste(page, '#redact-input-editor .cm-content', text);
  assert.equal(await page.evaluate(() => window.stackengine.text('redact-input-editor').length), text.length);
  await startProbe(page);
  const started = Date.now();
  await page.click('#redact');
  // The main thread must answer a click while the worker works. Input delay is
  // measured in the page (handler start minus the event's creation time), so the
  // test runner's own latency under a loaded machine does not count.
  await page.waitForSelector('#redact-progress:not([hidden])', { timeout: 5000 });
  await page.evaluate(() => document.getElementById('theme').addEventListener('click',
    (e) => { window.__inputDelay = performance.now() - e.timeStamp; }, { once: true }));
  await page.click('#theme');
  const clickLatency = Math.round(await page.evaluate(() => window.__inputDelay));
  await page.waitForFunction(() => /Redacted: replaced/.test(document.getElementById('status').textContent), null, { timeout: 60000 });
  const elapsed = Date.now() - started;
  const probe = await stopProbe(page);
  const redacted = await page.evaluate(() => window.stackengine.text('redacted-editor'));
  console.log(`# 5 MB redact: ${elapsed} ms end to end; main thread: max frame gap ${probe.maxGap.toFixed(0)} ms, ` +
    `p95 ${probe.p95Gap.toFixed(0)} ms, max timer lag ${probe.maxLag.toFixed(0)} ms over ${probe.frames} frames; click input delay ${clickLatency} ms`);
  assert.ok(probe.progressSeen, 'the progress bar was shown');
  assert.ok(!redacted.includes('arn:aws:iam::100000000000:'), 'identifiers redacted across all chunks');
  assert.ok(redacted.length > 4 << 20);
  // Lenient enough for a loaded 2-core CI box; redacting 5 MB on the main thread
  // instead would block it for a second or more in one task and fail all three.
  assert.ok(clickLatency < 300, `a click during processing waits ${clickLatency} ms for the main thread`);
  assert.ok(probe.maxGap < 500, `no main-thread stall over 500 ms (max frame gap ${probe.maxGap.toFixed(0)} ms)`);
  assert.ok(probe.p95Gap < 200, `frames keep coming (p95 gap ${probe.p95Gap.toFixed(0)} ms)`);
  await page.screenshot({ path: path.join(artifacts, 'page-5mb.png') });
  await finish(ctx);
});

test('cancel terminates the worker and a fresh engine takes over', async () => {
  const ctx = await openPage(shared.context, shared.server.url);
  const { page } = ctx;
  await page.click('#tab-redact');
  await paste(page, '#redact-input-editor .cm-content', bigText(8 << 20));
  await page.click('#redact');
  await page.waitForSelector('#redact-progress:not([hidden])');
  await page.click('#redact-cancel');
  await page.waitForFunction(() => /cancelled/.test(document.getElementById('status').textContent));
  assert.equal(await page.isHidden('#redact-progress'), true);
  await page.waitForFunction(() => !document.getElementById('redact').disabled);
  assert.equal(await editorText(page, 'redacted-editor'), '', 'no partial result');
  // The restarted engine works.
  await page.evaluate(() => window.stackengine.text('redact-input-editor'));
  await page.click('#redact-input-editor .cm-content');
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText('account 123456789012');
  await page.click('#redact');
  await page.waitForFunction(() => /Redacted: replaced 1 value/.test(document.getElementById('status').textContent));
  // The page is cross-origin isolated (scripts/lib/serve.mjs), so its engine is the
  // threaded one; the pool thread's worker loads the engine's script a second time.
  assert.equal(await page.evaluate(() => document.documentElement.dataset.threads), 'yes');
  assert.deepEqual([...new Set(ctx.requests.network().map((u) => new URL(u).pathname))].sort(),
    ENGINE_FILES.threads, 'only the restarted engine loaded, from this origin');
  await finish(ctx, { engineReloaded: true });
});

test('axe-core finds no serious or critical violations, in light and dark themes', async () => {
  const ctx = await openPage(shared.context, shared.server.url);
  const { page } = ctx;
  await page.click('#example');
  await page.waitForTimeout(300);
  // DevTools evaluation is exempt from the page's CSP, so axe needs no inline script.
  await page.evaluate(readFileSync(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  const run = () => page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(await run(), [], 'light theme');
  await page.click('#theme');
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.deepEqual(await run(), [], 'dark theme');
  await page.screenshot({ path: path.join(artifacts, 'page-dark.png'), fullPage: true });
  await page.click('#tab-redact');
  assert.deepEqual(await run(), [], 'Redact view');
  await finish(ctx);
});

test('usable at 360 px: no horizontal scrolling, controls reachable', async () => {
  const ctx = await openPage(shared.context, shared.server.url, { viewport: { width: 360, height: 780 } });
  const { page } = ctx;
  await page.click('#example');
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page wider than the screen by ${overflow} px`);
  for (const id of ['#diagnose', '#example', '#tab-redact', '#theme']) {
    const box = await page.locator(id).boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `${id} fits`);
  }
  await page.screenshot({ path: path.join(artifacts, 'page-360px.png'), fullPage: true });
  await finish(ctx);
});

test('keyboard only: tabs with arrow keys, example and redact without a mouse', async () => {
  const ctx = await openPage(shared.context, shared.server.url);
  const { page } = ctx;
  await page.focus('#tab-diagnose');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-redact');
  assert.equal(await page.isVisible('#panel-redact'), true);
  await page.keyboard.press('Tab'); // into the editor
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Text to redact');
  await page.keyboard.insertText('arn:aws:iam::123456789012:role/x');
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(() => /Redacted: replaced/.test(document.getElementById('status').textContent));
  await page.keyboard.press('Tab'); // editors do not trap Tab
  assert.equal(await page.evaluate(() => document.activeElement.id), 'redact');
  await finish(ctx);
});

test('nothing is stored: no localStorage, IndexedDB or cookies after a full session', async () => {
  const ctx = await openPage(shared.context, shared.server.url);
  const { page } = ctx;
  await page.click('#example');
  await page.click('#tab-redact');
  await page.click('#redact-input-editor .cm-content');
  await page.keyboard.insertText('arn:aws:iam::123456789012:role/x');
  await page.click('#redact');
  await page.waitForFunction(() => /Redacted/.test(document.getElementById('status').textContent));
  const stored = await page.evaluate(async () => ({
    local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
    idb: (await indexedDB.databases()).length, caches: (await caches.keys()).length,
  }));
  assert.deepEqual(stored, { local: 0, session: 0, cookie: '', idb: 0, caches: 0 });
  await finish(ctx);
});

test('subresource integrity on every script and stylesheet, and SHA256SUMS matches the shipped files', async () => {
  const ctx = await openPage(shared.context, shared.server.url);
  const { page } = ctx;
  const tags = await page.evaluate(() => [...document.querySelectorAll('script[src], link[rel=stylesheet]')]
    .map((e) => ({ url: e.src || e.href, integrity: e.integrity })));
  assert.ok(tags.length >= 2);
  for (const { url, integrity } of tags) {
    const file = path.join(dist, new URL(url).pathname);
    const [alg, want] = integrity.split('-');
    assert.equal(createHash(alg).update(readFileSync(file)).digest('base64'), want, `${url} integrity`);
  }
  // A <meta> CSP does not reach a worker: the worker script must carry the header.
  for (const file of ['worker.js', 'stackengine.mjs']) {
    const res = await fetch(new URL(file, shared.server.url)); // from Node, not the page
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self' 'wasm-unsafe-eval'(;|$)/, `${file} has the CSP header`);
    await res.arrayBuffer();
  }
  const sums = readFileSync(path.join(dist, 'SHA256SUMS'), 'utf8').trim().split('\n');
  assert.ok(sums.some((l) => l.endsWith('  stackengine.html')) && sums.some((l) => l.endsWith('  worker.js')));
  for (const line of sums) {
    const [hash, name] = line.split(/\s+/);
    assert.equal(createHash('sha256').update(readFileSync(path.join(dist, name))).digest('hex'), hash, name);
  }
  // The README's screenshot comes from a test run: the light theme with the example loaded.
  await page.click('#example');
  await page.waitForTimeout(300);
  if (await page.evaluate(() => document.documentElement.dataset.analyze === 'yes')) {
    await page.waitForSelector('#results:not([hidden]) .cause');
  }
  await page.setViewportSize({ width: 1280, height: 1000 });

  const shot = path.join(artifacts, 'page-readme.png');
  await page.screenshot({ path: shot });
  if (process.env.STACKENGINE_UPDATE_SCREENSHOT) {
    mkdirSync(path.join(root, 'docs'), { recursive: true });
    copyFileSync(shot, path.join(root, 'docs', 'screenshot.png'));
  }
  await finish(ctx);
});
