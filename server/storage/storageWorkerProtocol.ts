import type { StoredDoc } from './UpdateStore';

/**
 * The messages between WorkerUpdateStore (main thread) and sqliteUpdateWorker.ts (the
 * worker that owns the SQLite connection): one request per UpdateStore call, one reply per
 * request, matched by `id`. Requests are answered in the order they were posted.
 */
export type StorageRequest =
  | { id: number; op: 'load'; room: string }
  | { id: number; op: 'append'; room: string; update: Uint8Array; at: number }
  | { id: number; op: 'compact'; room: string; snapshot: Uint8Array; uptoSeq: number }
  | { id: number; op: 'history'; room: string }
  | { id: number; op: 'close' };

export type StorageOp = StorageRequest['op'];

/** What each request resolves with. */
export interface StorageResults {
  load: StoredDoc;
  append: number;
  compact: undefined;
  history: Array<{ at: number; update: Uint8Array }>;
  close: undefined;
}

/** An error crosses the thread boundary as plain data; `code` is SQLite's (SQLITE_BUSY, SQLITE_FULL, …). */
export interface WorkerErrorData {
  name: string;
  message: string;
  code?: string;
}

export type StorageReply =
  | { id: number; ok: true; value: StorageResults[StorageOp] }
  | { id: number; ok: false; error: WorkerErrorData };

/** The worker's first message, once its database is open (if it cannot open it, it ends with that error). */
export interface StorageWorkerReady {
  type: 'ready';
}

export interface StorageWorkerData {
  dataDir: string;
}

export function describeError(error: unknown): WorkerErrorData {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: String(error) };
}

/**
 * The buffers among `arrays` that can be moved to the other thread instead of copied:
 * each must be the whole of its own ArrayBuffer (a view into a larger or pooled buffer
 * would hand over, or fail on, bytes that are not ours), and listed once.
 */
export function movableBuffers(arrays: ReadonlyArray<Uint8Array | null>): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) {
    if (!array || !(array.buffer instanceof ArrayBuffer)) continue;
    if (array.byteOffset === 0 && array.byteLength === array.buffer.byteLength) buffers.add(array.buffer);
  }
  return [...buffers];
}
