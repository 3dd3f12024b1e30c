import type { Pool } from 'pg';
import { historyRows, mergeSnapshot, minuteOf } from './compaction';
import { inTransaction, LOCK_CLASS } from './postgresDatabase';
import type { StoredDoc, UpdateStore } from './UpdateStore';

/** Rows per INSERT: three parameters each, and PostgreSQL takes at most 65535 per statement. */
const MAX_BATCH = 10_000;

interface Pending {
  room: string;
  update: Uint8Array;
  at: number;
  resolve: (seq: number) => void;
  reject: (error: unknown) => void;
}

/** bigint columns arrive as strings (they may exceed 2^53); ours stay far below. */
const int = (value: string | number): number => Number(value);

/**
 * The store several instances share. Sequence numbers come from an identity column, so a
 * row with a lower seq may commit after one with a higher seq: the contract in UpdateStore
 * (load every row still in the log; compact removes exactly the rows it read) is what keeps
 * such a row from being lost.
 */
export class PostgresUpdateStore implements UpdateStore {
  private readonly batch: Pending[] = [];

  constructor(private readonly pool: Pool) {}

  /**
   * One statement, so one consistent view: reading the snapshot and the log separately
   * could see the old snapshot and then a log another instance's compaction has emptied.
   */
  async load(room: string): Promise<StoredDoc> {
    const { rows } = await this.pool.query<{ part: number; seq: string; data: Buffer }>(
      `select 0 as part, upto_seq as seq, data from snapshots where room = $1
       union all
       select 1, seq, data from updates where room = $1
       order by part, seq`,
      [room],
    );
    let snapshot: Uint8Array | null = null;
    const updates: Uint8Array[] = [];
    let lastSeq = 0;
    for (const row of rows) {
      if (row.part === 0) snapshot = new Uint8Array(row.data);
      else updates.push(new Uint8Array(row.data));
      lastSeq = Math.max(lastSeq, int(row.seq));
    }
    return { snapshot, updates, lastSeq };
  }

  /**
   * Group commit: appends from every room that arrive in the same turn of the event loop
   * go in one multi-row INSERT, one round trip and one WAL flush. The statement commits on
   * its own, so each promise resolves only after COMMIT; if it fails, all of them reject.
   */
  append(room: string, update: Uint8Array, at: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.batch.push({ room, update, at, resolve, reject });
      if (this.batch.length === 1) setImmediate(this.flush);
    });
  }

  private readonly flush = (): void => {
    const entries = this.batch.splice(0, MAX_BATCH);
    if (this.batch.length > 0) setImmediate(this.flush);
    void this.insert(entries);
  };

  private async insert(entries: Pending[]): Promise<void> {
    let seqs: number[];
    try {
      const values = entries.map((_, i) => `($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3})`).join(', ');
      const { rows } = await this.pool.query<{ seq: string }>(
        `insert into updates (room, at, data) values ${values} returning seq`,
        entries.flatMap((e) => [e.room, e.at, e.update]),
      );
      // RETURNING promises no order, but the identity is drawn row by row in VALUES order,
      // so the sorted seqs belong to the entries in order.
      seqs = rows.map((row) => int(row.seq)).sort((a, b) => a - b);
      if (seqs.length !== entries.length)
        throw new Error(`inserted ${seqs.length} of ${entries.length} rows`);
    } catch (error) {
      for (const entry of entries) entry.reject(error);
      return;
    }
    for (const [i, entry] of entries.entries()) entry.resolve(seqs[i] as number);
  }

  /**
   * One transaction under a per-room advisory lock, so two instances never compact one
   * room at once (the second waits, then merges the first one's snapshot into its own).
   * Read committed: a row that commits after the SELECT below, even with a seq <= uptoSeq,
   * is neither merged nor deleted; it stays in the log and `load` returns it.
   */
  async compact(room: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      // hashtext collisions only make two rooms wait for each other.
      await client.query('select pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS.room, room]);
      const old = await client.query<{ data: Buffer }>('select data from snapshots where room = $1', [room]);
      const { rows } = await client.query<{ seq: string; at: string; data: Buffer }>(
        'select seq, at, data from updates where room = $1 and seq <= $2 order by seq',
        [room, uptoSeq],
      );
      const removed = rows.map((row) => ({ at: int(row.at), update: new Uint8Array(row.data) }));

      const minutes = [...new Set(removed.map((row) => minuteOf(row.at)))];
      const before = await client.query<{ minute: string; data: Buffer }>(
        'select minute, data from history where room = $1 and minute = any($2::bigint[])',
        [room, minutes],
      );
      const existing = new Map(before.rows.map((row) => [int(row.minute), new Uint8Array(row.data)]));
      const history = historyRows(removed, (minute) => existing.get(minute) ?? null);
      await client.query(
        `insert into history (room, minute, data)
         select $1, minute, data from unnest($2::bigint[], $3::bytea[]) as merged(minute, data)
         on conflict (room, minute) do update set data = excluded.data`,
        [room, history.map((h) => h.minute), history.map((h) => h.data)],
      );

      const merged = mergeSnapshot([old.rows[0]?.data ?? null, snapshot, ...removed.map((r) => r.update)]);
      await client.query(
        `insert into snapshots (room, upto_seq, data) values ($1, $2, $3)
         on conflict (room) do update set upto_seq = greatest(snapshots.upto_seq, excluded.upto_seq), data = excluded.data`,
        [room, uptoSeq, merged],
      );
      // Exactly the rows merged above: each statement sees the latest commits, so
      // "seq <= uptoSeq" would also delete a late row that committed after the SELECT.
      await client.query('delete from updates where seq = any($1::bigint[])', [rows.map((row) => row.seq)]);
    });
  }

  /** One statement for the same reason as `load`. */
  async history(room: string): Promise<Array<{ at: number; update: Uint8Array }>> {
    const { rows } = await this.pool.query<{ at: string; data: Buffer }>(
      `select 0 as part, minute as ord, minute as at, data from history where room = $1
       union all
       select 1, seq, at, data from updates where room = $1
       order by part, ord`,
      [room],
    );
    return rows.map((row) => ({ at: int(row.at), update: new Uint8Array(row.data) }));
  }

  async lastWrite(room: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ at: string | null }>(
      `select greatest(
         (select max(at) from updates where room = $1),
         (select minute from history where room = $1 order by minute desc limit 1)
       ) as at`,
      [room],
    );
    const at = rows[0]?.at;
    return at === null || at === undefined ? null : int(at);
  }

  /**
   * Deletes the room's rows in one transaction, under the room's compaction lock so that a
   * compaction under way cannot write the snapshot back. The rows' old versions stay in the
   * table files until autovacuum reuses them; docs/privacy.md says so.
   */
  async delete(room: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query('select pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS.room, room]);
      await client.query('delete from updates where room = $1', [room]);
      await client.query('delete from snapshots where room = $1', [room]);
      await client.query('delete from history where room = $1', [room]);
    });
  }

  /** Ends the pool; appends still waiting for their turn fail. */
  async close(): Promise<void> {
    await this.pool.end();
  }
}
