// The first module of a parser thread, in plain JavaScript because nothing can compile TypeScript yet: it
// registers tsx in this thread (so the same code runs under tsx, Vitest or plain Node), then loads worker.ts.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
parentPort.postMessage({ ready: true });
