// Bundles the page into web/dist/ (run by scripts/build after the wasm build):
//   index.html  app.js  worker.js  style.css   the served page (module worker, SRI)
//   worker-threads.js                           its worker when cross-origin isolated
//   stackengine.html                            one offline file that works from file://
//   SHA256SUMS                                  the hash of every shipped file (also printed)
//
// CSP notes (details in docs/csp.md):
// * CodeMirror's style-mod puts its CSS in a <style> element when the root is a
//   document, which `style-src 'self'` blocks. Patched below to use a constructed
//   stylesheet (document.adoptedStyleSheets): CSSOM, which CSP does not govern, so
//   style-src stays 'self' (served) or one hash (offline) with no 'unsafe-inline'.
// * The offline file cannot load scripts by URL, so its one inline script and one
//   inline style are pinned by SHA-256 hashes computed here.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.dirname(fileURLToPath(import.meta.url));
const src = path.join(web, 'src');
const dist = path.join(web, 'dist');

for (const f of ['stackengine.mjs', 'stackengine.wasm', 'stackengine-single.js', 'stackengine-threads.js']) {
  if (!existsSync(path.join(dist, f))) {
    console.error(`web/build.mjs: ${f} is missing in web/dist; run scripts/build (it builds the engine first)`);
    process.exit(1);
  }
}

const STYLE_MOD_FROM = 'if (!root.head && root.adoptedStyleSheets && win.CSSStyleSheet) {';
const STYLE_MOD_TO = 'if (root.adoptedStyleSheets && win.CSSStyleSheet) {';
const cspSafeStyles = {
  name: 'csp-safe-styles',
  setup(build) {
    build.onLoad({ filter: /style-mod[\\/]src[\\/]style-mod\.js$/ }, (args) => {
      const code = readFileSync(args.path, 'utf8');
      if (!code.includes(STYLE_MOD_FROM)) {
        throw new Error('style-mod changed: re-check how CodeMirror injects its CSS before updating (see docs/csp.md)');
      }
      return { contents: code.replace(STYLE_MOD_FROM, STYLE_MOD_TO), loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  minify: true,
  legalComments: 'none',
  target: ['es2020', 'chrome100', 'firefox100', 'safari16'],
  plugins: [cspSafeStyles],
  logLevel: 'warning',
  write: false,
};

const sha = (alg, data, enc = 'base64') => createHash(alg).update(data).digest(enc);
const text = (result) => result.outputFiles[0].text;

// ---- served page ----
const app = text(await esbuild.build({ ...common, entryPoints: [path.join(src, 'entry-served.js')], format: 'esm', outfile: 'app.js' }));
const worker = text(await esbuild.build({
  ...common, entryPoints: [path.join(src, 'worker-module.js')], format: 'esm', outfile: 'worker.js',
  external: ['./stackengine.mjs'],
}));
// The cross-origin isolated page's worker: classic, it loads stackengine-threads.js.
const workerThreads = text(await esbuild.build({ ...common, entryPoints: [path.join(src, 'worker-threads.js')], format: 'iife' }));
const css = readFileSync(path.join(web, 'style.css'), 'utf8');
writeFileSync(path.join(dist, 'app.js'), app);
writeFileSync(path.join(dist, 'worker.js'), worker);
writeFileSync(path.join(dist, 'worker-threads.js'), workerThreads);
writeFileSync(path.join(dist, 'style.css'), css);

const template = readFileSync(path.join(web, 'index.html'), 'utf8');
for (const mark of ['<!--CSP-->', '<!--STYLE-->', '<!--SCRIPT-->']) {
  if (!template.includes(mark)) throw new Error(`web/index.html lost its ${mark} marker`);
}
// The served page's CSP comes from the server's header (scripts/lib/serve.mjs), which
// also reaches the worker; the meta copy keeps the page strict on any other server.
const servedCsp = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'";
writeFileSync(path.join(dist, 'index.html'), template
  .replace('<!--CSP-->', () => `<meta http-equiv="Content-Security-Policy" content="${servedCsp}">`)
  .replace('<!--STYLE-->', () => `<link rel="stylesheet" href="style.css" integrity="sha384-${sha('sha384', css)}">`)
  .replace('<!--SCRIPT-->', () => `<script type="module" src="app.js" integrity="sha384-${sha('sha384', app)}"></script>`));

// ---- offline single file ----
const classicWorker = text(await esbuild.build({ ...common, entryPoints: [path.join(src, 'worker-classic.js')], format: 'iife' }));
const workerSource = `${readFileSync(path.join(dist, 'stackengine-single.js'), 'utf8')}\n${classicWorker}`;
const offlineScript = text(await esbuild.build({
  ...common,
  entryPoints: [path.join(src, 'entry-offline.js')],
  format: 'iife',
  plugins: [cspSafeStyles, {
    name: 'worker-source',
    setup(build) {
      build.onResolve({ filter: /^stackengine:worker-source$/ }, () => ({ path: 'worker-source', namespace: 'stackengine' }));
      build.onLoad({ filter: /.*/, namespace: 'stackengine' }, () => ({
        // \u003c keeps "</script" and "<!--" out of the inline script; same string.
        contents: `export default ${JSON.stringify(workerSource).replace(/</g, '\\u003c')};`,
        loader: 'js',
      }));
    },
  }],
}));
if (/<\/script|<!--/i.test(offlineScript)) throw new Error('the offline script contains </script or <!--; it cannot be inlined');
if (/<\/style/i.test(css)) throw new Error('style.css contains </style');
// Hash-pinned: only these exact bytes run or apply. 'wasm-unsafe-eval' compiles the
// engine; `worker-src blob:` admits the worker this script creates from its own
// string (it inherits this policy); `connect-src 'none'`: no fetch, XHR or WebSocket.
const offlineCsp = [
  "default-src 'none'",
  `script-src 'sha256-${sha('sha256', offlineScript)}' 'wasm-unsafe-eval'`,
  `style-src 'sha256-${sha('sha256', css)}'`,
  'worker-src blob:',
  "img-src data:", // CodeMirror's lint gutter icons are data: SVGs in its CSS
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
// Function replacements: the bundle contains `$&`-like sequences that a replacement
// string would expand. The classic inline script goes just before </body> so the
// DOM it boots exists when it runs.
writeFileSync(path.join(dist, 'stackengine.html'), template
  .replace('<!--CSP-->', () => `<meta http-equiv="Content-Security-Policy" content="${offlineCsp}">`)
  .replace('<!--STYLE-->', () => `<style>${css}</style>`)
  .replace(/\n\s*<!--SCRIPT-->/, '')
  .replace('</body>', () => `<script>${offlineScript}</script>\n</body>`));

// ---- hashes of everything shipped ----
// <stackengine-sandbox> (shipped in the npm package): the same UI in a shadow root.
// Markup = the page's <body>; CSS = style.css with document selectors mapped to :host.
const PARTS = { 'class="top"': 'header', 'class="tabs"': 'tabs', 'id="inputs"': 'inputs',
  'id="results"': 'results', 'id="panel-redact"': 'redact' };
let uiMarkup = template.slice(template.indexOf('<body>') + 6, template.indexOf('</body>'));
for (const [attr, part] of Object.entries(PARTS)) {
  if (!uiMarkup.includes(attr)) throw new Error(`web/index.html lost ${attr} (a ::part of the element)`);
  uiMarkup = uiMarkup.replace(attr, `${attr} part="${part}"`);
}
uiMarkup = `<div class="se-body">${uiMarkup}</div>`;
const uiCss = ':host { display: block; }\n' + css
  .replace(/:root\[data-theme="dark"\]/g, ':host([data-theme="dark"])')
  .replace(/:root/g, ':host')
  .replace(/^html \{/m, ':host {')
  .replace(/^body \{/m, '.se-body {');
const element = text(await esbuild.build({
  ...common, entryPoints: [path.join(src, 'element.js')], format: 'esm',
  plugins: [cspSafeStyles, {
    name: 'ui-assets',
    setup(build) {
      build.onResolve({ filter: /^stackengine:ui-/ }, (a) => ({ path: a.path, namespace: 'stackengine-ui' }));
      build.onLoad({ filter: /.*/, namespace: 'stackengine-ui' }, (a) => ({
        contents: `export default ${JSON.stringify(a.path === 'stackengine:ui-markup' ? uiMarkup : uiCss)};`,
        loader: 'js',
      }));
    },
  }],
}));
writeFileSync(path.join(dist, 'element.js'), element);

const shipped = readdirSync(dist).filter((f) => f !== 'SHA256SUMS' && statSync(path.join(dist, f)).isFile()).sort();
const sums = shipped.map((f) => `${sha('sha256', readFileSync(path.join(dist, f)), 'hex')}  ${f}`);
writeFileSync(path.join(dist, 'SHA256SUMS'), `${sums.join('\n')}\n`);
console.log('web/dist (SHA-256):');
for (const [i, line] of sums.entries()) {
  console.log(`  ${line}  (${(statSync(path.join(dist, shipped[i])).size / 1024).toFixed(0)} KiB)`);
}
