// The served page: the engine runs in a worker loaded from the same origin. A page
// served cross-origin isolated (scripts/serve sends COOP and COEP) can share memory
// with workers, so it gets the threaded engine (a classic worker: the threaded build is
// a classic script); any other server gets the single-threaded ES module build.
import { boot } from './main.js';

boot(() => (globalThis.crossOriginIsolated === true
  ? new Worker(new URL('./worker-threads.js', import.meta.url), { name: 'stackengine' })
  : new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'stackengine' })));
