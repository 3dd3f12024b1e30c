import type { Worker } from 'node:worker_threads';
import { type Logger, silentLogger } from '../log';
import { StorageWorker } from './StorageWorker';
import { spawnStorageWorker } from './spawnStorageWorker';
import { movableBuffers, type StorageWorkerData } from './storageWorkerProtocol';
import type { StoredDoc, UpdateStore } from './UpdateStore';

export { StorageWorkerError } from './StorageWorker';

export interface WorkerUpdateStoreOptions {
  /** The directory of `kringen.sqlite` (or ':memory:', a database of the worker's own). */
  dataDir: string;
  log?: Logger;
  /** Starts a worker thread; tests pass one that keeps a handle on it or fails on purpose. */
  spawn?: (data: StorageWorkerData) => Worker;
}

/**
 * The SQLite store for the server: SqliteUpdateStore runs in worker threads
 * (sqliteUpdateWorker.ts) and this thread only posts messages, so neither the fsync of a
 * group commit nor a compaction's merge stalls the event loop every client's messages go
 * through (profiled: ~13 % of the loop in commits, stalls up to ~130 ms per compaction).
 *
 * Two threads, each with its own connection to the file: the storage worker loads,
 * appends and reads history; the compaction worker compacts. A compaction's merge takes
 * hundreds of ms for a big room (measured 300–560 ms for 500 ripples on the 2-core test
 * machine); in the same thread as the commits it held back every room's appends, and so
 * every broadcast, for that long (the phones bench showed p99 341 ms, its two worst
 * seconds exactly at the two compactions). Two connections are safe by UpdateStore's
 * contract, the one PostgreSQL instances already share a database by. An in-memory
 * database exists only for its own connection, so ':memory:' uses one thread for all.
 *
 * Errors: a call a worker fails (disk full, database locked, corrupt input) rejects that
 * call only, with a StorageWorkerError naming the call and SQLite's reason; the Room then
 * refuses the update as not stored. A worker that dies: see StorageWorker.
 */
export class WorkerUpdateStore implements UpdateStore {
  /** Starts the workers and waits until their database is open; rejects with the reason one could not open it. */
  static async open(options: WorkerUpdateStoreOptions): Promise<WorkerUpdateStore> {
    const store = new WorkerUpdateStore(options);
    try {
      await Promise.all([store.writer.ready, store.compactor.ready]);
    } catch (error) {
      await store.close().catch(() => {});
      throw error;
    }
    return store;
  }

  private readonly writer: StorageWorker;
  private readonly compactor: StorageWorker;

  private constructor(options: WorkerUpdateStoreOptions) {
    const spawn = options.spawn ?? spawnStorageWorker;
    const log = options.log ?? silentLogger;
    const data = { dataDir: options.dataDir };
    this.writer = new StorageWorker('storage worker', data, spawn, log);
    this.compactor =
      options.dataDir === ':memory:' ? this.writer : new StorageWorker('compaction worker', data, spawn, log);
  }

  load(room: string): Promise<StoredDoc> {
    return checkRoom(room) ?? this.writer.call('load', { room }, `load of room ${room}`);
  }

  /**
   * The update is copied once and the copy moved to the worker: the caller keeps its array
   * (the Room sends it on after the commit), and a structured clone would copy anyway, the
   * whole underlying buffer for a view into a bigger one.
   */
  append(room: string, update: Uint8Array, at: number): Promise<number> {
    const invalid = checkRoom(room) ?? checkBytes('update', update) ?? checkNumber('at', at);
    if (invalid) return invalid;
    const copy = new Uint8Array(update);
    return this.writer.call(
      'append',
      { room, update: copy, at },
      `append to room ${room}`,
      movableBuffers([copy]),
    );
  }

  /** The caller's `uptoSeq` comes from an append that has resolved, so every row it covers is committed and visible to the compaction worker. */
  compact(room: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    const invalid = checkRoom(room) ?? checkBytes('snapshot', snapshot) ?? checkNumber('uptoSeq', uptoSeq);
    if (invalid) return invalid;
    const copy = new Uint8Array(snapshot);
    return this.compactor.call(
      'compact',
      { room, snapshot: copy, uptoSeq },
      `compaction of room ${room}`,
      movableBuffers([copy]),
    );
  }

  history(room: string): Promise<Array<{ at: number; update: Uint8Array }>> {
    return checkRoom(room) ?? this.writer.call('history', { room }, `history of room ${room}`);
  }

  /** Waits for every pending commit and compaction, then ends the workers. Later calls reject. */
  async close(): Promise<void> {
    const results = await Promise.allSettled([this.writer.close(), this.compactor.close()]);
    for (const result of results) if (result.status === 'rejected') throw result.reason;
  }
}

// Arguments are checked here, before they reach the worker: a bad one in a group commit
// would otherwise fail every other append in the same transaction.
const invalidArgument = (message: string) => Promise.reject(new TypeError(`update store: ${message}`));

function checkRoom(room: unknown): Promise<never> | undefined {
  if (typeof room !== 'string' || room === '')
    return invalidArgument(`room must be a non-empty string, got ${room}`);
}

function checkBytes(name: string, value: unknown): Promise<never> | undefined {
  if (!(value instanceof Uint8Array)) return invalidArgument(`${name} must be a Uint8Array`);
}

function checkNumber(name: string, value: unknown): Promise<never> | undefined {
  if (!Number.isSafeInteger(value)) return invalidArgument(`${name} must be an integer, got ${value}`);
}
