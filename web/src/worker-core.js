// The engine's side of the page: runs in a Web Worker so the page never freezes.
// Messages in:  {id, type: 'analyze', request} | {id, type: 'redact', text} | {id, type: 'restore', text}
// Messages out: {type: 'ready', analyze: bool} | {type: 'fatal', message}
//               {id, type: 'progress', stage, done, total} | {id, type: 'result', result}
//               {id, type: 'failed', message} | {type: 'requests', count}
// Results are plain objects (Embind vectors are copied out and deleted here), so the
// page never holds engine memory. The vault lives here and dies with the worker.

// Inputs at least this long are processed in chunks with progress messages.
export const LARGE_INPUT = 1 << 20;
const CHUNK = 256 << 10;

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

// Line-aligned chunk ends that never cut a PEM block (a private key spans lines).
export function chunkEnds(text) {
  const ends = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK);
    if (end < text.length) {
      const nl = text.indexOf('\n', end);
      end = nl < 0 ? text.length : nl + 1;
      const begin = text.lastIndexOf('-----BEGIN', end);
      if (begin >= start) {
        const close = text.indexOf('-----END', begin);
        if (close < 0 || close >= end) {
          const after = close < 0 ? -1 : text.indexOf('\n', close);
          end = after < 0 ? text.length : after + 1;
        }
      }
    }
    ends.push(end);
    start = end;
  }
  return ends;
}

function countLines(text, from, to) {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export function startWorker(scope, factory) {
  let engine = null;
  let vault = null;
  const post = (m) => scope.postMessage(m);

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
    vault = new m.Vault();
    readyAt = scope.performance.now();
    post({ type: 'ready', analyze: typeof m.analyze === 'function' });
    for (const msg of queue.splice(0)) handle(msg);
  }, (err) => post({ type: 'fatal', message: `The engine did not load: ${err && err.message ? err.message : err}` }));

  function handle(msg) {
    const { id, type } = msg;
    try {
      if (type === 'redact') post({ id, type: 'result', result: redact(id, msg.text) });
      else if (type === 'restore') post({ id, type: 'result', result: { text: vault.restore(msg.text) } });
      else if (type === 'analyze') post({ id, type: 'result', result: analyze(id, msg.request) });
      else post({ id, type: 'failed', message: `unknown request ${type}` });
    } catch (err) {
      post({ id, type: 'failed', message: String(err && err.message ? err.message : err) });
    }
  }

  function redact(id, text) {
    const large = text.length >= LARGE_INPUT;
    const ends = large ? chunkEnds(text) : [text.length];
    const parts = [];
    const placeholders = new Set();
    let findings = 0;
    let start = 0;
    for (let i = 0; i < ends.length; i++) {
      const piece = text.slice(start, ends[i]);
      const r = vault.redact(piece);
      const list = plain(r.findings);
      if (r.error.code) {
        // Locations are relative to the chunk: shift them to the whole text.
        const loc = r.error.location;
        const line = loc.line + (start ? countLines(text, 0, start) : 0);
        return { error: { code: r.error.code, message: r.error.message, location: { ...loc, line, offsetUtf16: loc.offsetUtf16 + start } } };
      }
      parts.push(r.redacted);
      for (const f of list) placeholders.add(f.placeholder);
      findings += list.length;
      start = ends[i];
      if (large) post({ id, type: 'progress', stage: 'Redacting', done: ends[i], total: text.length });
    }
    return { redacted: parts.join(''), findings, placeholders: [...placeholders], vaultSize: vault.size() };
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
