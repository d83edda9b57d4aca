// The sandbox over a loaded Embind module. Shared by the browser, worker and Node
// entry points. Its one job besides calling the core: turn Embind values into plain
// JS objects and free every Embind handle it receives, so callers never leak wasm
// memory and never see `.size()/.get()/.delete()`.
//
// heap-text.js and finding-table.js come from web/src (copied next to this file by
// build.mjs): the same text and findings transport as the page's worker.
import { makeHeapText } from './heap-text.js';
import { readFindings } from './finding-table.js';

function isEmbindVector(v) {
  return v !== null && typeof v === 'object' && typeof v.size === 'function' &&
    typeof v.get === 'function' && typeof v.delete === 'function';
}

// Embind enum values are singletons (Module.Severity.High). Map each to its
// lower-case name ("high") so results are plain strings.
function enumNames(Module) {
  const names = new Map();
  for (const key of Object.keys(Module)) {
    const type = Module[key];
    if (typeof type !== 'function' || typeof type.values !== 'object' || type.values === null) continue;
    for (const name of Object.keys(type)) if (name !== 'values') names.set(type[name], name.toLowerCase());
  }
  return names;
}

// Deep-converts an Embind result to plain data, deleting vectors as it goes.
export function toPlain(value, enums = new Map()) {
  if (isEmbindVector(value)) {
    const out = [];
    try {
      const n = value.size();
      for (let i = 0; i < n; i++) out.push(toPlain(value.get(i), enums));
    } finally {
      value.delete();
    }
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => toPlain(v, enums));
  if (enums.has(value)) return enums.get(value);
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v, enums);
    return out;
  }
  return value;
}

export class SandboxError extends Error {
  constructor(message, code = 'STACKENGINE_ERROR') {
    super(message);
    this.name = 'SandboxError';
    this.code = code;
  }
}

// Methods the core exposes through Embind, by sandbox method name. A build without
// one of them (an older core) reports it clearly instead of failing obscurely.
const REQUIRED = {
  analyze: 'analyze',
  lint: 'lintPolicy',
  fix: 'fixTrustPolicy',
  simulate: 'simulate',
  diagnose: 'analyze',
  parseCaller: 'parseCaller',
  redactOptions: 'defaultRedactOptions',
  ruleCategories: 'builtinRuleCategories',
};

// FixOptions is an Embind class: fill it from a plain object, and always free it.
const FIX_PROPERTIES = ['roleArn', 'trustedPrincipalArn', 'githubRepo', 'samlAudience', 'sourceAccount', 'sourceArn'];
function withFixOptions(Module, options, use) {
  const o = new Module.FixOptions();
  try {
    for (const k of FIX_PROPERTIES) if (options[k] !== undefined) o[k] = String(options[k]);
    const ids = options.externalIds ?? (options.externalId !== undefined ? [options.externalId] : []);
    for (const id of ids) {
      if (typeof id === 'string') {
        const parsed = Module.parseExternalIdOption(id);  // "ACCOUNT=VALUE" or "VALUE"
        o.addExternalId(parsed.account, parsed.value);
      } else {
        o.addExternalId(String(id.account ?? ''), String(id.value));
      }
    }
    return use(o);
  } finally {
    o.delete();
  }
}

// Redaction options as the core's RedactOptions. Only the fields a caller may set;
// the rest keep the core's defaults.
const STYLES = { 'format-preserving': 'FORMAT_PRESERVING', labelled: 'LABELLED' };
function redactOptionsKey(options) {
  const style = options.placeholderStyle ?? 'format-preserving';
  if (!STYLES[style]) {
    throw new SandboxError(`redact(text, options): placeholderStyle must be "format-preserving" or "labelled", not ${JSON.stringify(style)}.`, 'BAD_ARGUMENT');
  }
  const disabled = options.disabledCategories ?? [];
  if (!Array.isArray(disabled)) throw new SandboxError('redact(text, options): disabledCategories must be an array of category names.', 'BAD_ARGUMENT');
  const categories = [...new Set(disabled.map(String))].sort();
  return style === 'format-preserving' && !categories.length ? '' : JSON.stringify([style, categories]);
}

export function createSandboxFromModule(Module) {
  let vault = new Module.Vault();
  const heapText = makeHeapText(Module);
  let disposed = false;
  // The Redactor for the last non-default options (compiled once, reused, freed when
  // the options change); the defaults use the core's built-in one.
  let redactor = null;
  let redactorKey = '';
  const redactorFor = (key) => {
    if (redactor && redactorKey === key) return redactor;
    if (typeof Module.defaultRedactOptions !== 'function') call('redactOptions');  // throws NOT_AVAILABLE
    const [style, categories] = JSON.parse(key);
    const o = Module.defaultRedactOptions();
    try {
      o.placeholderStyle = Module.PlaceholderStyle[STYLES[style]];
      for (const c of categories) o.disabledCategories.push_back(c);
      const next = new Module.Redactor(o);
      redactor?.delete();
      redactor = next;
      redactorKey = key;
    } finally {
      o.disabledCategories.delete();
      o.onlyRules.delete();
    }
    return redactor;
  };
  const enums = enumNames(Module);
  const plain = (v) => toPlain(v, enums);

  const live = () => {
    if (disposed) throw new SandboxError('This sandbox was disposed.', 'DISPOSED');
  };
  const call = (method, ...args) => {
    live();
    const fn = Module[REQUIRED[method]];
    if (typeof fn !== 'function') {
      throw new SandboxError(`${method}() is not available in this build of the StackEngine core.`,
        'NOT_AVAILABLE');
    }
    return plain(fn(...args));
  };

  return {
    // Redaction keeps one vault per sandbox: the same value gets the same
    // placeholder across calls, and restore() undoes any of them.
    // options: {placeholderStyle: 'format-preserving' | 'labelled', disabledCategories: [name]}
    redact(text, options = {}) {
      live();
      if (typeof text !== 'string') throw new SandboxError('redact(text): text must be a string.', 'BAD_ARGUMENT');
      const key = redactOptionsKey(options ?? {});
      // The text in and out as UTF-8 in wasm memory, the findings as one table
      // (Embind's per-character strings and per-finding objects took seconds on
      // tens of megabytes).
      const h = heapText.redact(vault, key ? redactorFor(key) : null, text, () => {});
      if (!h) throw new SandboxError('redact(text): the engine is out of memory.', 'OUT_OF_MEMORY');
      try {
        return { error: plain(h.error()), redacted: heapText.read(h.redactedView()), findings: readFindings(h) };
      } finally {
        h.delete();
      }
    },
    // The built-in rules' categories, for disabledCategories: [{name, rules}].
    ruleCategories() { return call('ruleCategories'); },
    restore(text) {
      live();
      if (typeof text !== 'string') throw new SandboxError('restore(text): text must be a string.', 'BAD_ARGUMENT');
      return vault.restore(text);
    },
    // Forget every placeholder (a new, empty vault).
    resetVault() {
      live();
      vault.delete();
      vault = new Module.Vault();
    },
    analyze(request = {}) { return call('analyze', normalizeRequest(request)); },
    diagnose(request = {}) {
      const r = call('diagnose', normalizeRequest({ ...request, redact: false }));
      return { detected: r.detected, inputErrors: r.inputErrors, decision: r.decision, causes: r.causes };
    },
    lint(policy, options = {}) { return call('lint', String(policy), String(options.roleArn ?? '')); },
    fix(policy, options = {}) {
      live();
      if (typeof Module.FixOptions !== 'function') call('fix');  // throws NOT_AVAILABLE
      return withFixOptions(Module, options, (o) => call('fix', String(policy), o));
    },
    simulate(request = {}) { return call('simulate', request); },
    parseCaller(text) { return call('parseCaller', String(text)); },
    // WebAssembly memory held by the core: `linear` grows and never shrinks; `heap`
    // is what is allocated now, and returns to its level when handles are freed.
    memoryBytes() { return Module.HEAPU8.buffer.byteLength; },
    heapBytes() { return Module.heapBytesInUse(); },
    dispose() {
      if (disposed) return;
      disposed = true;
      redactor?.delete();
      redactor = null;
      vault.delete();
      vault = null;
    },
  };
}

function normalizeRequest(r) {
  return {
    policy: String(r.policy ?? ''),
    caller: String(r.caller ?? ''),
    error: String(r.error ?? ''),
    roleArn: String(r.roleArn ?? ''),
    callerArn: String(r.callerArn ?? ''),
    externalId: String(r.externalId ?? ''),
    redact: r.redact !== false,
  };
}
