import type { Db } from './database';
import type { StoredDoc, UpdateStore } from './UpdateStore';

/**
 * The SQLite store: one connection, on the server's event loop, shared with the session
 * store. better-sqlite3 is synchronous, so each call blocks the loop while it runs; that is
 * cheap enough here and cheaper than the alternative. A group commit (fsync included) is
 * short, and when the disk is slower more appends wait for the next one and share it. The
 * store used to run in two worker threads (commits in one, compactions in the other): side
 * by side with the reference server under load (bench/load/compare.ts), the hop to a
 * thread and back cost more CPU and latency than the commits it kept off the loop, and the
 * two extra V8 heaps cost memory.
 *
 * One server owns the file (DATA_DIR is not shared; instances that share sessions use
 * PostgreSQL), so the caller's document holds every stored update, and a compaction writes
 * it as the snapshot as it is, without rebuilding the room from its rows (a merge that
 * blocked the event loop for a big room). For the same reason seqs grow in commit order, so the
 * log above a snapshot's seq is exactly what the snapshot lacks: a compaction leaves the
 * rows where they are, and they are the room's history, each update at its own time.
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
      logAbove: db.prepare<[string, number], { seq: number; data: Buffer }>(
        'select seq, data from updates where room = ? and seq > ? order by seq',
      ),
      log: db.prepare<[string], { at: number; data: Buffer }>(
        'select at, data from updates where room = ? order by seq',
      ),
      append: db.prepare<[string, number, Uint8Array]>(
        'insert into updates (room, at, data) values (?, ?, ?)',
      ),
      saveSnapshot: db.prepare<[string, number, Uint8Array]>(
        'insert into snapshots (room, upto_seq, data) values (?, ?, ?) on conflict(room) do update set upto_seq = max(upto_seq, excluded.upto_seq), data = excluded.data',
      ),
      lastAt: db.prepare<[string], { at: number }>(
        'select at from updates where room = ? order by seq desc limit 1',
      ),
      lastMinute: db.prepare<[string], { minute: number }>(
        'select minute from history where room = ? order by minute desc limit 1',
      ),
      deleteLog: db.prepare<[string]>('delete from updates where room = ?'),
      deleteSnapshot: db.prepare<[string]>('delete from snapshots where room = ?'),
      deleteHistory: db.prepare<[string]>('delete from history where room = ?'),
      // Written by compactions of earlier versions, which moved the log there merged per minute.
      historyRows: db.prepare<[string], { minute: number; data: Buffer }>(
        'select minute, data from history where room = ? order by minute',
      ),
    };
    // Made once: better-sqlite3 builds a wrapper per `transaction` call, a cost on every commit.
    this.appendAll = db.transaction(
      (entries: ReadonlyArray<{ room: string; update: Uint8Array; at: number }>) =>
        entries.map((e) => Number(this.statements.append.run(e.room, e.at, e.update).lastInsertRowid)),
    );
  }

  private readonly appendAll;

  /** The snapshot and the log above its seq (see the class comment). */
  async load(room: string): Promise<StoredDoc> {
    this.commitPending();
    // One read transaction, so both reads see the same state of the file.
    const { snapshot, rows } = this.db.transaction(() => {
      const snapshot = this.statements.snapshot.get(room);
      return { snapshot, rows: this.statements.logAbove.all(room, snapshot?.upto_seq ?? 0) };
    })();
    return {
      snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
      updates: rows.map((row) => new Uint8Array(row.data)),
      lastSeq: Math.max(snapshot?.upto_seq ?? 0, rows.at(-1)?.seq ?? 0),
    };
  }

  /**
   * Group commit: appends from every room that arrive in the same turn of the event loop
   * are written in one transaction, so they share one fsync (the event loop waits for a
   * commit). Messages that arrive meanwhile are read after
   * it, and their appends go into the next commit. Each promise resolves only after the
   * commit.
   */
  append(room: string, update: Uint8Array, at: number): Promise<number> {
    const invalid = checkRoom(room) ?? checkBytes('update', update) ?? checkNumber('at', at);
    if (invalid) return invalid;
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
      // immediate: take the write lock at BEGIN. Only another process can hold it (an
      // operator's sqlite3 shell); the commit then fails after busy_timeout (database.ts).
      seqs = this.appendAll.immediate(entries);
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
   * Writes `snapshot`, the caller's whole document, as the room's state up to `uptoSeq` (see
   * the class comment for why it needs no merge). The log stays as it is: loads read only
   * the rows above the snapshot's seq, and replays read them all. Moving the rows to a
   * per-minute history, merged, made a compaction of a big room many times slower
   * (bench/README.md).
   */
  async compact(room: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    const invalid = checkRoom(room) ?? checkBytes('snapshot', snapshot) ?? checkNumber('uptoSeq', uptoSeq);
    if (invalid) return invalid;
    this.commitPending();
    this.statements.saveSnapshot.run(room, uptoSeq, snapshot);
  }

  async history(room: string): Promise<Array<{ at: number; update: Uint8Array }>> {
    this.commitPending();
    // One read transaction, like load.
    const { history, log } = this.db.transaction(() => ({
      history: this.statements.historyRows.all(room),
      log: this.statements.log.all(room),
    }))();
    return [
      ...history.map((row) => ({ at: row.minute, update: new Uint8Array(row.data) })),
      ...log.map((row) => ({ at: row.at, update: new Uint8Array(row.data) })),
    ];
  }

  async lastWrite(room: string): Promise<number | null> {
    this.commitPending();
    // The newest row by seq is the newest by time: one server appends, in order.
    const times = [this.statements.lastAt.get(room)?.at, this.statements.lastMinute.get(room)?.minute];
    const known = times.filter((t): t is number => t !== undefined);
    return known.length > 0 ? Math.max(...known) : null;
  }

  /**
   * Deletes the room's rows; secure_delete (database.ts) overwrites their content in the
   * file, and the checkpoint folds the WAL back and truncates it, so neither file keeps a copy.
   */
  async delete(room: string): Promise<void> {
    const invalid = checkRoom(room);
    if (invalid) return invalid;
    this.commitPending();
    this.db
      .transaction(() => {
        this.statements.deleteLog.run(room);
        this.statements.deleteSnapshot.run(room);
        this.statements.deleteHistory.run(room);
      })
      .immediate();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Commits the waiting appends; the caller closes the database. */
  async close(): Promise<void> {
    this.commitPending();
  }
}

// Arguments are checked before they join a group commit: a bad one (an `at` of NaN binds
// as NULL) would fail every other room's append in the same transaction.
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
