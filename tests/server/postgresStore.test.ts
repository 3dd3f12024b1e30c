import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PostgresUpdateStore } from '../../server/storage/PostgresUpdateStore';
import { hasPostgres, postgresForThisFile } from '../helpers/postgres';
import { itemsOf, itemsOfStored, keys, writer } from './storageDocs';

/** What only PostgreSQL can do to the log: several instances writing and compacting at once. */
const postgres = postgresForThisFile();

const stores: PostgresUpdateStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

/** One "server": its own pool on the shared database. */
async function instance(url: string): Promise<PostgresUpdateStore> {
  const store = new PostgresUpdateStore(await postgres.pool(url));
  stores.push(store);
  return store;
}

describe.skipIf(!hasPostgres)('PostgreSQL shared by several instances', () => {
  it('loses no update while two instances append and compact one room at once', async () => {
    const url = await postgres.server().newDatabase();
    const servers = [await instance(url), await instance(url)];
    const written: string[] = [];
    // Worst case: the instances never hear each other, so each compacts a document that
    // lacks everything the other one stored.
    const run = async (store: PostgresUpdateStore, name: string) => {
      const w = writer();
      let lastSeq = 0;
      for (let round = 0; round < 15; round++) {
        const batch = Array.from({ length: 4 }, (_, i) => `${name}-${round}-${i}`);
        written.push(...batch);
        const seqs = await Promise.all(batch.map((key) => store.append('room', w.set(key), Date.now())));
        lastSeq = Math.max(lastSeq, ...seqs);
        if (round % 2 === 1) await store.compact('room', Y.encodeStateAsUpdate(w.doc), lastSeq);
      }
    };
    await Promise.all([
      run(servers[0] as PostgresUpdateStore, 'a'),
      run(servers[1] as PostgresUpdateStore, 'b'),
    ]);

    const reader = await instance(url);
    expect(itemsOfStored(await reader.load('room'))).toEqual(keys(...written));
    const history = await reader.history('room');
    expect(itemsOf(history.map((entry) => entry.update))).toEqual(keys(...written));
  });

  /**
   * Another instance's append: its seq is drawn first, but it commits late, after this
   * instance appended (a higher seq) and while or after it compacts past both.
   */
  async function lateCommit(commitDuringCompaction: boolean) {
    const url = await postgres.server().newDatabase();
    const store = await instance(url);
    const late = writer();
    const early = writer();
    await store.append('room', early.set('before'), 0);
    await store.compact('room', Y.encodeStateAsUpdate(early.doc), (await store.load('room')).lastSeq);

    const other = new pg.Client({ connectionString: url });
    const watcher = new pg.Client({ connectionString: url });
    await Promise.all([other.connect(), watcher.connect()]);
    try {
      await other.query('begin');
      const { rows } = await other.query<{ seq: string }>(
        'insert into updates (room, at, data) values ($1, 0, $2) returning seq',
        ['room', late.set('committed late')],
      );
      const seq = await store.append('room', early.set('committed first'), 0);
      expect(seq).toBeGreaterThan(Number(rows[0]?.seq));
      if (commitDuringCompaction) {
        // Holding the snapshot row stops the compaction after it has read the log and
        // before it deletes: the late row becomes visible in between.
        await other.query('select 1 from snapshots where room = $1 for update', ['room']);
        const compacting = store.compact('room', Y.encodeStateAsUpdate(early.doc), seq);
        const waiting = async () =>
          (await watcher.query("select 1 from pg_stat_activity where wait_event_type = 'Lock'")).rowCount;
        while (!(await waiting())) await new Promise((resolve) => setTimeout(resolve, 20));
        await other.query('commit');
        await compacting;
      } else {
        await store.compact('room', Y.encodeStateAsUpdate(early.doc), seq);
        await other.query('commit');
      }
    } finally {
      await Promise.all([other.end(), watcher.end()]);
    }

    const stored = await store.load('room');
    expect(stored.updates).toHaveLength(1);
    expect(itemsOfStored(stored)).toEqual(keys('before', 'committed first', 'committed late'));
    // The next compaction absorbs it.
    await store.compact('room', Y.encodeStateAsUpdate(early.doc), stored.lastSeq);
    const after = await store.load('room');
    expect(after.updates).toHaveLength(0);
    expect(itemsOfStored(after)).toEqual(keys('before', 'committed first', 'committed late'));
  }

  it('keeps a row with a lower seq that commits after a compaction past it', () => lateCommit(false));
  it('keeps a row with a lower seq that commits during a compaction past it', () => lateCommit(true));

  it('rejects every append of a batch that fails', async () => {
    const url = await postgres.server().newDatabase();
    const store = await instance(url);
    const w = writer();
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query('drop table updates');
    await other.end();
    const results = await Promise.allSettled([
      store.append('r', w.set('x'), 0),
      store.append('s', w.set('y'), 0),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
