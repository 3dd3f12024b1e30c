import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MemoryUpdateStore } from '../../server/storage/MemoryUpdateStore';
import { addRipple } from '../../shared/doc/commands';
import { readRipple } from '../../shared/doc/read';
import { CLOSE } from '../../shared/protocol/closeCodes';
import { MESSAGE } from '../../shared/protocol/messageTypes';
import { boss as facilitator } from '../helpers/people';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { connectClient, waitFor } from '../helpers/yClient';

/**
 * A client that reconnects after its server died may send a new change before its sync
 * step 2, and that change builds on one the server never stored. The stock y-websocket
 * client does exactly this; the server must wait for the step 2, not refuse.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

const syncMessage = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE.sync);
  write(e);
  return encoding.toUint8Array(e);
};

async function openRaw(url: string): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  const ws = new WebSocket(url);
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, closed };
}

describe('an update that arrives before the client’s sync step 2', () => {
  it('waits for the step 2 and is then applied', async () => {
    const session = await server.createSession();
    const doc = new Y.Doc();
    addRipple(doc, facilitator, { text: 'Getypt terwijl de server weg was' }, { id: 'first' });
    const before = Y.encodeStateVector(doc);
    addRipple(doc, facilitator, { text: 'Direct na het herverbinden' }, { id: 'second' });
    const onlySecond = Y.encodeStateAsUpdate(doc, before);

    const { ws, closed } = await openRaw(`${server.wsUrl}/${session.id}?key=${session.facilitatorKey}`);
    ws.send(syncMessage((e) => syncProtocol.writeUpdate(e, onlySecond)));
    ws.send(syncMessage((e) => syncProtocol.writeSyncStep2(e, doc)));

    const board = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await waitFor(
      () => readRipple(board.doc, 'first') !== null && readRipple(board.doc, 'second') !== null,
      3000,
      'both ripples on another screen',
    );
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
    expect(await closed).not.toBe(CLOSE.invalid.code);
    board.destroy();
  });

  it('is refused when the step 2 does not hold what it builds on', async () => {
    const session = await server.createSession();
    const doc = new Y.Doc();
    addRipple(doc, facilitator, { text: 'Nooit verstuurd' }, { id: 'lost' });
    const before = Y.encodeStateVector(doc);
    addRipple(doc, facilitator, { text: 'Bouwt erop voort' }, { id: 'orphan' });
    const onlyOrphan = Y.encodeStateAsUpdate(doc, before);

    const { ws, closed } = await openRaw(`${server.wsUrl}/${session.id}?key=${session.facilitatorKey}`);
    ws.send(syncMessage((e) => syncProtocol.writeUpdate(e, onlyOrphan)));
    // A step 2 that holds nothing of this client's.
    ws.send(syncMessage((e) => syncProtocol.writeSyncStep2(e, new Y.Doc())));
    expect(await closed).toBe(CLOSE.invalid.code);
  });

  it('tries the updates waiting for a step 2 once, not one reload from storage each', async () => {
    class CountingStore extends MemoryUpdateStore {
      loads = 0;
      override async load(name: string) {
        this.loads++;
        return super.load(name);
      }
    }
    const store = new CountingStore();
    const own = await startTestServer({}, { store });
    try {
      const session = await own.createSession();
      const doc = new Y.Doc();
      addRipple(doc, facilitator, { text: 'Nooit verstuurd' }, { id: 'lost' });
      const { ws, closed } = await openRaw(`${own.wsUrl}/${session.id}?key=${session.facilitatorKey}`);
      // Twenty changes that build on one the server never got, before any step 2.
      for (let i = 0; i < 20; i++) {
        const before = Y.encodeStateVector(doc);
        addRipple(doc, facilitator, { text: `Bouwt erop voort ${i}` }, { id: `later${i}` });
        ws.send(syncMessage((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc, before))));
      }
      ws.send(syncMessage((e) => syncProtocol.writeSyncStep2(e, doc)));
      const board = connectClient(own.wsUrl, session.id, { key: session.facilitatorKey });
      await waitFor(() => readRipple(board.doc, 'later19') !== null, 3000, 'all of them after the step 2');
      // The room's first load, and one reload after the first update with a gap.
      expect(store.loads).toBe(2);
      ws.close();
      expect(await closed).not.toBe(CLOSE.invalid.code);
      board.destroy();
    } finally {
      await own.dispose();
    }
  });

  it('leaves nothing behind when part of a refused update could be applied', async () => {
    const session = await server.createSession();
    const board = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await board.synced;
    // One update from two writers: a complete ripple, and one that builds on a change
    // the server never got. The server applies the update before it sees the gap.
    const whole = new Y.Doc();
    addRipple(whole, facilitator, { text: 'Compleet, maar in een geweigerde update' }, { id: 'whole' });
    const orphanDoc = new Y.Doc();
    addRipple(orphanDoc, facilitator, { text: 'Nooit verstuurd' }, { id: 'lost' });
    const before = Y.encodeStateVector(orphanDoc);
    addRipple(orphanDoc, facilitator, { text: 'Bouwt erop voort' }, { id: 'orphan' });
    const mixed = Y.mergeUpdates([Y.encodeStateAsUpdate(whole), Y.encodeStateAsUpdate(orphanDoc, before)]);

    const { ws, closed } = await openRaw(`${server.wsUrl}/${session.id}?key=${session.facilitatorKey}`);
    ws.send(syncMessage((e) => syncProtocol.writeSyncStep2(e, new Y.Doc())));
    ws.send(syncMessage((e) => syncProtocol.writeUpdate(e, mixed)));
    expect(await closed).toBe(CLOSE.invalid.code);

    // The room goes on from what it stored: a new ripple arrives, the refused one never does.
    addRipple(board.doc, facilitator, { text: 'Daarna gewoon verder' }, { id: 'after' });
    const viewer = connectClient(server.wsUrl, session.id, { key: session.viewerKey });
    await waitFor(() => readRipple(viewer.doc, 'after') !== null, 3000, 'the later ripple');
    expect(readRipple(viewer.doc, 'whole')).toBeNull();
    expect(readRipple(board.doc, 'whole')).toBeNull();
    board.destroy();
    viewer.destroy();
  });
});
