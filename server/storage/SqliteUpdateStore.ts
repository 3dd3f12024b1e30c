import { historyRows, mergeSnapshot } from './compaction';
import type { Db } from './database';
import type { StoredDoc, UpdateStore } from './UpdateStore';

/**
 * The embedded default store. better-sqlite3 is synchronous, so `append` has committed
 * when its promise resolves; the async interface keeps room code ready for network stores.
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
    const snapshot = this.statements.snapshot.get(room);
    const rows = this.statements.log.all(room);
    return {
      snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
      updates: rows.map((row) => new Uint8Array(row.data)),
      lastSeq: Math.max(snapshot?.upto_seq ?? 0, rows.at(-1)?.seq ?? 0),
    };
  }

  /**
   * Group commit: appends from every room that arrive in the same turn of the event loop
   * are written in one transaction, so they share one fsync (about 2.5 ms here, and
   * better-sqlite3 blocks while it waits). Each promise resolves only after the commit.
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
    let seqs: number[];
    try {
      seqs = this.db.transaction(() =>
        entries.map((e) => Number(this.statements.append.run(e.room, e.at, e.update).lastInsertRowid)),
      )();
    } catch (error) {
      for (const entry of entries) entry.reject(error);
      return;
    }
    for (const [i, entry] of entries.entries()) entry.resolve(seqs[i] as number);
  };

  /**
   * Moves the log up to `uptoSeq` into the snapshot, by the contract in UpdateStore (one
   * process owns the file, so here it is simply one transaction). The removed updates are
   * kept in `history`, merged per minute, so a session's growth can be replayed later.
   */
  async compact(room: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    const { statements } = this;
    this.db.transaction(() => {
      const old = statements.snapshot.get(room);
      const removed = statements.logUpTo
        .all(room, uptoSeq)
        .map((row) => ({ seq: row.seq, at: row.at, update: new Uint8Array(row.data) }));
      const existing = (minute: number) => {
        const row = statements.historyAt.get(room, minute);
        return row ? new Uint8Array(row.data) : null;
      };
      for (const { minute, data } of historyRows(removed, existing)) {
        statements.saveHistory.run(room, minute, data);
      }
      const merged = mergeSnapshot([
        old ? new Uint8Array(old.data) : null,
        snapshot,
        ...removed.map((r) => r.update),
      ]);
      statements.saveSnapshot.run(room, uptoSeq, merged);
      for (const row of removed) statements.drop.run(row.seq);
    })();
  }

  async history(room: string): Promise<Array<{ at: number; update: Uint8Array }>> {
    const merged = this.statements.historyRows
      .all(room)
      .map((row) => ({ at: row.minute, update: new Uint8Array(row.data) }));
    const log = this.statements.log
      .all(room)
      .map((row) => ({ at: row.at, update: new Uint8Array(row.data) }));
    return [...merged, ...log];
  }

  async close(): Promise<void> {}
}
