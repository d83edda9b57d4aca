// Shared set-up for browser tests: Debian's Chromium driven by playwright-core,
// a fresh profile per launch, the project's own static server on a free port, and
// a log of every request the page makes.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from '../../scripts/lib/serve.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const artifacts = path.join(root, 'test-artifacts');
mkdirSync(artifacts, { recursive: true });

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launch(options = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), 'stackengine-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ARGS,
    headless: true,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
}

export async function serve(dir = path.join(root, 'web', 'dist'), { isolated = true } = {}) {
  const server = createServer(dir, { isolated });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  // closeAllConnections: a browser's keep-alive sockets would hold close() open for minutes.
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }) };
}

// The files the served page's engine worker loads after the load event: the threaded
// engine when the page is cross-origin isolated, the ES module build otherwise.
export const ENGINE_FILES = {
  threads: ['/stackengine-threads.js', '/stackengine-threads.wasm', '/stackengine-threads.worker.js', '/worker-threads.js'],
  module: ['/stackengine.mjs', '/stackengine.wasm', '/worker.js'],
};
export const isEngineFile = (u) => [...ENGINE_FILES.threads, ...ENGINE_FILES.module].includes(new URL(u).pathname);

// Records requests; `afterLoad()` lists those made after the load event fired.
export function watchRequests(page) {
  const all = [];
  let loaded = false;
  const after = [];
  page.on('request', (req) => {
    all.push(req.url());
    if (loaded) after.push(req.url());
  });
  page.on('load', () => { loaded = true; });
  return { all, afterLoad: () => after };
}

// Opens the page and waits until the engine worker is ready. `requests.network()`
// lists the requests made after that point (data: and blob: are not network);
// every page test asserts it stays empty.
export async function openPage(context, url, { viewport } = {}) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  let ready = false;
  const all = [];
  const afterReady = [];
  page.on('request', (req) => {
    all.push(req.url());
    if (ready && !/^(data|blob):/.test(req.url())) afterReady.push(req.url());
  });
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready', null, { timeout: 20000 });
  ready = true;
  return { page, errors, requests: { all, network: () => afterReady } };
}

// One browser and one server for a whole test file: registers node:test's before and
// after hooks and returns getters (they are set once `before` has run).
export function useBrowserAndServer(test, launchOptions = {}) {
  const shared = { server: null, context: null };
  test.before(async () => {
    shared.server = await serve();
    shared.context = await launch(launchOptions);
  });
  test.after(async () => {
    await shared.context?.close();
    await shared.server?.close();
  });
  return shared;
}

// The end of every page test: no network request after the engine was ready (except
// those `allowed` accepts), the page's own counter says 0, no errors; closes the page.
export async function finishPage(assert, { page, errors, requests }, allowed = () => false) {
  assert.deepEqual(requests.network().filter((u) => !allowed(u)), [], 'no network request after the engine was ready');
  assert.equal(await page.textContent('#request-count'), '0', 'the page counted 0 requests itself');
  assert.deepEqual(errors, [], 'no page errors, console errors or CSP violations');
  await page.close();
}

// Pastes `text` into the Redact view's answer editor, presses Restore and waits for
// the status line to say so.
export async function restoreAnswer(page, text) {
  await page.click('#answer-editor .cm-content');
  await page.keyboard.insertText(text);
  await page.click('#restore');
  await page.waitForFunction(() => /Restored/.test(document.getElementById('status').textContent));
}
