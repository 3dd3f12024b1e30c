import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { silentLogger } from '../../server/log';
import { Room, type RoomPeer } from '../../server/rooms/Room';
import { MemoryUpdateStore } from '../../server/storage/MemoryUpdateStore';
import { handleMessage } from '../../server/ws/handleMessage';
import { addRipple, initSession } from '../../shared/doc/commands';
import { readRipple } from '../../shared/doc/read';
import type { CloseName } from '../../shared/protocol/closeCodes';
import { boss } from '../helpers/people';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { connectClient, sleep, waitFor } from '../helpers/yClient';

/** Real protocol frames to mutate: a sync step 1, and an update that adds a ripple. */
function seedFrames(): Uint8Array[] {
  const doc = new Y.Doc();
  const step1 = encoding.createEncoder();
  encoding.writeVarUint(step1, 0);
  syncProtocol.writeSyncStep1(step1, doc);
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => {
    update = u;
  });
  addRipple(doc, boss, { text: 'Een echte rimpeling' }, { id: 'seed' });
  const upd = encoding.createEncoder();
  encoding.writeVarUint(upd, 0);
  syncProtocol.writeUpdate(upd, update);
  return [encoding.toUint8Array(step1), encoding.toUint8Array(upd)];
}

/** Random bytes, real frames with bytes flipped, real frames cut short. */
const hostileFrame = fc.oneof(
  fc.uint8Array({ minLength: 0, maxLength: 300 }),
  fc
    .tuple(
      fc.constantFrom(...seedFrames()),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
    )
    .map(([frame, flips]) => {
      const copy = frame.slice();
      for (const [at, value] of flips) copy[at % copy.length] = value;
      return copy;
    }),
  fc
    .tuple(fc.constantFrom(...seedFrames()), fc.nat())
    .map(([frame, cut]) => frame.slice(0, cut % frame.length)),
);

function fakePeer(role: 'viewer' | 'participant'): RoomPeer & { closed: CloseName[] } {
  const closed: CloseName[] = [];
  return {
    actor: { role, id: role === 'viewer' ? 'viewer' : 'p-fuzz' },
    name: null,
    label: 'fuzz',
    awarenessIds: new Set(),
    closed,
    send() {},
    close(name) {
      closed.push(name);
    },
  };
}

describe('protocol handling under hostile frames (property)', () => {
  it('never throws anything but an Error, and a viewer never changes the document', async () => {
    const store = new MemoryUpdateStore();
    const setup = new Y.Doc();
    initSession(setup, { title: 'Fuzz' });
    addRipple(setup, boss, { text: 'Staat er al' }, { id: 'existing' });
    await store.append('room', Y.encodeStateAsUpdate(setup), 0);
    const room = await Room.load('room', {
      store,
      log: silentLogger,
      compactEvery: 1000,
      quota: { maxRippleText: 500, maxRipples: 100, maxLinks: 100 },
    });
    const before = Y.encodeStateAsUpdate(room.doc);
    await fc.assert(
      fc.asyncProperty(hostileFrame, async (frame) => {
        const peer = fakePeer('viewer');
        room.join(peer);
        try {
          await handleMessage(room, peer, frame);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
        }
        room.leave(peer);
      }),
      { seed: 99, numRuns: 1500 },
    );
    expect(Y.encodeStateAsUpdate(room.doc)).toEqual(before);
    expect(readRipple(room.doc, 'existing')?.text).toBe('Staat er al');
    room.destroy();
  });
});

describe('a bounded random-frame fuzzer against the running server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('survives: no crash, no hang, other rooms unaffected, memory back to baseline', async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    const target = await server.createSession('Doelwit');
    const bystander = await server.createSession('Omstander');
    const a = connectClient(server.wsUrl, bystander.id, { key: bystander.facilitatorKey });
    const b = connectClient(server.wsUrl, bystander.id, { key: bystander.facilitatorKey });
    await Promise.all([a.synced, b.synced]);

    const frames = fc.sample(hostileFrame, { seed: 2026, numRuns: 1200 });
    const fuzzRound = async () => {
      // 12 connections at a time, each sending frames until the server closes it.
      let next = 0;
      const worker = async () => {
        while (next < frames.length) {
          const ws = new WebSocket(`${server.wsUrl}/${target.id}?key=${target.facilitatorKey}`);
          await new Promise((resolve) => ws.once('open', resolve));
          const closed = new Promise((resolve) => ws.once('close', resolve));
          for (let i = 0; i < 20 && next < frames.length && ws.readyState === WebSocket.OPEN; i++) {
            ws.send(frames[next++] as Uint8Array);
          }
          ws.close();
          await closed;
        }
      };
      await Promise.all(Array.from({ length: 12 }, worker));
    };

    await fuzzRound(); // warm-up: JIT, buffers
    gc?.();
    const baseline = process.memoryUsage().heapUsed;
    const started = Date.now();
    await fuzzRound();
    await fuzzRound();
    expect(Date.now() - started).toBeLessThan(20_000);
    await sleep(200);
    gc?.();
    const growth = process.memoryUsage().heapUsed - baseline;
    expect(growth).toBeLessThan(8 * 1024 * 1024);

    // The server still answers, and the bystander room never noticed.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
    addRipple(a.doc, boss, { text: 'Nog steeds hier' }, { id: 'after-fuzz' });
    await waitFor(() => readRipple(b.doc, 'after-fuzz') !== null, 3000, 'bystander sync');
    const honest = connectClient(server.wsUrl, target.id, { key: target.viewerKey });
    await honest.synced;
    expect(honest.doc.getMap('meta').get('title')).toBe('Doelwit');
    for (const c of [a, b, honest]) c.destroy();
  }, 60_000);
});
