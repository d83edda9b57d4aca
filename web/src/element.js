// <stackengine-sandbox>: the whole page UI in a Shadow DOM, from one script and one
// tag. Styles are a constructed stylesheet adopted by the shadow root, so the host
// page's CSP needs no style-src; the engine runs in a module worker next to this file.
//
//   <script type="module" src="/node_modules/stackengine/dist/element.mjs"></script>
//   <stackengine-sandbox></stackengine-sandbox>
//
// Theme it with CSS custom properties on the element (--accent, --bg, --card, --fg,
// --border, ...) and ::part() (header, tabs, inputs, results, redact). Attributes:
// theme="dark|light" (default: follows the system), worker-src (override the worker URL).
import markup from 'stackengine:ui-markup';
import css from 'stackengine:ui-css';
import { boot } from './main.js';

let booted = false;

class StackEngineSandbox extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    root.innerHTML = markup;  // our own static markup; it contains no script
    if (booted) {
      root.getElementById('status').textContent =
        'Only one <stackengine-sandbox> per page is supported; this one is inactive.';
      return;
    }
    booted = true;
    const workerUrl = this.getAttribute('worker-src') ?? new URL('./ui-worker.js', import.meta.url);
    boot(() => new Worker(workerUrl, { type: 'module', name: 'stackengine' }), { root, host: this });
    const theme = this.getAttribute('theme');
    if (theme === 'dark' || theme === 'light') {
      const button = root.getElementById('theme');
      if ((this.dataset.theme === 'dark') !== (theme === 'dark')) button.click();
    }
  }
}

if (!customElements.get('stackengine-sandbox')) customElements.define('stackengine-sandbox', StackEngineSandbox);
