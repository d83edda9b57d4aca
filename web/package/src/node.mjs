// stackengine — Node entry point (Node 20+). Same API as the browser entry.
// Emscripten's ES build needs __dirname under Node, so Node loads the classic build
// and hands it the wasm bytes.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { createSandboxFromModule } from './core.mjs';

export { SandboxError } from './core.mjs';

const require = createRequire(import.meta.url);

export async function createSandbox(options = {}) {
  const factory = require('./stackengine-classic.cjs');
  const wasmBinary = options.wasmBinary ??
    await readFile(new URL('./stackengine-classic.wasm', import.meta.url));
  const Module = await factory({ wasmBinary });
  return createSandboxFromModule(Module);
}
