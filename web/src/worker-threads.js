// Classic worker for the served page when it is cross-origin isolated: the threaded
// engine (stackengine-threads.js, a classic script whose pool thread is a worker of its
// own, started from stackengine-threads.worker.js). The pool thread loads the engine's
// script again: mainScriptUrlOrBlob names it (the default would be this file).
// If the threaded engine cannot start (its shared memory reserves up to 2 GB of address
// space, which a small device may refuse), the single-threaded classic build runs
// instead: same results, one thread.
import { startWorker } from './worker-core.js';

const script = new URL('./stackengine-threads.js', self.location.href).href;
const fallback = new URL('./stackengine-classic.js', self.location.href).href;

function loadSingleThreaded() {
  self.importScripts(fallback);
  return self.createStackEngineModule();
}

startWorker(self, () => {
  let threaded;
  try {
    self.importScripts(script);
    threaded = self.createStackEngineModule({ mainScriptUrlOrBlob: script });
  } catch {
    return loadSingleThreaded();
  }
  return threaded.catch(() => loadSingleThreaded());
});
