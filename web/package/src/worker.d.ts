import type { Sandbox, SandboxOptions } from './index.js';

type Async<T> = { [K in keyof T]: T[K] extends (...a: infer A) => infer R ? (...a: A) => Promise<R> : T[K] };

export interface WorkerSandboxOptions extends SandboxOptions {
  /** URL of worker-entry.mjs if your bundler moves it. */
  workerUrl?: string | URL;
}

/** The Sandbox API, every method async, running in a module Web Worker. */
export type WorkerSandbox = Omit<Async<Sandbox>, 'dispose'> & { dispose(): void };

export declare function createSandboxWorker(options?: WorkerSandboxOptions): Promise<WorkerSandbox>;
