// Loads the WebAssembly module the way Node users do: the classic build, given the
// wasm bytes (the ES build's loader needs __dirname, which ES modules lack).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dist = path.join(root, 'web', 'dist');

let modulePromise;
export function loadStackEngine() {
  modulePromise ??= require(path.join(dist, 'stackengine-classic.js'))({
    wasmBinary: readFileSync(path.join(dist, 'stackengine-classic.wasm')),
  });
  return modulePromise;
}
