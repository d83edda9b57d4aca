// Classic worker for the offline file: its blob is stackengine-single.js (which
// defines createStackEngineModule, wasm embedded) followed by this bundle.
import { startWorker } from './worker-core.js';

startWorker(self, () => self.createStackEngineModule());
