import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryUpdateStore } from '../../server/storage/MemoryUpdateStore';
import { addRipple, editRipple } from '../../shared/doc/commands';
import { readRipple, readRipples } from '../../shared/doc/read';
import { CLOSE } from '../../shared/protocol/closeCodes';
import { boss as facilitator } from '../helpers/people';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { connectClient, sleep, waitFor } from '../helpers/yClient';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kringen-persist-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('storage', () => {
  it('keeps everything a client saw across a server restart', async () => {
    const dataDir = await tempDir();
    let server: TestServer = await startTestServer({}, { dataDir });
    const session = await server.createSession();
    const client = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await client.synced;
    for (let i = 0; i < 20; i++)
      addRipple(client.doc, facilitator, { text: `Rimpeling ${i}` }, { id: `r${i}` });
    editRipple(client.doc, facilitator, 'r3', { text: 'Aangepast' });
    const second = connectClient(server.wsUrl, session.id, { key: session.viewerKey });
    await waitFor(
      () => readRipples(second.doc).length === 20 && readRipple(second.doc, 'r3')?.text === 'Aangepast',
    );
    client.destroy();
    second.destroy();
    await server.close();

    server = await startTestServer({}, { dataDir });
    const after = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await after.synced;
    expect(readRipples(after.doc)).toHaveLength(20);
    expect(readRipple(after.doc, 'r3')?.text).toBe('Aangepast');
    after.destroy();
    await server.close();
  });

  it('keeps what a client sent just before it disconnected', async () => {
    const server = await startTestServer({ idleUnloadMs: 20 });
    cleanup.push(() => server.dispose());
    const session = await server.createSession();
    const client = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await client.synced;
    for (let i = 0; i < 40; i++)
      addRipple(client.doc, facilitator, { text: `Net op tijd ${i}` }, { id: `r${i}` });
    client.destroy(); // no waiting: the frames are on their way, the socket closes behind them
    const later = connectClient(server.wsUrl, session.id, { key: session.viewerKey });
    await later.synced;
    await waitFor(() => readRipples(later.doc).length === 40, 5000, 'all 40 ripples');
    later.destroy();
  });

  /** A facilitator adds 12 ripples and leaves; resolves when the room has unloaded. */
  async function twelveRipplesThenEmpty(compactEvery: number) {
    const dataDir = await tempDir();
    const server = await startTestServer({ compactEvery, idleUnloadMs: 50 }, { dataDir });
    cleanup.push(() => server.dispose());
    const session = await server.createSession();
    const client = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await client.synced;
    for (let i = 0; i < 12; i++)
      addRipple(client.doc, facilitator, { text: `Rimpeling ${i}` }, { id: `r${i}` });
    await sleep(100);
    client.destroy();
    await waitFor(() => server.rooms.size === 0, 3000, 'the room to unload');
    const ripplesOnNextLoad = async () => {
      const again = connectClient(server.wsUrl, session.id, { key: session.viewerKey });
      await again.synced;
      const count = readRipples(again.doc).length;
      again.destroy();
      return count;
    };
    return { dataDir, session, ripplesOnNextLoad };
  }

  it('compacts the log into a snapshot and unloads idle rooms, losing nothing', async () => {
    const { ripplesOnNextLoad } = await twelveRipplesThenEmpty(5);
    expect(await ripplesOnNextLoad()).toBe(12);
  });

  it('unloads an empty room without compacting it: the log holds everything already', async () => {
    const { dataDir, session, ripplesOnNextLoad } = await twelveRipplesThenEmpty(1000);
    const db = new Database(join(dataDir, 'kringen.sqlite'), { readonly: true });
    const count = (table: string) =>
      (db.prepare(`select count(*) as n from ${table} where room = ?`).get(session.id) as { n: number }).n;
    // A compaction on unload would have moved the log into a snapshot and history.
    expect(count('snapshots')).toBe(0);
    expect(count('updates')).toBeGreaterThanOrEqual(12);
    db.close();
    expect(await ripplesOnNextLoad()).toBe(12);
  });

  it('answers the first sync only after the room has loaded completely from storage', async () => {
    // A slow store (a network database, a busy disk) widens the window the reference server races in.
    class SlowStore extends MemoryUpdateStore {
      override async load(name: string) {
        await sleep(150);
        return super.load(name);
      }
    }
    const server = await startTestServer({ idleUnloadMs: 10 }, { store: new SlowStore() });
    cleanup.push(() => server.dispose());
    const session = await server.createSession();
    const writer = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await writer.synced;
    for (let i = 0; i < 300; i++)
      addRipple(writer.doc, facilitator, { text: `Rimpeling ${i}` }, { id: `r${i}` });
    await sleep(200);
    writer.destroy();
    await waitFor(() => server.rooms.size === 0, 3000, 'the room to unload');
    // Many clients at once on a cold room: each must see all 300 ripples on its first sync.
    const readers = Array.from({ length: 8 }, () =>
      connectClient(server.wsUrl, session.id, { key: session.viewerKey }),
    );
    await Promise.all(readers.map((r) => r.synced));
    for (const reader of readers) {
      expect(readRipples(reader.doc)).toHaveLength(300);
      reader.destroy();
    }
  });

  it('does not apply or pass on an update it could not store, and tells the client', async () => {
    const store = new MemoryUpdateStore();
    const server = await startTestServer({}, { store });
    cleanup.push(() => server.dispose());
    const session = await server.createSession();
    const a = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    const b = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await Promise.all([a.synced, b.synced]);
    store.failNext = true;
    addRipple(a.doc, facilitator, { text: 'Schijf vol' }, { id: 'lost?' });
    await waitFor(() => a.closes.includes(CLOSE.storageFailed.code), 3000, 'the storage-failed close');
    expect(readRipple(b.doc, 'lost?')).toBeNull();
    expect(server.logs.some((l) => l.includes('storage failed'))).toBe(true);
    // The client reconnects by itself and its change is stored on the second try.
    await waitFor(() => readRipple(b.doc, 'lost?') !== null, 5000, 'the retried update');
    a.destroy();
    b.destroy();
  });
});
