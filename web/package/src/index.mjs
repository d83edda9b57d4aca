// stackengine — browser (main thread or worker) entry point.
//
//   import { createSandbox } from 'stackengine';
//   const se = await createSandbox();
//   const { redacted } = se.redact(text);
//   se.dispose();
import createStackEngineModule from './stackengine.mjs';
import { createSandboxFromModule } from './core.mjs';

export { SandboxError } from './core.mjs';

// options.wasmUrl: where stackengine.wasm is served from (default: next to this file).
// options.wasmBinary: the wasm bytes, if you already have them.
export async function createSandbox(options = {}) {
  const Module = await createStackEngineModule({
    ...(options.wasmBinary ? { wasmBinary: options.wasmBinary } : {}),
    locateFile: (file) => (file.endsWith('.wasm') && options.wasmUrl) ? String(options.wasmUrl)
      : new URL(file, import.meta.url).href,
  });
  return createSandboxFromModule(Module);
}
