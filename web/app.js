// The thin page: load the module, redact on click. Everything stays in this tab.
import createStackEngineModule from './dist/stackengine.mjs';

const $ = (id) => document.getElementById(id);
const status = (text) => { $('status').textContent = text; };

// Count every request made after load, so the "0 network requests" badge is a
// measurement, not a claim.
let afterLoad = 0;
window.addEventListener('load', () => {
  new PerformanceObserver((list) => {
    afterLoad += list.getEntries().length;
    $('request-count').textContent = String(afterLoad);
  }).observe({ type: 'resource', buffered: false });
});

const engine = await createStackEngineModule();
const vault = new engine.Vault();
$('redact').disabled = false;
status('Ready. Nothing you paste leaves this page.');

$('redact').addEventListener('click', () => {
  const r = vault.redact($('input').value);
  try {
    if (r.error.code) {
      $('output').value = '';
      status(`${r.error.message} (line ${r.error.location.line}, column ${r.error.location.column})`);
      return;
    }
    $('output').value = r.redacted;
    status(`Replaced ${r.findings.size()} value(s).`);
  } finally {
    r.findings.delete();
  }
});
