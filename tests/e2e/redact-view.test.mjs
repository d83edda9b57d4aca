// The Redact view's options and findings table, end to end in Chromium: placeholder
// style, per-category switches, one row per replaced value (never the value), line
// numbers, selecting a row, 360 px and axe-core. Every test also asserts that no
// network request happened after the engine was ready.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { useBrowserAndServer, finishPage, openPage, restoreAnswer, artifacts, root } from './browser.mjs';

const shared = useBrowserAndServer(test);
const finish = (ctx) => finishPage(assert, ctx);

const ACCOUNT = '123456789012';
const ARN = 'arn:aws:iam::210987654321:role/deployer';
const SECRET = 'q8Zr3vLk2Pm9XtW4bN7cJd1Hf6Gy0Ks5Ue8Ra2Vo';
const INPUT = [
  `account_id = ${ACCOUNT}`,
  `role_arn = ${ARN}`,
  `aws_secret_access_key = ${SECRET}`,
].join('\n');
const ORIGINALS = [ACCOUNT, '210987654321', 'deployer', SECRET];

const editorText = (page, id) => page.evaluate((i) => window.stackengine.text(i), id);
const runs = (page) => page.evaluate(() => Number(document.documentElement.dataset.redactRuns ?? 0));
// Waits until the page finished redaction number `n` (options re-run it by themselves).
const redactedRun = (page, n) => page.waitForFunction((k) => Number(document.documentElement.dataset.redactRuns ?? 0) >= k, n);

async function redactInput(page, text) {
  await page.click('#tab-redact');
  await page.click('#redact-input-editor .cm-content');
  await page.keyboard.insertText(text);
  const before = await runs(page);
  await page.click('#redact');
  await redactedRun(page, before + 1);
}

// The table as the user reads it, one object per row.
const tableRows = (page) => page.$$eval('#redact-findings tbody tr', (rows) => rows.map((r) => {
  const c = [...r.cells].map((td) => td.textContent.trim());
  return { where: c[0], rule: c[1], category: c[2], severity: c[3], placeholder: c[4] };
}));

test('labelled style gives {{AWS_ACCOUNT_ID_n}} where format-preserving gives a 12-digit id; one vault restores both', async () => {
  const ctx = await openPage(shared.context, shared.server.url);
  const { page } = ctx;
  await redactInput(page, INPUT);
  const preserving = await editorText(page, 'redacted-editor');
  const first = preserving.split('\n')[0];
  assert.match(first, /^account_id = \d{12}$/, 'format-preserving: still a 12-digit account id');
  assert.ok(!first.includes(ACCOUNT), 'a different id');
  assert.match(preserving.split('\n')[1], /^role_arn = arn:aws:iam::\d{12}:role\/[\w-]+$/, 'the ARN stays an ARN');

  const before = await runs(page);
  await page.check('input[name="placeholder-style"][value="labelled"]');
  await redactedRun(page, before + 1);  // a changed option re-runs the shown redaction
  const labelled = await editorText(page, 'redacted-editor');
  assert.match(labelled.split('\n')[0], /^account_id = \{\{AWS_ACCOUNT_ID_\d+\}\}$/);
  assert.match(labelled.split('\n')[1], /^role_arn = \{\{AWS_ARN_\d+\}\}$/);
  assert.match(labelled.split('\n')[2], /^aws_secret_access_key = \{\{AWS_SECRET_ACCESS_KEY_\d+\}\}$/);
  assert.ok(!/\d{12}/.test(labelled), 'no 12-digit id left in labelled text');
  assert.equal(labelled.split('\n')[2], preserving.split('\n')[2], 'the secret keeps its placeholder across options');

  // Both texts restore with the same (unchanged) vault.
  await restoreAnswer(page, `${preserving}\n--\n${labelled}`);
  assert.equal(await editorText(page, 'restored-editor'), `${INPUT}\n--\n${INPUT}`);
  await finish(ctx);
});

test('unticking aws-identifier leaves the ARN and account id alone; the secret access key is still replaced', async () => {
  const ctx = await openPage(shared.context, shared.server.url);
  const { page } = ctx;
  await page.click('#tab-redact');
  await page.click('#categories-summary');
  const boxes = await page.$$('#categories input[data-category]');
  assert.ok(boxes.length >= 5, `categories come from the rule pack (${boxes.length})`);
  assert.match(await page.textContent('#categories-summary'), new RegExp(`all ${boxes.length} on`));
  await page.uncheck('#categories input[data-category="aws-identifier"]');
  assert.match(await page.textContent('#categories-summary'), new RegExp(`${boxes.length - 1} of ${boxes.length} on`));
  await redactInput(page, INPUT);
  const out = (await editorText(page, 'redacted-editor')).split('\n');
  assert.equal(out[0], `account_id = ${ACCOUNT}`, 'account id untouched');
  assert.equal(out[1], `role_arn = ${ARN}`, 'ARN untouched');
  assert.match(out[2], /^aws_secret_access_key = \{\{AWS_SECRET_ACCESS_KEY_\d+\}\}$/, 'secret still replaced');
  assert.deepEqual((await tableRows(page)).map((r) => r.rule), ['aws-secret-access-key']);

  // Ticking it again re-runs with the identifiers redacted.
  const before = await runs(page);
  await page.check('#categories input[data-category="aws-identifier"]');
  await redactedRun(page, before + 1);
  assert.ok(!(await editorText(page, 'redacted-editor')).includes(ACCOUNT));
  // All off: nothing replaced; no options were stored anywhere.
  const again = await runs(page);
  await page.click('#categories-none');
  await redactedRun(page, again + 1);
  assert.equal(await editorText(page, 'redacted-editor'), INPUT);
  assert.equal(await page.isHidden('#redact-findings-section'), true, 'no findings, no table');
  const stored = await page.evaluate(() => localStorage.length + sessionStorage.length + document.cookie.length);
  assert.equal(stored, 0, 'options are not stored');
  await finish(ctx);
});

test('findings table: rule ids, categories, severities and line:column for a 3-line input, never the values; a row selects its placeholder', async () => {
  const ctx = await openPage(shared.context, shared.server.url);
  const { page } = ctx;
  await redactInput(page, INPUT);
  const redacted = (await editorText(page, 'redacted-editor')).split('\n');
  const rows = await tableRows(page);
  assert.deepEqual(rows.map((r) => r.rule), ['aws-account-id', 'aws-arn', 'aws-secret-access-key']);
  assert.deepEqual(rows.map((r) => r.where), ['1:14', '2:12', '3:25']);
  assert.deepEqual(rows.map((r) => r.category), ['aws-identifier', 'aws-identifier', 'aws-credential']);
  assert.deepEqual(rows.map((r) => r.severity), ['medium', 'medium', 'critical']);
  rows.forEach((r, i) => assert.ok(redacted[i].endsWith(r.placeholder), `row ${i + 1} shows the placeholder on its line`));
  const section = await page.textContent('#redact-findings-section');
  for (const v of ORIGINALS) assert.ok(!section.includes(v), `the table does not contain an original value (${v.slice(0, 4)}…)`);
  const html = await page.$eval('#redact-findings-section', (e) => e.outerHTML);
  for (const v of ORIGINALS) assert.ok(!html.includes(v), 'not in attributes either');

  // Selecting a row highlights its placeholder in the redacted text.
  await page.click('#redact-findings tbody tr:nth-child(3) button');
  await page.waitForSelector('#redacted-editor .se-located');
  const located = await page.$$eval('#redacted-editor .se-located', (els) => els.map((e) => e.textContent).join(''));
  assert.equal(located, rows[2].placeholder);
  assert.match(await page.textContent('#status'), /Line 3, column 25: aws-secret-access-key/);
  assert.ok(!(await page.textContent('#status')).includes(SECRET));
  // Keyboard: the location is a button in the tab order.
  await page.focus('#redact-findings tbody tr:nth-child(1) button');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /Line 1, column 14/.test(document.getElementById('status').textContent));
  await finish(ctx);
});

test('many findings: the table shows 500 rows at a time, "Show more" adds the rest with their line numbers', async () => {
  const ctx = await openPage(shared.context, shared.server.url);
  const { page } = ctx;
  const text = Array.from({ length: 620 }, (_, i) => `account_id = ${100000000000 + i * 7}`).join('\n');
  await page.click('#tab-redact');
  await page.click('#redact-input-editor .cm-content');
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.querySelector('#redact-input-editor .cm-content').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
  await page.click('#redact');
  await redactedRun(page, 1);
  assert.equal(await page.$$eval('#redact-findings tbody tr', (r) => r.length), 500);
  assert.match(await page.textContent('#redact-findings-more'), /Showing 500 of 620/);
  await page.click('#redact-findings-next');
  const lines = await page.$$eval('#redact-findings tbody tr', (rows) => rows.map((r) => Number(r.dataset.line)));
  assert.equal(lines.length, 620);
  assert.deepEqual(lines.slice(-2), [619, 620]);
  assert.equal(await page.isHidden('#redact-findings-more'), true);
  await finish(ctx);
});

test('Redact view with options and findings: axe-core clean in both themes, and fits 360 px', async () => {
  const ctx = await openPage(shared.context, shared.server.url);
  const { page } = ctx;
  await redactInput(page, INPUT);
  await page.click('#categories-summary');
  await page.evaluate(readFileSync(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  const run = () => page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(await run(), [], 'light theme');
  await page.click('#theme');
  assert.deepEqual(await run(), [], 'dark theme');

  await page.setViewportSize({ width: 360, height: 780 });
  await page.waitForTimeout(200);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page wider than the screen by ${overflow} px`);
  const table = await page.$eval('.table-scroll', (e) => e.scrollWidth - e.clientWidth);
  assert.ok(table <= 0, `findings table scrolls sideways by ${table} px`);
  for (const sel of ['#redact', 'input[value="labelled"]', '#categories-none', '#redact-findings tbody tr:nth-child(3) button']) {
    const box = await page.locator(sel).boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 360, `${sel} fits`);
  }
  assert.deepEqual(await run(), [], '360 px');
  await page.locator('#panel-redact').screenshot({ path: path.join(artifacts, 'redact-view-360px.png') });
  await finish(ctx);
});
