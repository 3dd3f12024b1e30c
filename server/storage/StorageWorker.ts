import type { Worker } from 'node:worker_threads';
import type { Logger } from '../log';
import type {
  StorageOp,
  StorageReply,
  StorageRequest,
  StorageResults,
  StorageWorkerData,
  WorkerErrorData,
} from './storageWorkerProtocol';

/**
 * A worker that died is started again on the next call, but not sooner than this after
 * the death, so a worker that cannot start (its file gone, the disk unreadable) costs one
 * attempt per second rather than one per incoming update.
 */
const RESTART_AFTER_MS = 1000;

/** A call the storage worker refused or could not answer; `code` is SQLite's when it has one (SQLITE_FULL, SQLITE_BUSY, …). */
export class StorageWorkerError extends Error {
  override name = 'StorageWorkerError';
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

interface Pending {
  describe: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * One sqliteUpdateWorker thread seen from the main thread: requests out, replies matched
 * back to their promises.
 *
 * When the thread dies, every unanswered call rejects (what it was writing may or may not
 * have been committed, so none is reported stored) and the next call starts a new thread.
 * The thread keeps no state beyond the calls just rejected, everything else is in the
 * database file, so a restart loses nothing; refusing every update until someone restarts
 * the server would lose the rest of the session.
 */
export class StorageWorker {
  private worker: Worker | null = null;
  /** Settles when the current thread has opened its database, or could not. */
  ready: Promise<void> = Promise.resolve();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private died: { at: number; reason: string } | null = null;
  private closed: Promise<void> | null = null;

  constructor(
    private readonly name: string,
    private readonly data: StorageWorkerData,
    private readonly spawn: (data: StorageWorkerData) => Worker,
    private readonly log: Logger,
  ) {
    this.start();
  }

  call<K extends StorageOp>(
    op: K,
    fields: Omit<Extract<StorageRequest, { op: K }>, 'id' | 'op'>,
    describe: string,
    transfer: ArrayBuffer[] = [],
  ): Promise<StorageResults[K]> {
    if (this.closed) {
      return Promise.reject(new StorageWorkerError(`${describe} failed: the update store is closed`));
    }
    if (!this.worker && this.died && Date.now() - this.died.at < RESTART_AFTER_MS) {
      return Promise.reject(
        new StorageWorkerError(`${describe} failed: the ${this.name} stopped (${this.died.reason})`),
      );
    }
    return this.post(this.worker ?? this.start(), op, fields, describe, transfer);
  }

  /**
   * Waits for every call made before it (the thread answers in order, so the answer to
   * 'close' comes after every pending commit's), then ends the thread. Later calls reject.
   */
  close(): Promise<void> {
    this.closed ??= this.shutDown();
    return this.closed;
  }

  private async shutDown(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    try {
      await this.post(worker, 'close', {}, `closing the ${this.name}'s database`);
    } finally {
      this.worker = null;
      await worker.terminate();
    }
  }

  private post<K extends StorageOp>(
    worker: Worker,
    op: K,
    fields: object,
    describe: string,
    transfer: ArrayBuffer[] = [],
  ): Promise<StorageResults[K]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { describe, resolve: resolve as (value: unknown) => void, reject });
      worker.ref();
      worker.postMessage({ id, op, ...fields }, transfer);
    });
  }

  private start(): Worker {
    const worker = this.spawn(this.data);
    this.worker = worker;
    let failure: Error | null = null;
    this.ready = new Promise((resolve, reject) => {
      worker.on('message', (message: StorageReply | { type: 'ready' }) => {
        if ('type' in message) {
          resolve();
          this.unrefWhenIdle(worker);
        } else this.settle(worker, message);
      });
      worker.on('error', (error) => {
        failure = error;
      });
      worker.on('exit', (code) => {
        const reason = failure?.message ?? `exited with code ${code}`;
        reject(new StorageWorkerError(`the ${this.name} could not start: ${reason}`));
        this.stopped(worker, reason);
      });
    });
    // A startup failure reaches whoever awaits `ready` (WorkerUpdateStore.open) and the calls made meanwhile.
    this.ready.catch(() => {});
    return worker;
  }

  private settle(worker: Worker, reply: StorageReply): void {
    const call = this.pending.get(reply.id);
    if (!call) return;
    this.pending.delete(reply.id);
    this.unrefWhenIdle(worker);
    if (reply.ok) call.resolve(reply.value);
    else call.reject(failedCall(call.describe, this.name, reply.error));
  }

  private stopped(worker: Worker, reason: string): void {
    if (this.worker === worker) this.worker = null;
    const unanswered = [...this.pending.values()];
    this.pending.clear();
    if (this.closed && unanswered.length === 0) return;
    this.died = { at: Date.now(), reason };
    this.log.error(
      `${this.name} stopped (${reason}); ${unanswered.length} unanswered calls failed, the next call starts it again`,
    );
    for (const call of unanswered) {
      call.reject(
        new StorageWorkerError(
          `${call.describe} failed: the ${this.name} stopped before answering (${reason}); not reported as stored`,
        ),
      );
    }
  }

  /** An idle thread does not keep the process alive; one with calls in flight does, so a commit is never cut off. */
  private unrefWhenIdle(worker: Worker): void {
    if (this.pending.size === 0) worker.unref();
  }
}

function failedCall(describe: string, name: string, error: WorkerErrorData): StorageWorkerError {
  const code = error.code ? `${error.code}: ` : '';
  return new StorageWorkerError(`${describe} failed in the ${name}: ${code}${error.message}`, error.code);
}
