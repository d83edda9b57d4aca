// The served page: the engine runs in a module worker loaded from the same origin.
import { boot } from './main.js';

boot(() => new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'stackengine' }));
