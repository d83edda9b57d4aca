// The offline single file (web/dist/stackengine.html) opened from disk: it loads
// nothing but itself, its CSP is hash-pinned with connect-src 'none', the engine
// runs in a blob: worker, and redact/restore (and analysis, when built) work.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { launch, openPage, restoreAnswer, artifacts, root } from './browser.mjs';

const file = path.join(root, 'web', 'dist', 'stackengine.html');
const url = pathToFileURL(file).href;
let context;
test.before(async () => { context = await launch(); });
test.after(async () => { await context?.close(); });

test('the offline file is self-contained and its CSP is strict and hash-pinned', () => {
  const html = readFileSync(file, 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)[1];
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /connect-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'|'self'|https?:/);
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  assert.equal(scripts.length, 1, 'one inline script');
  assert.equal(styles.length, 1, 'one inline style');
  const hash = (s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
  assert.ok(csp.includes(`script-src ${hash(scripts[0])} 'wasm-unsafe-eval'`), 'script pinned by its hash');
  assert.ok(csp.includes(`style-src ${hash(styles[0])}`), 'style pinned by its hash');
  assert.doesNotMatch(html, /<(script|link|img|iframe)\b[^>]*\b(src|href)="(?!data:,")/i, 'no external resource');
});

test('from file://: the engine starts in a blob worker, redact -> restore works, nothing is requested', async () => {
  const ctx = await openPage(context, url);
  const { page, errors, requests } = ctx;
  assert.deepEqual(requests.all.filter((u) => !u.startsWith('blob:')), [url], 'the file itself is the only load (plus the blob: worker it makes)');
  assert.equal(await page.getAttribute('html', 'data-build'), 'offline');

  await page.click('#tab-redact');
  await page.click('#redact-input-editor .cm-content');
  await page.keyboard.insertText('caller arn:aws:iam::123456789012:user/dev');
  await page.click('#redact');
  await page.waitForFunction(() => /Redacted: replaced/.test(document.getElementById('status').textContent));
  const redacted = await page.evaluate(() => window.stackengine.text('redacted-editor'));
  assert.ok(!redacted.includes('123456789012'));
  await restoreAnswer(page, redacted);
  assert.equal(await page.evaluate(() => window.stackengine.text('restored-editor')), 'caller arn:aws:iam::123456789012:user/dev');

  await page.click('#tab-diagnose');
  await page.click('#example');
  if (await page.evaluate(() => document.documentElement.dataset.analyze === 'yes')) {
    await page.waitForSelector('#results:not([hidden]) .cause');
    assert.equal(await page.getAttribute('#causes .cause:first-child', 'data-cause'), 'CAUSE_EXTERNAL_ID_MISSING');
  } else {
    await page.click('#diagnose');
    await page.waitForFunction(() => /not available in this build/.test(document.getElementById('status').textContent));
  }
  await page.screenshot({ path: path.join(artifacts, 'offline-file.png'), fullPage: true });
  assert.deepEqual(requests.network(), []);
  assert.equal(await page.textContent('#request-count'), '0');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the offline page CSP blocks outside connections from the file itself', async () => {
  const ctx = await openPage(context, url);
  const { page } = ctx;
  // A real page-context fetch (not DevTools): through a script element whose text
  // is not in the hash list, which must not run, and through the page's own worker
  // source path, a fetch inside a blob worker, which inherits connect-src 'none'.
  const verdict = await page.evaluate(() => new Promise((resolve) => {
    const seen = [];
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.append(s);
    const w = new Worker(URL.createObjectURL(new Blob(['fetch("https://example.com/").then(() => postMessage("ran"), (e) => postMessage(e.name))'])));
    w.onmessage = (e) => setTimeout(() => resolve({ inline: window.__ran === true, fetch: e.data, seen: [...new Set(seen)].sort() }), 50);
  }));
  assert.equal(verdict.inline, false, 'an unhashed inline script does not run');
  assert.equal(verdict.fetch, 'TypeError', 'fetch from a worker is blocked');
  assert.ok(verdict.seen.includes('script-src-elem'), `violations: ${verdict.seen}`);
  await page.close();
});
