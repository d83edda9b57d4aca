// Runs inside the module worker started by createSandboxWorker().
import { createSandbox } from './index.mjs';

let sandbox;
self.addEventListener('message', async (event) => {
  const { id, method, args } = event.data;
  try {
    let value;
    if (method === 'init') {
      sandbox ??= await createSandbox(args[0] ?? {});
      value = true;
    } else {
      if (!sandbox || typeof sandbox[method] !== 'function') throw new Error(`unknown method ${method}`);
      value = await sandbox[method](...args);
    }
    self.postMessage({ id, ok: true, value });
  } catch (e) {
    self.postMessage({ id, ok: false, error: { name: e.name, message: e.message, code: e.code } });
  }
});
