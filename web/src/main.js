// The page: three paste areas, the engine in a worker, results, and the Redact view.
// Nothing here talks to the network; nothing is stored (no localStorage, IndexedDB
// or cookies). `boot` is called by entry-served.js (module worker next to the page)
// or entry-offline.js (blob worker inlined into the single offline file).
import { createEditor, createDiff, setDarkTheme } from './editors.js';
import { Engine } from './engine.js';
import { EXAMPLE } from './example.js';
import { guessPolicy, guessCaller, guessError, kindLabel, languageFor } from './detect.js';

const LARGE_INPUT = 1 << 20; // same threshold as the worker's progress reports
// The UI lives in a document (the page) or a shadow root (<stackengine-sandbox>);
// `host` carries the state attributes (data-engine, data-theme, ...). One per page.
let ROOT = document;
let HOST = document.documentElement;
const $ = (id) => ROOT.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

let statusFlip = false;
function status(text) {
  // A changed text is announced; the same message twice differs by an invisible mark.
  const s = $('status');
  statusFlip = s.textContent.replace(/\u200b$/, '') === text ? !statusFlip : false;
  s.textContent = statusFlip ? `${text}\u200b` : text;
}

// ---- theme (follows the system; the button switches for this visit only) ----
function setupTheme() {
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  let choice = null; // null = follow the system
  const apply = () => {
    const isDark = choice ?? media.matches;
    HOST.dataset.theme = isDark ? 'dark' : 'light';
    setDarkTheme(isDark);
    const button = $('theme');
    // A toggle button keeps its name; aria-pressed says whether the dark theme is on.
    button.setAttribute('aria-pressed', String(isDark));
  };
  media.addEventListener('change', () => { if (choice === null) apply(); });
  $('theme').addEventListener('click', () => { choice = !(choice ?? media.matches); apply(); });
  apply();
}

// ---- "0 network requests": a measurement, not a claim ----
function setupRequestCounter() {
  let since = Infinity;
  let count = 0;
  const show = () => {
    $('request-count').textContent = String(count);
    $('privacy').classList.toggle('warn', count > 0);
  };
  const add = (n) => { if (n > 0) { count += n; show(); } };
  try {
    // Entries are delivered asynchronously: filter by start time, not arrival.
    new PerformanceObserver((list) => add(list.getEntries().filter((e) => e.startTime >= since).length))
      .observe({ type: 'resource', buffered: false });
  } catch { /* older browsers: the CSP still blocks everything */ }
  // Attempts the CSP blocked never become resource entries; count them too.
  document.addEventListener('securitypolicyviolation', () => { if (performance.now() >= since) add(1); });
  // Loading the engine (at start, and again after Cancel restarts it) is the page
  // loading itself: the count covers everything after the engine is ready.
  return { start() { since = performance.now(); show(); }, pause() { since = Infinity; }, add };
}

// ---- tabs (WAI-ARIA tabs pattern: arrows move, Home/End jump) ----
function setupTabs(tablist, onChange) {
  const tabs = [...tablist.querySelectorAll('[role=tab]')];
  const select = (tab, focus) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute('aria-controls')).hidden = !on;
    }
    if (focus) tab.focus();
    onChange?.(tab);
  };
  for (const t of tabs) {
    t.addEventListener('click', () => select(t, false));
    t.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(t);
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      select(tabs[(next + tabs.length) % tabs.length], true);
    });
  }
  return { select: (id) => select($(id), false) };
}

// ---- copy and download ----
async function copyText(text, what) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // file:// or no permission: the old way, through a hidden textarea.
    const ta = el('textarea', { class: 'offscreen', 'aria-hidden': 'true', tabindex: '-1' });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    document.execCommand('copy');
    ta.remove();
  }
  status(`Copied ${what} to the clipboard.`);
}

function download(text, filename) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = el('a', { href: url, download: filename, class: 'offscreen' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  status(`Saved ${filename}.`);
}

// A policy as the diff's left side: the pasted JSON, re-indented like the fixed one
// so the diff shows changes, not formatting. Other shapes stay as pasted.
function canonicalPolicy(text, kind) {
  try {
    let v = JSON.parse(text);
    if (kind === 'json-string' && typeof v === 'string') v = JSON.parse(v);
    if (kind === 'get-role' && v?.Role) {
      v = v.Role.AssumeRolePolicyDocument;
      if (typeof v === 'string') v = JSON.parse(decodeURIComponent(v));
    }
    return `${JSON.stringify(v, null, 2)}\n`;
  } catch {
    return text;
  }
}

// Engine sentences quote commands in `backticks`: show those as code.
function rich(text) {
  return String(text ?? '').split('`').map((part, i) => (i % 2 ? el('code', {}, part) : part));
}

const SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
const LINT_SEVERITY = { critical: 'error', high: 'error', medium: 'warning', low: 'warning', info: 'info' };

export function boot(makeWorker, { offline = false, root = document, host = document.documentElement } = {}) {
  ROOT = root;
  HOST = host;
  HOST.dataset.build = offline ? 'offline' : 'served';
  setupTheme();
  const counter = setupRequestCounter();

  // ---- editors ----
  const inputs = {};
  const guessers = { policy: guessPolicy, caller: guessCaller, error: guessError };
  const placeholders = {
    policy: 'Paste the role\'s trust policy…',
    caller: 'Paste the command, profile or code that assumes the role…',
    error: 'Paste the error message…',
  };
  for (const name of ['policy', 'caller', 'error']) {
    let timer = 0;
    inputs[name] = createEditor($(`${name}-editor`), {
      label: $(`${name}-label`).textContent,
      placeholder: placeholders[name],
      lint: name === 'policy',
      onChange: () => {
        clearTimeout(timer);
        timer = setTimeout(() => showGuess(name), 120);
      },
    });
    $(`${name}-editor`).querySelector('.cm-content').setAttribute('aria-describedby', `${name}-hint ${name}-kind`);
  }
  function showGuess(name) {
    const kind = guessers[name](inputs[name].view.state.doc.sliceString(0, 4096));
    setKind(name, kind);
  }
  function setKind(name, kind) {
    $(`${name}-kind`).textContent = kind && kind !== 'empty' ? `detected: ${kindLabel(kind)}` : '';
    inputs[name].setLanguage(languageFor(kind));
  }

  const ro = (id, label, lang) => createEditor($(id), { label, readOnly: true, lang });
  const fixedCaller = ro('fixed-caller-editor', 'Fixed caller', 'shell');
  const tfDoc = ro('tf-doc-editor', 'Terraform aws_iam_policy_document', 'hcl');
  const tfJson = ro('tf-json-editor', 'Terraform jsonencode assume_role_policy', 'hcl');
  const cfnYaml = ro('cfn-yaml-editor', 'CloudFormation YAML', 'yaml');
  const cfnJson = ro('cfn-json-editor', 'CloudFormation JSON', 'json');
  const redactInput = createEditor($('redact-input-editor'), { label: 'Text to redact', placeholder: 'Paste a trust policy, config, log or error…' });
  const redacted = ro('redacted-editor', 'Redacted text', 'text');
  const answer = createEditor($('answer-editor'), { label: 'Answer to restore', placeholder: 'Paste text that uses the placeholders…' });
  const restored = ro('restored-editor', 'Restored text', 'text');

  // Editors filled while their panel was hidden measured nothing: re-measure on show.
  const remeasure = (list) => () => list.forEach((e) => e.view.requestMeasure());
  setupTabs(ROOT.querySelector('.tabs[aria-label="Mode"]'),
    remeasure([redactInput, redacted, answer, restored]));
  setupTabs($('fix-tabs'), remeasure([fixedCaller, tfDoc, tfJson, cfnYaml, cfnJson]));

  // ---- engine ----
  let features = null;
  const setBusyButtons = () => {
    const ready = !!features;
    $('diagnose').disabled = !ready;
    $('redact').disabled = !ready;
    $('restore').disabled = !ready;
  };
  const engine = new Engine(makeWorker, {
    onReady(f) {
      const first = features === null && !engine.startedOnce;
      engine.startedOnce = true;
      features = f;
      setBusyButtons();
      showRedactOptions(f);
      HOST.dataset.engine = 'ready';
      HOST.dataset.analyze = f.analyze ? 'yes' : 'no';
      HOST.dataset.threads = f.threads ? 'yes' : 'no';  // the threaded engine (cross-origin isolated)
      counter.start();
      if (first) {
        status(f.analyze
          ? 'Ready. Paste your inputs or load the example; nothing leaves this page.'
          : 'Ready to redact. Analysis is not available in this build of the engine.');
      }
    },
    onFatal(message) {
      features = null;
      setBusyButtons();
      HOST.dataset.engine = 'failed';
      status(message);
    },
    onRequests: (n) => counter.add(n),
  });

  // Progress UI shared by both views. `total` 0 = stage without a measurable amount.
  function progress(prefix) {
    const box = $(`${prefix}-progress`);
    const bar = $(`${prefix}-bar`);
    return {
      show(stage) {
        box.hidden = false;
        $(`${prefix}-stage`).textContent = stage;
        bar.removeAttribute('value');
      },
      update(m) {
        $(`${prefix}-stage`).textContent = m.total ? `${m.stage}… ${Math.floor((100 * m.done) / m.total)}%` : `${m.stage}…`;
        if (m.total) { bar.max = m.total; bar.value = m.done; } else bar.removeAttribute('value');
      },
      hide() { box.hidden = true; },
    };
  }
  const diagnoseProgress = progress('diagnose');
  const redactProgress = progress('redact');
  const cancel = (what) => () => {
    features = null;
    setBusyButtons();
    counter.pause();
    engine.cancel();
    status(`${what} cancelled. The engine restarted; placeholders from earlier redactions are gone.`);
  };
  $('diagnose-cancel').addEventListener('click', cancel('Diagnosis'));
  $('redact-cancel').addEventListener('click', cancel('Redaction'));

  // ---- diagnose ----
  let lastResult = null;
  let diff = null;

  $('example').addEventListener('click', () => {
    for (const name of ['policy', 'caller', 'error']) {
      inputs[name].set(EXAMPLE[name]);
      showGuess(name);
    }
    status('Example loaded: a cross-account role that requires an external id.');
    if (features?.analyze) runDiagnosis();
  });
  $('clear').addEventListener('click', () => {
    for (const name of ['policy', 'caller', 'error']) { inputs[name].set(''); setKind(name, 'empty'); }
    $('results').hidden = true;
    status('Cleared.');
  });
  $('inputs').addEventListener('submit', (e) => { e.preventDefault(); runDiagnosis(); });
  ROOT.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      if (!$('panel-diagnose').hidden) runDiagnosis();
      else if (!$('panel-redact').hidden) runRedaction();
    }
  });

  async function runDiagnosis() {
    if (!features) { status('The engine is still loading.'); return; }
    if (!features.analyze) {
      status('Analysis is not available in this build of the engine. The Redact view works.');
      return;
    }
    const request = { policy: inputs.policy.text, caller: inputs.caller.text, error: inputs.error.text };
    if (!request.policy.trim() && !request.caller.trim() && !request.error.trim()) {
      status('Paste at least one input, or load the example.');
      return;
    }
    const size = request.policy.length + request.caller.length + request.error.length;
    if (size >= LARGE_INPUT) diagnoseProgress.show('Sending to the engine…');
    $('diagnose').disabled = true;
    try {
      const result = await engine.analyze(request, (m) => diagnoseProgress.update(m));
      if (result.unavailable) {
        status('Analysis is not available in this build of the engine.');
        return;
      }
      lastResult = { result, request };
      render(result, request);
    } catch (err) {
      if (!err.cancelled) status(`The analysis failed: ${err.message}`);
    } finally {
      diagnoseProgress.hide();
      setBusyButtons();
    }
  }

  function locate(input, location, length) {
    const editor = inputs[input];
    if (!editor || !location) return;
    const from = Number(location.offsetUtf16 ?? 0);
    const doc = editor.view.state.doc;
    const line = doc.lineAt(Math.min(from, doc.length));
    const to = length ? from + length : Math.max(line.to, from + 1);
    if (!$('panel-diagnose').hidden) editor.locate(from, to);
    status(`${$(`${input}-label`).textContent}, line ${location.line}, column ${location.column}.`);
  }

  function render(r, request) {
    const detected = r.detected ?? {};
    if (detected.policyKind) setKind('policy', detected.policyKind);
    if (detected.callerFormat) setKind('caller', detected.callerFormat);
    if (detected.errorKind) setKind('error', detected.errorKind);

    $('decision').textContent = r.decision ? `Simulated decision: ${r.decision}` : '';

    const causes = r.causes ?? [];
    $('causes').replaceChildren(...causes.map((c, i) => el('li', { class: 'cause', 'data-cause': c.id },
      el('h3', {}, el('span', { class: 'rank' }, `${i + 1}.`), ' ', c.title || c.id),
      el('p', { class: 'meta' }, el('code', { class: 'cause-id' }, c.id), ` · confidence ${Math.round((c.confidence ?? 0) * 100)}%`),
      c.explanation ? el('p', {}, rich(c.explanation)) : null,
      (c.evidence ?? []).length ? el('ul', { class: 'evidence', 'aria-label': 'Evidence' }, c.evidence.map((ev) => el('li', {},
        el('button', { type: 'button', class: 'link', onclick: () => locate(ev.input, ev.location) },
          `${ev.input} ${ev.location ? `line ${ev.location.line}` : ''}`.trim()),
        ' ', rich(ev.text)))) : null,
      c.fix ? el('p', { class: 'fix-line' }, el('strong', {}, 'Fix: '), rich(c.fix)) : null)));
    if (!causes.length) $('causes').replaceChildren(el('li', { class: 'none' }, 'No cause found for a denial with these inputs.'));

    $('input-errors').replaceChildren(...(r.inputErrors ?? []).map((e) => el('li', {},
      el('button', { type: 'button', class: 'link', onclick: () => locate(e.input, e.location) },
        `${e.input} line ${e.location?.line ?? '?'}, column ${e.location?.column ?? '?'}`),
      `: ${e.message}`)));

    const findings = [...(r.findings ?? [])].sort((a, b) => (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9));
    $('findings').replaceChildren(...findings.map((f) => el('li', {},
      el('button', { type: 'button', class: 'finding', 'data-finding': f.id, onclick: () => locate('policy', f.location) },
        el('span', { class: `sev sev-${f.severity}` }, f.severity),
        ' ', el('code', {}, f.id), ' ', rich(f.message)))));
    if (!findings.length) $('findings').replaceChildren(el('li', { class: 'none' }, 'No findings in the trust policy.'));
    const doc = inputs.policy.view.state.doc;
    inputs.policy.setDiagnostics(findings.filter((f) => f.location).map((f) => {
      const from = Math.min(Number(f.location.offsetUtf16), doc.length);
      return { from, to: doc.lineAt(from).to, severity: LINT_SEVERITY[f.severity] ?? 'info', message: `${f.id}: ${f.message}`, source: 'StackEngine' };
    }));

    // Fixes
    const fp = r.fixedPolicy ?? {};
    const fc = r.fixedCaller ?? {};
    $('policy-applied').replaceChildren(...(fp.applied ?? []).map((s) => el('li', {}, s)));
    if (!request.policy.trim()) $('policy-applied').replaceChildren(el('li', {}, 'Paste the trust policy to get a fixed one.'));
    else if (!fp.changed) $('policy-applied').replaceChildren(el('li', {}, 'The trust policy needs no change.'));
    diff?.destroy();
    diff = createDiff($('policy-diff'), {
      original: canonicalPolicy(request.policy, detected.policyKind),
      fixed: fp.json ?? '',
      lang: 'json',
      narrow: window.matchMedia('(max-width: 720px)').matches,
      labels: { original: 'Your trust policy', fixed: 'Fixed trust policy' },
    });
    $('caller-applied').replaceChildren(...(fc.applied ?? []).map((s) => el('li', {}, s)));
    if (!request.caller.trim()) $('caller-applied').replaceChildren(el('li', {}, 'Paste the caller to get a fixed one.'));
    else if (!fc.changed) $('caller-applied').replaceChildren(el('li', {}, 'The caller needs no change.'));
    $('caller-problems').replaceChildren(...(fc.problems ?? []).map((s) => el('li', {}, s)));
    fixedCaller.set(fc.text ?? '', languageFor(fc.format || detected.callerFormat));
    tfDoc.set(fp.terraform ?? '');
    tfJson.set(fp.terraformJsonencode ?? '');
    cfnYaml.set(fp.cloudformationYaml ?? '');
    cfnJson.set(fp.cloudformationJson ?? '');

    $('results').hidden = false;
    const top = causes[0];
    status(top
      ? `Diagnosis ready. Most likely cause: ${top.title || top.id}. ${findings.length} finding${findings.length === 1 ? '' : 's'}.`
      : `Diagnosis ready. No cause found; ${findings.length} finding${findings.length === 1 ? '' : 's'}.`);
  }

  const fixText = (key) => {
    const r = lastResult?.result;
    if (!r) return '';
    if (key === 'caller') return r.fixedCaller?.text ?? '';
    if (key === 'policy') return r.fixedPolicy?.json ?? '';
    return r.fixedPolicy?.[key] ?? '';
  };
  const callerFile = () => ({
    'aws-cli': 'assume-role.sh', 'aws-config': 'aws-config', 'terraform-provider': 'provider.tf',
    'github-actions': 'workflow.yml', boto3: 'assume_role.py', 'js-sdk-v3': 'assume-role.mjs',
    'go-sdk-v2': 'assume_role.go', 'java-sdk-v2': 'AssumeRole.java',
  }[lastResult?.result?.fixedCaller?.format] ?? 'caller.txt');
  for (const b of ROOT.querySelectorAll('[data-copy]')) {
    b.addEventListener('click', () => copyText(fixText(b.dataset.copy), b.textContent.replace(/^Copy /, '').toLowerCase() || 'the text'));
  }
  for (const b of ROOT.querySelectorAll('[data-download]')) {
    b.addEventListener('click', () => {
      const key = b.dataset.download;
      const name = key === 'caller' ? callerFile() : b.textContent.replace(/^Download /, '');
      download(fixText(key), name);
    });
  }

  // ---- redact ----
  // Options live in the form controls only: nothing is stored, a reload resets them.
  function showRedactOptions(f) {
    $('redact-options').hidden = !f.redactOptions;
    const box = $('categories');
    if (!f.redactOptions || box.childElementCount) return;  // after a restart: keep the user's choices
    box.replaceChildren(...f.categories.map((c) => el('label', { class: 'category' },
      el('input', { type: 'checkbox', checked: true, 'data-category': c.name }),
      ' ', el('code', {}, c.name), ' ', el('span', { class: 'count' }, `${c.rules} rule${c.rules === 1 ? '' : 's'}`))));
    $('categories-details').hidden = !f.categories.length;
    summarizeCategories();
  }
  const categoryBoxes = () => [...$('categories').querySelectorAll('input[data-category]')];
  function summarizeCategories() {
    const boxes = categoryBoxes();
    const on = boxes.filter((b) => b.checked).length;
    $('categories-summary').textContent = on === boxes.length ? `Categories: all ${boxes.length} on`
      : `Categories: ${on} of ${boxes.length} on`;
  }
  function redactOptions() {
    const style = ROOT.querySelector('input[name="placeholder-style"]:checked')?.value ?? 'format-preserving';
    const disabledCategories = categoryBoxes().filter((b) => !b.checked).map((b) => b.dataset.category);
    return { style, disabledCategories };
  }
  // A changed option re-runs a shown redaction at once, unless the input is large.
  let lastRedaction = null;
  let redacting = false;
  let rerun = false;
  function optionsChanged() {
    summarizeCategories();
    if (redacting) { rerun = true; return; }
    if (!lastRedaction) return;
    if (redactInput.length >= LARGE_INPUT) {
      $('redacted-count').textContent = 'Options changed: select Redact to apply them.';
      return;
    }
    runRedaction();
  }
  $('redact-options').addEventListener('change', optionsChanged);
  const setAllCategories = (on) => () => {
    for (const b of categoryBoxes()) b.checked = on;
    optionsChanged();
  };
  $('categories-all').addEventListener('click', setAllCategories(true));
  $('categories-none').addEventListener('click', setAllCategories(false));

  // The findings table: rule, category, severity, where the value was, its placeholder.
  // Never the value: the engine does not return it and the page does not look it up.
  const ROWS = 500;  // rendered at a time; a large paste can have tens of thousands
  let shownFindings = [];
  function findingRow(f) {
    const where = `${f.line}:${f.column}`;
    return el('tr', { 'data-rule': f.rule, 'data-line': String(f.line), onclick: () => selectFinding(f) },
      el('td', { 'data-label': 'Line:col' }, el('button', { type: 'button', class: 'link', title: `Select the placeholder that replaced the value at line ${f.line}, column ${f.column}` }, where)),
      el('td', { 'data-label': 'Rule' }, el('code', {}, f.rule)),
      el('td', { 'data-label': 'Category' }, f.category),
      el('td', { 'data-label': 'Severity' }, el('span', { class: `sev sev-${f.severity}` }, f.severity)),
      el('td', { 'data-label': 'Placeholder', class: 'placeholder' }, el('code', {}, f.placeholder)));
  }
  function renderFindings(list, append = false) {
    const body = $('redact-findings').tBodies[0];
    if (!append) {
      shownFindings = list;
      body.replaceChildren();
    }
    const from = body.rows.length;
    body.append(...shownFindings.slice(from, from + ROWS).map(findingRow));
    const more = $('redact-findings-more');
    const left = shownFindings.length - body.rows.length;
    more.hidden = left <= 0;
    more.replaceChildren(...(left > 0 ? [`Showing ${body.rows.length} of ${shownFindings.length}. `,
      el('button', { type: 'button', id: 'redact-findings-next', onclick: () => showMore() },
        `Show ${Math.min(left, ROWS)} more`)] : []));
    $('redact-findings-section').hidden = !shownFindings.length;
  }
  // The button goes away with the last page: keep focus on the first added row.
  function showMore() {
    const body = $('redact-findings').tBodies[0];
    const first = body.rows.length;
    renderFindings(null, true);
    body.rows[first]?.querySelector('button')?.focus();
  }
  function selectFinding(f) {
    redacted.locate(f.from, f.to);
    status(`Line ${f.line}, column ${f.column}: ${f.rule} replaced by ${f.placeholder}.`);
  }

  $('redact').addEventListener('click', runRedaction);
  async function runRedaction() {
    if (!features) { status('The engine is still loading.'); return; }
    const text = redactInput.text;
    if (!text) { status('Paste something to redact.'); return; }
    if (text.length >= LARGE_INPUT) redactProgress.show('Redacting…');
    $('redact').disabled = true;
    redacting = true;
    rerun = false;
    const started = performance.now();
    try {
      const options = features.redactOptions ? redactOptions() : undefined;
      const r = await engine.redact(text, options, (m) => redactProgress.update(m));
      if (r.error) {
        redacted.set('');
        renderFindings([]);
        lastRedaction = null;
        status(`${r.error.message} (line ${r.error.location.line}, column ${r.error.location.column})`);
        return;
      }
      redacted.set(r.redacted);
      redacted.setPlaceholders(r.placeholders);
      renderFindings(r.findings);
      lastRedaction = { options: r.options };
      const n = r.findings.length;
      $('redacted-count').textContent = `${n} value${n === 1 ? '' : 's'} replaced, ${r.placeholders.length} placeholder${r.placeholders.length === 1 ? '' : 's'}`;
      HOST.dataset.redactMs = String(Math.round(performance.now() - started));
      HOST.dataset.redactRuns = String(Number(HOST.dataset.redactRuns ?? 0) + 1);
      status(`Redacted: replaced ${n} value${n === 1 ? '' : 's'}.`);
    } catch (err) {
      if (!err.cancelled) status(`Redaction failed: ${err.message}`);
    } finally {
      redacting = false;
      redactProgress.hide();
      setBusyButtons();
    }
    if (rerun && features) runRedaction();
  }
  $('redacted-copy').addEventListener('click', () => copyText(redacted.text, 'the redacted text'));
  $('redacted-download').addEventListener('click', () => download(redacted.text, 'redacted.txt'));
  $('restore').addEventListener('click', async () => {
    if (!features) return;
    try {
      const r = await engine.restore(answer.text);
      restored.set(r.text);
      status('Restored the original values.');
    } catch (err) {
      if (!err.cancelled) status(`Restore failed: ${err.message}`);
    }
  });
  $('restored-copy').addEventListener('click', () => copyText(restored.text, 'the restored text'));

  // Read-only access to editor contents by container id (the end-to-end tests use it;
  // CodeMirror only renders the visible lines, so the DOM is not the document).
  const byId = {
    'policy-editor': inputs.policy, 'caller-editor': inputs.caller, 'error-editor': inputs.error,
    'fixed-caller-editor': fixedCaller, 'tf-doc-editor': tfDoc, 'tf-json-editor': tfJson,
    'cfn-yaml-editor': cfnYaml, 'cfn-json-editor': cfnJson, 'redact-input-editor': redactInput,
    'redacted-editor': redacted, 'answer-editor': answer, 'restored-editor': restored,
  };
  window.stackengine = Object.freeze({
    text: (id) => (id === 'policy-diff' ? diff?.fixedText() : byId[id]?.text) ?? null,
  });
}
