import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase } from '../../server/storage/database';
import { MemoryUpdateStore } from '../../server/storage/MemoryUpdateStore';
import { PostgresUpdateStore } from '../../server/storage/PostgresUpdateStore';
import { SqliteUpdateStore } from '../../server/storage/SqliteUpdateStore';
import type { UpdateStore } from '../../server/storage/UpdateStore';
import { docAt } from '../../shared/export/replay';
import { hasPostgres, postgresForThisFile } from '../helpers/postgres';
import { itemsOf, itemsOfStored, keys, writer } from './storageDocs';

const postgres = postgresForThisFile();

interface Backend {
  name: string;
  available: boolean;
  /** Only one server writes to it (SQLite: DATA_DIR is not shared), so a compaction may take the caller's document as complete. */
  oneWriter?: boolean;
  open(): Promise<{ store: UpdateStore; close(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'memory',
    available: true,
    open: async () => {
      const store = new MemoryUpdateStore();
      return { store, close: () => store.close() };
    },
  },
  {
    // As the server opens it: a file in a directory of its own.
    name: 'SQLite',
    available: true,
    oneWriter: true,
    open: async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'kringen-contract-'));
      const db = openDatabase(dataDir);
      const store = new SqliteUpdateStore(db);
      return {
        store,
        close: async () => {
          await store.close();
          db.close();
          await rm(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'PostgreSQL',
    available: hasPostgres,
    open: async () => {
      const store = new PostgresUpdateStore(await postgres.pool());
      return { store, close: () => store.close() };
    },
  },
];

const MINUTE = 60_000;

describe.each(backends)('the $name update store', (backend) => {
  const withStore = (test: (store: UpdateStore) => Promise<void>) => async () => {
    const { store, close } = await backend.open();
    try {
      await test(store);
    } finally {
      await close();
    }
  };

  it.skipIf(!backend.available)(
    'gives back what was appended, in order, with increasing seqs',
    withStore(async (store) => {
      const w = writer();
      const seqs: number[] = [];
      for (const key of ['a', 'b', 'c']) seqs.push(await store.append('room', w.set(key), 1000));
      expect(seqs[0]).toBeLessThan(seqs[1] as number);
      expect(seqs[1]).toBeLessThan(seqs[2] as number);
      const stored = await store.load('room');
      expect(stored.snapshot).toBeNull();
      expect(stored.updates).toHaveLength(3);
      expect(stored.lastSeq).toBe(seqs[2]);
      expect(itemsOfStored(stored)).toEqual(keys('a', 'b', 'c'));
      expect(await store.load('another room')).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
    }),
  );

  it.skipIf(!backend.available)(
    'deletes a room whole (log, snapshot, history) and leaves the others; knows when a room was last written',
    withStore(async (store) => {
      const w = writer();
      const seqs: number[] = [];
      for (const [i, key] of ['a', 'b', 'c'].entries())
        seqs.push(await store.append('gone', w.set(key), (i + 1) * MINUTE));
      await store.compact('gone', Y.encodeStateAsUpdate(w.doc), seqs[1] as number);
      await store.append('stays', writer().set('x'), 5 * MINUTE);
      expect(await store.lastWrite('gone')).toBe(3 * MINUTE);
      expect(await store.lastWrite('stays')).toBe(5 * MINUTE);
      expect(await store.lastWrite('never')).toBeNull();

      await store.delete('gone');
      expect(await store.load('gone')).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
      expect(await store.history('gone')).toEqual([]);
      expect(await store.lastWrite('gone')).toBeNull();
      expect(itemsOfStored(await store.load('stays'))).toEqual(keys('x'));
    }),
  );

  it.skipIf(!backend.available)(
    'compacts the log up to a seq into the snapshot and keeps the rest',
    withStore(async (store) => {
      const w = writer();
      const seqs: number[] = [];
      for (const key of ['a', 'b', 'c', 'd', 'e']) seqs.push(await store.append('room', w.set(key), 0));
      await store.compact('room', Y.encodeStateAsUpdate(w.doc), seqs[2] as number);
      let stored = await store.load('room');
      expect(stored.snapshot).not.toBeNull();
      expect(stored.updates).toHaveLength(2);
      expect(stored.lastSeq).toBe(seqs[4]);
      expect(itemsOfStored(stored)).toEqual(keys('a', 'b', 'c', 'd', 'e'));

      await store.compact('room', Y.encodeStateAsUpdate(w.doc), seqs[4] as number);
      stored = await store.load('room');
      expect(stored.updates).toHaveLength(0);
      expect(stored.lastSeq).toBe(seqs[4]);
      expect(itemsOfStored(stored)).toEqual(keys('a', 'b', 'c', 'd', 'e'));
    }),
  );

  // A store one server owns takes the compacting caller's document as complete.
  if (!backend.oneWriter)
    it.skipIf(!backend.available)(
      'keeps what the compacting caller never saw: rows of others and the old snapshot',
      withStore(async (store) => {
        // Two instances, each with its own copy of the room, neither hearing the other.
        const a = writer();
        const b = writer();
        await store.append('room', a.set('from a'), 0);
        const seqB = await store.append('room', b.set('from b'), 0);
        await store.compact('room', Y.encodeStateAsUpdate(a.doc), seqB);
        expect(itemsOfStored(await store.load('room'))).toEqual(keys('from a', 'from b'));

        const seqB2 = await store.append('room', b.set('b again'), 0);
        await store.compact('room', Y.encodeStateAsUpdate(b.doc), seqB2);
        expect(itemsOfStored(await store.load('room'))).toEqual(keys('from a', 'from b', 'b again'));
      }),
    );

  it.skipIf(!backend.available)(
    'keeps a history that replays to the document, minute by minute',
    withStore(async (store) => {
      const w = writer();
      const t0 = 1_700_000_000_000 - (1_700_000_000_000 % MINUTE);
      let seq = 0;
      for (let i = 0; i < 9; i++) {
        seq = await store.append('room', w.set(`k${i}`), t0 + Math.floor(i / 3) * MINUTE + i * 1000);
        if (i === 4) await store.compact('room', Y.encodeStateAsUpdate(w.doc), seq);
      }
      const history = await store.history('room');
      const replay = (time: number) => {
        const doc = docAt(history, time);
        const items = doc.getMap('items').toJSON();
        doc.destroy();
        return items;
      };
      expect(replay(Number.POSITIVE_INFINITY)).toEqual(itemsOf([Y.encodeStateAsUpdate(w.doc)]));
      // The first minute was compacted, the second partly: a store may merge compacted
      // updates per minute (a replay inside that minute shows all of it) or keep each.
      expect(Object.keys(replay(t0 + 59_999)).sort()).toEqual(['k0', 'k1', 'k2']);
      expect(Object.keys(replay(t0 + MINUTE + 4_000)).sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
      expect(Object.keys(replay(t0 + 2 * MINUTE + 10_000)).sort()).toHaveLength(9);
    }),
  );

  it.skipIf(!backend.available)(
    'commits concurrent appends together and hands out distinct, increasing seqs',
    withStore(async (store) => {
      const writers = [writer(), writer(), writer()];
      const appends = Array.from({ length: 60 }, (_, i) =>
        store.append(`room ${i % 3}`, (writers[i % 3] as ReturnType<typeof writer>).set(`k${i}`), i),
      );
      const seqs = await Promise.all(appends);
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] as number);
      for (const [r, w] of writers.entries()) {
        const stored = await store.load(`room ${r}`);
        expect(stored.updates).toHaveLength(20);
        expect(itemsOfStored(stored)).toEqual(w.doc.getMap('items').toJSON());
      }
    }),
  );
});
