import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase } from '../../server/storage/database';
import { SqliteUpdateStore } from '../../server/storage/SqliteUpdateStore';
import { addRipple } from '../../shared/doc/commands';
import { readRipple } from '../../shared/doc/read';
import { docAt } from '../../shared/export/replay';
import { CLOSE } from '../../shared/protocol/closeCodes';
import { boss as facilitator } from '../helpers/people';
import { startTestServer } from '../helpers/testServer';
import { connectClient, waitFor } from '../helpers/yClient';
import { itemsOfStored, keys, writer } from './storageDocs';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kringen-sqlite-store-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The server's store: SqliteUpdateStore on a file of its own (closed, store first, after the test). */
function openStore(dataDir: string) {
  const db = openDatabase(dataDir);
  const store = new SqliteUpdateStore(db);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await store.close();
    db.close();
  };
  cleanup.push(close);
  return { store, close, db };
}

/**
 * Another process's connection holding the write lock (an operator's sqlite3 shell in the
 * middle of a write): the store's commit waits busy_timeout for it and then fails SQLITE_BUSY.
 */
function lockDatabase(dataDir: string): () => void {
  const db = new Database(join(dataDir, 'kringen.sqlite'));
  db.exec('begin immediate');
  const release = () => {
    if (!db.open) return;
    db.exec('rollback');
    db.close();
  };
  cleanup.push(async () => release());
  return release;
}

const keysAt = (history: Array<{ at: number; update: Uint8Array }>, time: number) => {
  const doc = docAt(history, time);
  const found = Object.keys(doc.getMap('items').toJSON()).sort();
  doc.destroy();
  return found;
};

describe('the SQLite store’s compaction', () => {
  const t0 = 1_700_000_040_000;

  it('keeps every update for replay, each at its own time, and loads only what the snapshot lacks', async () => {
    const { store } = openStore(await tempDir());
    const w = writer();
    const seqs: number[] = [];
    for (let i = 0; i < 6; i++) seqs.push(await store.append('room', w.set(`k${i}`), t0 + i * 1000));
    await store.compact('room', Y.encodeStateAsUpdate(w.doc), seqs[3] as number);

    const stored = await store.load('room');
    expect(stored.updates).toHaveLength(2);
    expect(stored.lastSeq).toBe(seqs[5]);
    expect(itemsOfStored(stored)).toEqual(keys('k0', 'k1', 'k2', 'k3', 'k4', 'k5'));

    const history = await store.history('room');
    expect(history.map((entry) => entry.at)).toEqual([0, 1, 2, 3, 4, 5].map((i) => t0 + i * 1000));
    // Within the compacted part too, a replay shows each second as it was.
    expect(keysAt(history, t0 + 1500)).toEqual(['k0', 'k1']);
    expect(keysAt(history, t0 + 4000)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
  });

  it('reads a file whose earlier compactions moved the log to a history merged per minute', async () => {
    const dataDir = await tempDir();
    const { store, db } = openStore(dataDir);
    const w = writer();
    const early = [0, 1, 2].map((i) => w.set(`k${i}`));
    const seqs: number[] = [];
    for (const [i, update] of early.entries()) seqs.push(await store.append('room', update, t0 + i * 1000));
    for (let i = 3; i < 5; i++) seqs.push(await store.append('room', w.set(`k${i}`), t0 + 60_000 + i * 1000));
    // What a compaction up to k2 wrote before: the snapshot, the rows merged into their
    // minute, and the rows gone from the log.
    db.prepare('insert into snapshots (room, upto_seq, data) values (?, ?, ?)').run(
      'room',
      seqs[2],
      Y.mergeUpdates(early),
    );
    db.prepare('insert into history (room, minute, data) values (?, ?, ?)').run(
      'room',
      t0,
      Y.mergeUpdates(early),
    );
    db.prepare('delete from updates where seq <= ?').run(seqs[2]);

    const stored = await store.load('room');
    expect(stored.updates).toHaveLength(2);
    expect(itemsOfStored(stored)).toEqual(keys('k0', 'k1', 'k2', 'k3', 'k4'));
    const history = await store.history('room');
    expect(history.map((entry) => entry.at)).toEqual([t0, t0 + 63_000, t0 + 64_000]);
    expect(keysAt(history, t0 + 63_500)).toEqual(['k0', 'k1', 'k2', 'k3']);

    // A compaction now leaves the log alone; the old history stays in front of it.
    await store.compact('room', Y.encodeStateAsUpdate(w.doc), seqs[4] as number);
    expect((await store.load('room')).updates).toHaveLength(0);
    expect((await store.history('room')).map((entry) => entry.at)).toEqual([t0, t0 + 63_000, t0 + 64_000]);
  });
});

describe('the SQLite store, when things go wrong', () => {
  it('rejects an append it could not commit with SQLite’s reason, stores nothing, and carries on', async () => {
    const dataDir = await tempDir();
    const { store } = openStore(dataDir);
    const w = writer();
    await store.append('room', w.set('before'), 0);

    const release = lockDatabase(dataDir);
    const failed = store.append('room', w.set('while locked'), 0);
    await expect(failed).rejects.toThrow(/database is locked/);
    await expect(failed).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    release();

    const stored = await store.load('room');
    expect(stored.updates).toHaveLength(1);
    expect(itemsOfStored(stored)).toEqual(keys('before'));
    // Another writer: this one's next update builds on the one that was never stored.
    await store.append('room', writer().set('after'), 0);
    expect(itemsOfStored(await store.load('room'))).toEqual(keys('before', 'after'));
  });

  it('rejects appends when the disk is full (SQLITE_FULL), keeps what was stored, and carries on once there is room', async () => {
    const { store, db } = openStore(await tempDir());
    const w = writer();
    await store.append('room', w.set('before'), 0);
    // A full disk, as SQLite sees one: the file may not grow past its current size.
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    const big = 'x'.repeat(64 * 1024);
    const failed = store.append('room', w.set('too big', big), 0);
    await expect(failed).rejects.toMatchObject({ code: 'SQLITE_FULL' });
    expect(itemsOfStored(await store.load('room'))).toEqual(keys('before'));

    db.pragma(`max_page_count = ${pages * 1000}`);
    await store.append('room', writer().set('after'), 0);
    expect(itemsOfStored(await store.load('room'))).toEqual(keys('before', 'after'));
  });

  it('refuses a bad argument before the group commit, without failing the appends committed with it', async () => {
    const { store } = openStore(':memory:');
    const w = writer();
    const good = store.append('room', w.set('a'), 0);
    const bad = store.append('room', w.set('b'), Number.NaN);
    await expect(bad).rejects.toThrow(TypeError);
    await expect(good).resolves.toBeGreaterThan(0);
    expect(itemsOfStored(await store.load('room'))).toEqual(keys('a'));
  });

  it('commits the waiting appends when it closes, and refuses appends after that', async () => {
    const dataDir = await tempDir();
    const { store, close } = openStore(dataDir);
    const w = writer();
    const appends = Array.from({ length: 20 }, (_, i) => store.append('room', w.set(`k${i}`), i));
    await close();
    expect(await Promise.all(appends)).toHaveLength(20);
    await expect(store.append('room', writer().set('late'), 0)).rejects.toThrow(
      /database connection is not open/,
    );

    const { store: reopened } = openStore(dataDir);
    expect(itemsOfStored(await reopened.load('room'))).toEqual(w.doc.getMap('items').toJSON());
  });

  it('fails to open with the reason when the database cannot be opened', async () => {
    const dataDir = await tempDir();
    const file = join(dataDir, 'a file, not a directory');
    await writeFile(file, '');
    expect(() => openDatabase(file)).toThrow(/EEXIST|ENOTDIR/);
  });

  it('refuses a client’s update it could not store on the server, and nobody else sees it', async () => {
    const dataDir = await tempDir();
    const server = await startTestServer({}, { dataDir });
    cleanup.push(() => server.dispose());
    const session = await server.createSession();
    const a = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    const b = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    cleanup.push(async () => {
      a.destroy();
      b.destroy();
    });
    await Promise.all([a.synced, b.synced]);

    const release = lockDatabase(dataDir);
    addRipple(a.doc, facilitator, { text: 'Schijf op slot' }, { id: 'locked' });
    await waitFor(() => a.closes.includes(CLOSE.storageFailed.code), 10_000, 'the storage-failed close');
    expect(readRipple(b.doc, 'locked')).toBeNull();
    expect(server.logs.some((l) => l.includes('storage failed') && l.includes('database is locked'))).toBe(
      true,
    );

    release();
    // The client reconnects by itself and its change is stored on the second try.
    await waitFor(() => readRipple(b.doc, 'locked') !== null, 10_000, 'the retried update');
  });
});
