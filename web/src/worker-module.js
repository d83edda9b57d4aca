// Module worker for the served page: the ES build of the engine, loaded next to it.
import createStackEngineModule from './stackengine.mjs';
import { startWorker } from './worker-core.js';

startWorker(self, () => createStackEngineModule());
