// The engine's side of the page: runs in a Web Worker so the page never freezes.
// Messages in:  {id, type: 'analyze', request} | {id, type: 'redact', text, options} | {id, type: 'restore', text}
//   options: {style: 'format-preserving' | 'labelled', disabledCategories: [name]} (omitted = defaults)
// Messages out: {type: 'ready', analyze: bool, redactOptions: bool, categories: [{name, rules}]}
//               {type: 'fatal', message}
//               {id, type: 'progress', stage, done, total} | {id, type: 'result', result}
//               {id, type: 'failed', message} | {type: 'requests', count}
// Results are plain objects (Embind vectors are copied out and deleted here), so the
// page never holds engine memory. The vault lives here and dies with the worker.

import { makeHeapText } from './heap-text.js';
import { readFindings } from './finding-table.js';

// Inputs at least this long report progress (the core calls back every 256 KiB).
export const LARGE_INPUT = 1 << 20;

const camel = (k) => k.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

// Embind vectors -> arrays (and free them); value objects -> plain objects with
// camelCase keys, whichever spelling the bindings chose.
export function plain(v) {
  if (v === null || typeof v !== 'object') return v;
  if (typeof v.size === 'function' && typeof v.get === 'function') {
    const out = [];
    const n = v.size();
    for (let i = 0; i < n; i++) out.push(plain(v.get(i)));
    if (typeof v.delete === 'function') v.delete();
    return out;
  }
  if (Array.isArray(v)) return v.map(plain);
  const out = {};
  for (const k of Object.keys(v)) out[camel(k)] = plain(v[k]);
  return out;
}

// The page's redaction options in one canonical shape; `key` names them for the cache.
export function normalizeRedactOptions(options = {}) {
  const style = options?.style === 'labelled' ? 'labelled' : 'format-preserving';
  const disabledCategories = [...new Set((options?.disabledCategories ?? []).map(String))].sort();
  const isDefault = style === 'format-preserving' && !disabledCategories.length;
  return { style, disabledCategories, isDefault, key: JSON.stringify([style, disabledCategories]) };
}

export function startWorker(scope, factory) {
  let engine = null;
  let vault = null;
  // The Redactor for the last non-default options (compiling one takes a moment);
  // the default options use the core's built-in one. One vault for every Redactor,
  // so a value keeps its placeholder whatever the options.
  let redactor = null;
  let redactorKey = '';
  const post = (m) => scope.postMessage(m);
  let heapText = null;  // the text's way in and out of engine memory (heap-text.js)

  // Measure this worker's own network use; the page adds it to its indicator.
  // Entries arrive asynchronously, so the engine's own load can be reported after
  // `ready`: count only requests that started after it.
  let readyAt = Infinity;
  try {
    new scope.PerformanceObserver((list) => {
      const n = list.getEntries().filter((e) => e.startTime >= readyAt).length;
      if (n) post({ type: 'requests', count: n });
    }).observe({ type: 'resource', buffered: false });
  } catch { /* no PerformanceObserver in this worker: nothing to report */ }

  const queue = [];
  scope.onmessage = (e) => { if (engine) handle(e.data); else queue.push(e.data); };

  factory().then((m) => {
    engine = m;
    heapText = makeHeapText(m);
    vault = new m.Vault();
    readyAt = scope.performance.now();
    const redactOptions = typeof m.defaultRedactOptions === 'function' && typeof m.Redactor === 'function';
    const categories = typeof m.builtinRuleCategories === 'function' ? plain(m.builtinRuleCategories()) : [];
    post({ type: 'ready', analyze: typeof m.analyze === 'function', redactOptions, categories, threads: heapText.threaded() });
    for (const msg of queue.splice(0)) handle(msg);
  }, (err) => post({ type: 'fatal', message: `The engine did not load: ${err && err.message ? err.message : err}` }));

  function handle(msg) {
    const { id, type } = msg;
    try {
      if (type === 'redact') post({ id, type: 'result', result: redact(id, msg.text, msg.options) });
      else if (type === 'restore') post({ id, type: 'result', result: { text: vault.restore(msg.text) } });
      else if (type === 'analyze') post({ id, type: 'result', result: analyze(id, msg.request) });
      else post({ id, type: 'failed', message: `unknown request ${type}` });
    } catch (err) {
      post({ id, type: 'failed', message: String(err && err.message ? err.message : err) });
    }
  }

  // null = the built-in defaults.
  function redactorFor(options) {
    if (options.isDefault) return null;
    if (redactor && redactorKey === options.key) return redactor;
    if (typeof engine.defaultRedactOptions !== 'function') throw new Error('This build of the engine has no redaction options.');
    const o = engine.defaultRedactOptions();
    try {
      if (options.style === 'labelled') o.placeholderStyle = engine.PlaceholderStyle.LABELLED;
      for (const c of options.disabledCategories) o.disabledCategories.push_back(c);
      const next = new engine.Redactor(o);
      redactor?.delete();
      redactor = next;
      redactorKey = options.key;
    } finally {
      o.disabledCategories.delete();
      o.onlyRules.delete();
    }
    return redactor;
  }

  // Findings come back as plain rows: where the value was in the input (line,
  // column, offsets) and where its placeholder is in the redacted text (from, to in
  // UTF-16 units). The core never returns the value, and nothing here looks it up.
  // One engine call over the whole text, so a value detected anywhere is replaced
  // everywhere (redacting in pieces would leave a key in piece 5 that was detected
  // in piece 1 but has no telling context there). The core reports progress.
  function redact(id, text, rawOptions) {
    const options = normalizeRedactOptions(rawOptions);
    const engineRedactor = redactorFor(options);
    const large = text.length >= LARGE_INPUT;
    const onProgress = (done, total) => {
      if (large) post({ id, type: 'progress', stage: 'Redacting', done: done >= total ? text.length : Math.floor((done / total) * text.length), total: text.length });
    };
    const r = redactText(engineRedactor, text, onProgress);
    const list = r.findings;
    if (r.error.code) return { error: { code: r.error.code, message: r.error.message, location: { ...r.error.location } } };
    const placeholders = new Set();
    const findings = [];
    let shift = 0;  // placeholders so far minus the values they replaced (UTF-16 units)
    for (const f of list) {
      placeholders.add(f.placeholder);
      const from = f.start.offsetUtf16 + shift;
      shift += f.placeholder.length - (f.end.offsetUtf16 - f.start.offsetUtf16);
      findings.push({
        rule: f.rule, category: f.category, severity: f.severity,
        line: f.start.line, column: f.start.column, offset: f.start.offset, offsetUtf16: f.start.offsetUtf16,
        from, to: from + f.placeholder.length, placeholder: f.placeholder,
      });
    }
    return { redacted: r.redacted, findings, placeholders: [...placeholders], vaultSize: vault.size(), options: { style: options.style, disabledCategories: options.disabledCategories } };
  }

  // The text goes in as UTF-8 written into wasm memory and the redacted text comes
  // back from a view on it (heap-text.js).
  function redactText(redactor, text, onProgress) {
    const h = heapText.redact(vault, redactor, text, onProgress);
    if (!h) throw new Error('The engine is out of memory.');
    try {
      const redacted = heapText.read(h.redactedView());
      return { error: h.error(), redacted, findings: readFindings(h) };
    } finally {
      h.delete();
    }
  }

  function analyze(id, request) {
    if (typeof engine.analyze !== 'function') return { unavailable: true };
    const size = (request.policy?.length ?? 0) + (request.caller?.length ?? 0) + (request.error?.length ?? 0);
    const large = size >= LARGE_INPUT;
    // One engine call cannot report progress from inside; large inputs get staged
    // messages around it instead.
    if (large) post({ id, type: 'progress', stage: 'Parsing and simulating', done: 0, total: 0 });
    // Both spellings of each field: Embind reads the ones it registered.
    const req = { policy: request.policy ?? '', caller: request.caller ?? '', error: request.error ?? '', redact: request.redact ?? true };
    for (const k of ['roleArn', 'callerArn', 'externalId']) {
      req[k] = request[k] ?? '';
      req[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = request[k] ?? '';
    }
    const result = plain(engine.analyze(req));
    if (large) post({ id, type: 'progress', stage: 'Preparing results', done: 1, total: 1 });
    return result;
  }
}
