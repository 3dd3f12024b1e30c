import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { spawnStorageWorker } from '../../server/storage/spawnStorageWorker';
import { WorkerUpdateStore } from '../../server/storage/WorkerUpdateStore';
import { addRipple } from '../../shared/doc/commands';
import { readRipple } from '../../shared/doc/read';
import { CLOSE } from '../../shared/protocol/closeCodes';
import { startTestServer } from '../helpers/testServer';
import { connectClient, sleep, waitFor } from '../helpers/yClient';
import { itemsOfStored, keys, writer } from './storageDocs';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kringen-worker-store-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function openStore(dataDir: string) {
  const store = await WorkerUpdateStore.open({ dataDir });
  cleanup.push(() => store.close());
  return { store };
}

/**
 * Another connection to the same file holding the write lock, as a long write elsewhere
 * would: the worker's commit waits busy_timeout (5 s) for it and then fails SQLITE_BUSY.
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

/** A stand-in for a worker that dies while handling a call (a bug, running out of memory). */
const CRASHES_ON_FIRST_CALL = `
  const { parentPort } = require('node:worker_threads');
  parentPort.postMessage({ type: 'ready' });
  parentPort.on('message', () => { throw new Error('simulated crash'); });
`;

const facilitator = { role: 'facilitator' as const, id: 'facilitator' };

describe('the SQLite store in a worker thread, when things go wrong', () => {
  it('rejects an append it could not commit with SQLite’s reason, stores nothing, and carries on', async () => {
    const dataDir = await tempDir();
    const { store } = await openStore(dataDir);
    const w = writer();
    await store.append('room', w.set('before'), 0);

    const release = lockDatabase(dataDir);
    const failed = store.append('room', w.set('while locked'), 0);
    await expect(failed).rejects.toThrow(/append to room room failed in the storage worker: SQLITE_BUSY/);
    await expect(failed).rejects.toMatchObject({ name: 'StorageWorkerError', code: 'SQLITE_BUSY' });
    release();

    const stored = await store.load('room');
    expect(stored.updates).toHaveLength(1);
    expect(itemsOfStored(stored)).toEqual(keys('before'));
    // Another writer: this one's next update builds on the one that was never stored.
    await store.append('room', writer().set('after'), 0);
    expect(itemsOfStored(await store.load('room'))).toEqual(keys('before', 'after'));
  });

  it('rejects a compaction of a snapshot Yjs cannot read, and only that call', async () => {
    const { store } = await openStore(await tempDir());
    const w = writer();
    const seq = await store.append('room', w.set('a'), 0);
    const garbage = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    const compaction = store.compact('room', garbage, seq);
    const append = store.append('room', w.set('b'), 0);
    await expect(compaction).rejects.toThrow(/compaction of room room failed in the compaction worker/);
    await expect(append).resolves.toBeGreaterThan(seq);
    const stored = await store.load('room');
    expect(stored.snapshot).toBeNull();
    expect(itemsOfStored(stored)).toEqual(keys('a', 'b'));
  });

  it('refuses a bad argument before it reaches the worker, without failing the appends committed with it', async () => {
    const { store } = await openStore(':memory:');
    const w = writer();
    const good = store.append('room', w.set('a'), 0);
    const bad = store.append('room', w.set('b'), Number.NaN);
    await expect(bad).rejects.toThrow(TypeError);
    await expect(good).resolves.toBeGreaterThan(0);
    expect(itemsOfStored(await store.load('room'))).toEqual(keys('a'));
  });

  it('rejects every unanswered call when the worker dies, then starts a new one', async () => {
    const dataDir = await tempDir();
    let spawnCrashing = false;
    const workers: Worker[] = [];
    const store = await WorkerUpdateStore.open({
      dataDir,
      spawn: (data) => {
        const worker = spawnCrashing
          ? new Worker(CRASHES_ON_FIRST_CALL, { eval: true })
          : spawnStorageWorker(data);
        workers.push(worker);
        return worker;
      },
    });
    cleanup.push(() => store.close());
    const w = writer();
    await store.append('room', w.set('kept'), 0);
    await workers[0]?.terminate();
    // Right after a death, calls fail clearly instead of restarting in a loop …
    await expect(store.load('room')).rejects.toThrow(/load of room room failed: the storage worker stopped/);

    // … and a moment later the next call starts a new worker; this one dies handling it.
    spawnCrashing = true;
    await sleep(1100);
    const pending = [store.append('room', w.set('x'), 0), store.load('room')];
    for (const call of pending) {
      await expect(call).rejects.toThrow(
        /failed: the storage worker stopped before answering \(simulated crash\); not reported as stored/,
      );
    }
    spawnCrashing = false;
    await sleep(1100);
    expect(itemsOfStored(await store.load('room'))).toEqual(keys('kept'));
    // The storage and compaction workers, the crashing one, and the storage worker again.
    expect(workers).toHaveLength(4);
  });

  it('waits for pending commits when it closes, and refuses calls after that', async () => {
    const dataDir = await tempDir();
    const { store } = await openStore(dataDir);
    const w = writer();
    const appends = Array.from({ length: 20 }, (_, i) => store.append('room', w.set(`k${i}`), i));
    await store.close();
    expect(await Promise.all(appends)).toHaveLength(20);
    await expect(store.append('room', writer().set('late'), 0)).rejects.toThrow(/the update store is closed/);

    const { store: reopened } = await openStore(dataDir);
    expect(itemsOfStored(await reopened.load('room'))).toEqual(w.doc.getMap('items').toJSON());
  });

  it('fails to open with the reason when the database cannot be opened', async () => {
    const dataDir = await tempDir();
    const file = join(dataDir, 'a file, not a directory');
    await writeFile(file, '');
    await expect(WorkerUpdateStore.open({ dataDir: file })).rejects.toThrow(
      /the (storage|compaction) worker could not start: .*(EEXIST|ENOTDIR)/,
    );
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
    expect(server.logs.some((l) => l.includes('storage failed') && l.includes('SQLITE_BUSY'))).toBe(true);

    release();
    // The client reconnects by itself and its change is stored on the second try.
    await waitFor(() => readRipple(b.doc, 'locked') !== null, 10_000, 'the retried update');
  });
});

describe('the SQLite store in worker threads', () => {
  it('commits appends while a long compaction runs', async () => {
    const { store } = await openStore(await tempDir());
    const big = writer();
    const seqs = await Promise.all(
      Array.from({ length: 3000 }, (_, i) => store.append('big room', big.set(`k${i}`, 'x'.repeat(100)), i)),
    );
    const done: string[] = [];
    const compaction = store
      .compact('big room', Y.encodeStateAsUpdate(big.doc), Math.max(...seqs))
      .then(() => done.push('compaction'));
    const append = store.append('small room', writer().set('a'), 0).then(() => done.push('append'));
    await Promise.all([compaction, append]);
    expect(done).toEqual(['append', 'compaction']);
    expect((await store.load('big room')).updates).toHaveLength(0);
  });
});
