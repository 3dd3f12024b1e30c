import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './database';
import { SqliteUpdateStore } from './SqliteUpdateStore';
import {
  describeError,
  movableBuffers,
  type StorageReply,
  type StorageRequest,
  type StorageResults,
  type StorageWorkerData,
  type StorageWorkerReady,
} from './storageWorkerProtocol';

/**
 * The worker thread behind WorkerUpdateStore: it hosts the SqliteUpdateStore on its own
 * connection, so commits (an fsync each) and compactions (a Y.Doc merge) block this
 * thread instead of the server's event loop. Started by spawnStorageWorker.ts.
 *
 * A failing call (disk full, database locked, an update Yjs cannot read) is answered with
 * its error and the worker carries on; only the calls it concerns fail (for an append:
 * every append in that group commit, as they share one transaction).
 */
const port = parentPort;
if (!port) throw new Error('sqliteUpdateWorker.ts runs as a worker thread (see WorkerUpdateStore)');

function parseWorkerData(data: unknown): StorageWorkerData {
  const dataDir = (data as Partial<StorageWorkerData> | null)?.dataDir;
  if (typeof dataDir !== 'string' || dataDir === '') {
    throw new Error(`storage worker: workerData.dataDir must be a directory or ':memory:', got ${dataDir}`);
  }
  return { dataDir };
}

// A database that cannot be opened throws here: the worker ends with that error, and
// WorkerUpdateStore.open rejects with it.
const db = openDatabase(parseWorkerData(workerData).dataDir);
const store = new SqliteUpdateStore(db);

async function close(): Promise<undefined> {
  await store.close();
  db.close();
  return undefined;
}

async function perform(request: StorageRequest): Promise<StorageResults[StorageRequest['op']]> {
  switch (request.op) {
    case 'load':
      return store.load(request.room);
    case 'append':
      return store.append(request.room, request.update, request.at);
    case 'compact':
      await store.compact(request.room, request.snapshot, request.uptoSeq);
      return undefined;
    case 'history':
      return store.history(request.room);
    case 'close':
      return close();
  }
}

/** The byte arrays in a result, moved to the main thread rather than copied (they are fresh copies of the rows). */
function arraysIn(value: StorageResults[StorageRequest['op']]): Array<Uint8Array | null> {
  if (Array.isArray(value)) return value.map((entry) => entry.update);
  if (value && typeof value === 'object') return [value.snapshot, ...value.updates];
  return [];
}

port.on('message', async (request: StorageRequest) => {
  let reply: StorageReply;
  try {
    reply = { id: request.id, ok: true, value: await perform(request) };
  } catch (error) {
    reply = { id: request.id, ok: false, error: describeError(error) };
  }
  port.postMessage(reply, reply.ok ? movableBuffers(arraysIn(reply.value)) : []);
});
port.postMessage({ type: 'ready' } satisfies StorageWorkerReady);
