import { historyRows, mergeSnapshot, minuteOf } from './compaction';
import type { Db } from './database';
import type { StoredDoc, UpdateStore } from './UpdateStore';

/**
 * The SQLite store's logic on one connection. better-sqlite3 is synchronous, so every call
 * blocks the thread it runs on: the server runs this class inside a worker thread
 * (WorkerUpdateStore, sqliteUpdateWorker.ts), never on its event loop.
 *
 * Calls take effect in the order they are made: a `load`, `history`, `compact` or `close`
 * first commits the appends still waiting for their group commit.
 */
export class SqliteUpdateStore implements UpdateStore {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      snapshot: db.prepare<[string], { upto_seq: number; data: Buffer }>(
        'select upto_seq, data from snapshots where room = ?',
      ),
      log: db.prepare<[string], { seq: number; at: number; data: Buffer }>(
        'select seq, at, data from updates where room = ? order by seq',
      ),
      logUpTo: db.prepare<[string, number], { seq: number; at: number; data: Buffer }>(
        'select seq, at, data from updates where room = ? and seq <= ? order by seq',
      ),
      append: db.prepare<[string, number, Uint8Array]>(
        'insert into updates (room, at, data) values (?, ?, ?)',
      ),
      saveSnapshot: db.prepare<[string, number, Uint8Array]>(
        'insert into snapshots (room, upto_seq, data) values (?, ?, ?) on conflict(room) do update set upto_seq = max(upto_seq, excluded.upto_seq), data = excluded.data',
      ),
      historyAt: db.prepare<[string, number], { data: Buffer }>(
        'select data from history where room = ? and minute = ?',
      ),
      saveHistory: db.prepare<[string, number, Uint8Array]>(
        'insert into history (room, minute, data) values (?, ?, ?) on conflict(room, minute) do update set data = excluded.data',
      ),
      historyRows: db.prepare<[string], { minute: number; data: Buffer }>(
        'select minute, data from history where room = ? order by minute',
      ),
      drop: db.prepare<[number]>('delete from updates where seq = ?'),
    };
  }

  /** Every row still in the log, not only those above the snapshot's seq: see UpdateStore. */
  async load(room: string): Promise<StoredDoc> {
    this.commitPending();
    // One read transaction: a compaction on the other connection may replace the snapshot
    // and delete the rows it took in between two separate reads, and those rows would be
    // in neither.
    const { snapshot, rows } = this.db.transaction(() => ({
      snapshot: this.statements.snapshot.get(room),
      rows: this.statements.log.all(room),
    }))();
    return {
      snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
      updates: rows.map((row) => new Uint8Array(row.data)),
      lastSeq: Math.max(snapshot?.upto_seq ?? 0, rows.at(-1)?.seq ?? 0),
    };
  }

  /**
   * Group commit: appends from every room that arrive in the same turn of the event loop
   * are written in one transaction, so they share one fsync (about 2.5 ms here, and
   * better-sqlite3 blocks while it waits). In the worker, appends posted while a commit
   * runs queue up and go into the next one. Each promise resolves only after the commit.
   */
  append(room: string, update: Uint8Array, at: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.batch.push({ room, update, at, resolve, reject });
      if (this.batch.length === 1) setImmediate(this.flush);
    });
  }

  private readonly batch: Array<{
    room: string;
    update: Uint8Array;
    at: number;
    resolve: (seq: number) => void;
    reject: (error: unknown) => void;
  }> = [];

  private readonly flush = (): void => {
    const entries = this.batch.splice(0);
    if (entries.length === 0) return;
    let seqs: number[];
    try {
      // immediate: take the write lock at BEGIN, waiting (busy_timeout) while the sessions'
      // connection writes.
      seqs = this.db
        .transaction(() =>
          entries.map((e) => Number(this.statements.append.run(e.room, e.at, e.update).lastInsertRowid)),
        )
        .immediate();
    } catch (error) {
      for (const entry of entries) entry.reject(error);
      return;
    }
    for (const [i, entry] of entries.entries()) entry.resolve(seqs[i] as number);
  };

  /** Commits the waiting appends now (their scheduled flush then finds nothing to do). */
  private commitPending(): void {
    if (this.batch.length > 0) this.flush();
  }

  /**
   * Moves the log up to `uptoSeq` into the snapshot, by the contract in UpdateStore. The
   * removed updates are kept in `history`, merged per minute, so a session's growth can be
   * replayed later.
   *
   * The merge (a Y.Doc rebuilt from everything: hundreds of ms for a big room) runs
   * between a read and a short write transaction, not inside one: other connections share
   * the file (the appends' in the storage worker, the sessions' on the main thread), and a
   * writer there would wait for as long as this connection holds the write lock. What the
   * merge read cannot change in between: the rows up to `uptoSeq` are committed before the
   * call (the caller's seq comes from a resolved append) and only a compaction deletes
   * them; later appends get higher seqs; snapshots and history are written only by
   * compactions, which run one at a time (one thread, synchronous calls).
   */
  async compact(room: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    this.commitPending();
    const { statements } = this;
    const { old, removed, existing } = this.db.transaction(() => {
      const removed = statements.logUpTo
        .all(room, uptoSeq)
        .map((row) => ({ seq: row.seq, at: row.at, update: new Uint8Array(row.data) }));
      const existing = new Map<number, Uint8Array>();
      for (const minute of new Set(removed.map((r) => minuteOf(r.at)))) {
        const row = statements.historyAt.get(room, minute);
        if (row) existing.set(minute, new Uint8Array(row.data));
      }
      return { old: statements.snapshot.get(room), removed, existing };
    })();
    const history = historyRows(removed, (minute) => existing.get(minute) ?? null);
    const merged = mergeSnapshot([
      old ? new Uint8Array(old.data) : null,
      snapshot,
      ...removed.map((r) => r.update),
    ]);
    this.db
      .transaction(() => {
        for (const { minute, data } of history) statements.saveHistory.run(room, minute, data);
        statements.saveSnapshot.run(room, uptoSeq, merged);
        for (const row of removed) statements.drop.run(row.seq);
      })
      .immediate();
  }

  async history(room: string): Promise<Array<{ at: number; update: Uint8Array }>> {
    this.commitPending();
    // One read transaction, like load: a compaction moves rows from the log to history.
    const { history, log } = this.db.transaction(() => ({
      history: this.statements.historyRows.all(room),
      log: this.statements.log.all(room),
    }))();
    return [
      ...history.map((row) => ({ at: row.minute, update: new Uint8Array(row.data) })),
      ...log.map((row) => ({ at: row.at, update: new Uint8Array(row.data) })),
    ];
  }

  /** Commits the waiting appends; the caller closes the database. */
  async close(): Promise<void> {
    this.commitPending();
  }
}
