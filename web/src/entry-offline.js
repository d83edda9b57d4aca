// The offline single file: everything is inlined. From file:// a worker script
// cannot be loaded by URL (opaque origin), so the worker's source — the classic
// SINGLE_FILE engine plus worker-classic.js — is a string inside this (hash-pinned)
// script, started from a blob: URL.
import workerSource from 'stackengine:worker-source';
import { boot } from './main.js';

const url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
boot(() => new Worker(url, { name: 'stackengine' }), { offline: true });
