// The page's handle on the engine worker: promises per request, progress callbacks,
// and cancel = terminate the worker and start a fresh one (a wasm call cannot be
// interrupted from outside; terminating is the only way to stop it at once).

export class Engine {
  // makeWorker: () => Worker. Callbacks: onReady({analyze, redactOptions, categories}),
  // onFatal(message), onRequests(n).
  constructor(makeWorker, { onReady, onFatal, onRequests } = {}) {
    this.makeWorker = makeWorker;
    this.onReady = onReady ?? (() => {});
    this.onFatal = onFatal ?? (() => {});
    this.onRequests = onRequests ?? (() => {});
    this.nextId = 1;
    this.pending = new Map();
    this.features = null;
    this.start();
  }

  start() {
    this.features = null;
    this.readyPromise = new Promise((resolve) => { this.resolveReady = resolve; });
    let worker;
    try {
      worker = this.makeWorker();
    } catch (err) {
      this.onFatal(`The engine worker could not start: ${err.message ?? err}`);
      return;
    }
    this.worker = worker;
    worker.onmessage = (e) => this.receive(e.data);
    worker.onerror = (e) => {
      e.preventDefault?.();
      const message = `The engine worker failed: ${e.message || 'could not load'}`;
      if (!this.features) this.onFatal(message);
      this.rejectAll(message);
    };
  }

  receive(m) {
    if (m.type === 'ready') {
      this.features = { analyze: !!m.analyze, redactOptions: !!m.redactOptions, categories: m.categories ?? [], threads: !!m.threads };
      this.resolveReady(this.features);
      this.onReady(this.features);
      return;
    }
    if (m.type === 'fatal') { this.onFatal(m.message); this.rejectAll(m.message); return; }
    if (m.type === 'requests') { this.onRequests(m.count); return; }
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') { p.onProgress?.(m); return; }
    this.pending.delete(m.id);
    if (m.type === 'result') p.resolve(m.result);
    else p.reject(new Error(m.message));
  }

  rejectAll(message) {
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
  }

  ready() { return this.readyPromise; }

  call(type, payload, onProgress) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ id, type, ...payload });
    });
  }

  analyze(request, onProgress) { return this.call('analyze', { request }, onProgress); }
  // options: {style: 'format-preserving' | 'labelled', disabledCategories: [name]}
  redact(text, options, onProgress) { return this.call('redact', { text, options }, onProgress); }
  restore(text) { return this.call('restore', { text }); }

  cancel() {
    this.worker?.terminate();
    const err = new Error('cancelled');
    err.cancelled = true;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.start();
  }
}
