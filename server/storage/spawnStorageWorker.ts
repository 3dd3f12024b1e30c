import { Worker } from 'node:worker_threads';
import type { StorageWorkerData } from './storageWorkerProtocol';

/** The worker's source, and the file scripts/buildServer.ts builds from it beside dist/server/main.js. */
export const STORAGE_WORKER_SOURCE = 'server/storage/sqliteUpdateWorker.ts';
export const STORAGE_WORKER_BUILT = 'sqliteUpdateWorker.js';

/**
 * Starts sqliteUpdateWorker in a worker thread, from wherever this module runs:
 * - built (`node dist/server/main.js`): this code is inside main.js, and the worker is the
 *   plain ES module buildServer emits beside it;
 * - from source (`node --import tsx`, `npm run dev`, vitest): the worker is the .ts file
 *   beside this one. Node 20 does not carry the parent's `--import tsx` loader into a worker
 *   (it fails with ERR_UNKNOWN_FILE_EXTENSION, nodejs/node#47747), and vitest compiles
 *   TypeScript in its own module runner, which a worker does not have. So a two-line
 *   bootstrap registers tsx inside the worker and imports the .ts file through it.
 * The paths are built from variables, not `new URL('./x', import.meta.url)` literals, so
 * Vite leaves them alone instead of copying the file as an asset.
 */
export function spawnStorageWorker(data: StorageWorkerData): Worker {
  const here = new URL(import.meta.url);
  if (!here.pathname.endsWith('.ts'))
    return new Worker(new URL(STORAGE_WORKER_BUILT, here), { workerData: data });
  const source = new URL(STORAGE_WORKER_SOURCE.slice(STORAGE_WORKER_SOURCE.lastIndexOf('/') + 1), here);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(source.href)}, ${JSON.stringify(source.href)}));`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}
