// stackengine/worker — the same async API, with the core running in a module Web
// Worker so the page never blocks.
//
//   import { createSandboxWorker } from 'stackengine/worker';
//   const se = await createSandboxWorker();
//   const { redacted } = await se.redact(text);
//   se.dispose();   // terminates the worker
const METHODS = ['analyze', 'redact', 'restore', 'resetVault', 'lint', 'fix', 'simulate', 'diagnose',
  'parseCaller', 'ruleCategories', 'memoryBytes', 'heapBytes'];

export async function createSandboxWorker(options = {}) {
  const url = options.workerUrl ?? new URL('./worker-entry.mjs', import.meta.url);
  const worker = new Worker(url, { type: 'module', name: 'stackengine' });
  let next = 0;
  const pending = new Map();
  worker.addEventListener('message', (event) => {
    const { id, ok, value, error } = event.data;
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    if (ok) p.resolve(value);
    else p.reject(Object.assign(new Error(error.message), { name: error.name, code: error.code }));
  });
  worker.addEventListener('error', (event) => {
    const err = new Error(`StackEngine worker failed: ${event.message ?? 'unknown error'}`);
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  });
  const send = (method, args) => new Promise((resolve, reject) => {
    const id = ++next;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, method, args });
  });
  await send('init', [{ wasmUrl: options.wasmUrl ? String(options.wasmUrl) : undefined }]);
  const api = { dispose() { worker.terminate(); for (const p of pending.values()) p.reject(new Error('disposed')); pending.clear(); } };
  for (const m of METHODS) api[m] = (...args) => send(m, args);
  return api;
}
