// Static server for web/: correct MIME types, and the Content-Security-Policy as
// an HTTP header (a <meta> CSP does not reach Web Workers). Loopback only.
//   node scripts/lib/serve.mjs [--port 8080] [--root web/dist]
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};

export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.d.ts': 'text/plain; charset=utf-8',
};

// isolated: false leaves out COEP (the page then runs the single-threaded engine), for
// tests of that path.
export function createServer(root, { csp = CSP, isolated = true } = {}) {
  const base = path.resolve(root);
  return http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(base, '.' + rel);
    if (!file.startsWith(base + path.sep) && file !== base) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': csp,
        // COOP + COEP make the page cross-origin isolated: SharedArrayBuffer, hence
        // the threaded engine (web/src/entry-served.js). Everything is same-origin.
        'Cross-Origin-Opener-Policy': 'same-origin',
        ...(isolated ? { 'Cross-Origin-Embedder-Policy': 'require-corp' } : {}),
        'Cross-Origin-Resource-Policy': 'same-origin',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(opt('--port', process.env.PORT ?? 8080));
  const root = opt('--root', path.join(here, '..', '..', 'web', 'dist'));
  createServer(root).listen(port, '127.0.0.1', () => {
    console.log(`StackEngine Sandbox: http://127.0.0.1:${port}/  (serving ${path.resolve(root)}; Ctrl-C stops)`);
  });
}
