// Classic worker for the served page when it is cross-origin isolated: the threaded
// engine (stackengine-threads.js, a classic script whose pool thread is a worker of its
// own, started from stackengine-threads.worker.js). The pool thread loads the engine's
// script again: mainScriptUrlOrBlob names it (the default would be this file).
import { startWorker } from './worker-core.js';

const script = new URL('./stackengine-threads.js', self.location.href).href;
self.importScripts(script);
startWorker(self, () => self.createStackEngineModule({ mainScriptUrlOrBlob: script }));
