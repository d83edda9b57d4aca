// Loads the WebAssembly module the way Node users do: the classic build, given the
// wasm bytes (the ES build's loader needs __dirname, which ES modules lack).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dist = path.join(root, 'web', 'dist');

// `build` names the build in web/dist: 'classic' (single-threaded) or 'threads' (the
// threaded module, whose pool thread needs PThread.terminateAllThreads() to let Node exit).
const modules = new Map();
export function loadStackEngine(build = 'classic') {
  if (!modules.has(build)) {
    modules.set(build, require(path.join(dist, `stackengine-${build}.js`))({
      wasmBinary: readFileSync(path.join(dist, `stackengine-${build}.wasm`)),
    }));
  }
  return modules.get(build);
}
export const isLoaded = (build) => modules.has(build);
