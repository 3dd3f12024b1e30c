import * as Y from 'yjs';
import type { Db } from './database';
import type { StoredDoc, UpdateStore } from './UpdateStore';

const MINUTE = 60_000;

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
      updatesAfter: db.prepare<[string, number], { seq: number; data: Buffer }>(
        'select seq, data from updates where room = ? and seq > ? order by seq',
      ),
      updatesUpTo: db.prepare<[string, number], { at: number; data: Buffer }>(
        'select at, data from updates where room = ? and seq <= ? order by seq',
      ),
      append: db.prepare<[string, number, Uint8Array]>(
        'insert into updates (room, at, data) values (?, ?, ?)',
      ),
      saveSnapshot: db.prepare<[string, number, Uint8Array]>(
        'insert into snapshots (room, upto_seq, data) values (?, ?, ?) on conflict(room) do update set upto_seq = excluded.upto_seq, data = excluded.data',
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
      logRows: db.prepare<[string], { at: number; data: Buffer }>(
        'select at, data from updates where room = ? order by seq',
      ),
      dropUpTo: db.prepare<[string, number]>('delete from updates where room = ? and seq <= ?'),
    };
  }

  async load(room: string): Promise<StoredDoc> {
    const snapshot = this.statements.snapshot.get(room);
    const after = snapshot?.upto_seq ?? 0;
    const rows = this.statements.updatesAfter.all(room, after);
    return {
      snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
      updates: rows.map((row) => new Uint8Array(row.data)),
      lastSeq: rows.at(-1)?.seq ?? after,
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
   * Moves the log up to `uptoSeq` into the snapshot. The removed updates are kept in
   * `history`, merged per minute, so a session's growth can be replayed later.
   */
  async compact(room: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    const { statements } = this;
    this.db.transaction(() => {
      const byMinute = new Map<number, Uint8Array[]>();
      for (const row of statements.updatesUpTo.all(room, uptoSeq)) {
        const minute = Math.floor(row.at / MINUTE) * MINUTE;
        const list = byMinute.get(minute) ?? [];
        list.push(new Uint8Array(row.data));
        byMinute.set(minute, list);
      }
      for (const [minute, updates] of byMinute) {
        const existing = statements.historyAt.get(room, minute);
        if (existing) updates.unshift(new Uint8Array(existing.data));
        statements.saveHistory.run(room, minute, Y.mergeUpdates(updates));
      }
      statements.saveSnapshot.run(room, uptoSeq, snapshot);
      statements.dropUpTo.run(room, uptoSeq);
    })();
  }

  async history(room: string): Promise<Array<{ at: number; update: Uint8Array }>> {
    const merged = this.statements.historyRows
      .all(room)
      .map((row) => ({ at: row.minute, update: new Uint8Array(row.data) }));
    const log = this.statements.logRows
      .all(room)
      .map((row) => ({ at: row.at, update: new Uint8Array(row.data) }));
    return [...merged, ...log];
  }

  async close(): Promise<void> {}
}
