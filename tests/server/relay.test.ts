import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryUpdateStore } from '../../server/storage/MemoryUpdateStore';
import { addRipple, setRippleStatus } from '../../shared/doc/commands';
import { readRipple, readRipples } from '../../shared/doc/read';
import type { Actor } from '../../shared/model/ripple';
import { CLOSE } from '../../shared/protocol/closeCodes';
import { boss as facilitator } from '../helpers/people';
import { hasRedis, type RedisServer, startRedis } from '../helpers/redis';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { connectClient, type TestClient, waitFor } from '../helpers/yClient';

/**
 * Two instances in one process sharing a Redis and one store (the in-memory twin here; the
 * PostgreSQL cluster test runs real processes). What the relay alone must get right.
 */
let redis: RedisServer;
let a: TestServer;
let b: TestServer;
let dataDir: string;
/** The storage both instances share. */
let store: MemoryUpdateStore;
const clients: TestClient[] = [];

beforeAll(async () => {
  if (!hasRedis) return;
  redis = await startRedis();
  dataDir = await mkdtemp(join(tmpdir(), 'kringen-relay-'));
  store = new MemoryUpdateStore();
  const config = { redisUrl: redis.url, idleUnloadMs: 60_000, joinAttemptsPerMinute: 3 };
  a = await startTestServer(config, { store, dataDir });
  b = await startTestServer(config, { store, dataDir });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await a?.dispose();
  await b?.dispose();
  await redis?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function connect(server: TestServer, sessionId: string, params: Record<string, string>): TestClient {
  const client = connectClient(server.wsUrl, sessionId, params);
  clients.push(client);
  return client;
}

describe.skipIf(!hasRedis)('two instances sharing sessions through Redis', () => {
  it('a phone on one instance and the facilitator on the other see each other live', async () => {
    const session = await a.createSession();
    const joined = await b.join(session.joinCode, 'Fatima');
    const phoneActor: Actor = { role: 'participant', id: joined.participantId };
    const phone = connect(a, session.id, { pid: joined.participantId, secret: joined.secret });
    const board = connect(b, session.id, { key: session.facilitatorKey });
    await Promise.all([phone.synced, board.synced]);

    addRipple(phone.doc, phoneActor, { text: 'Buren groeten elkaar weer' }, { id: 'p1' });
    await waitFor(() => readRipple(board.doc, 'p1') !== null, 3000, 'the phone ripple on the board');
    setRippleStatus(board.doc, facilitator, 'p1', 'accepted');
    await waitFor(() => readRipple(phone.doc, 'p1')?.status === 'accepted', 3000, 'accepted on the phone');

    // Awareness crosses too, stamped with the name the phone's instance knows.
    phone.provider.awareness.setLocalStateField('user', { name: 'Iemand anders' });
    await waitFor(
      () => board.provider.awareness.getStates().has(phone.doc.clientID),
      3000,
      'the phone in the board presence',
    );
    const seen = board.provider.awareness.getStates().get(phone.doc.clientID) as { user?: { name?: string } };
    expect(seen.user?.name).toBe('Fatima');
    // The server's suggestion follow-up is made once, by the phone's instance, and reaches both.
    await waitFor(() => readRipple(board.doc, 'p1')?.suggestedCode !== undefined, 3000, 'suggestion');
  });

  it('an instance opening a room late catches up before it answers', async () => {
    const session = await a.createSession();
    const first = connect(a, session.id, { key: session.facilitatorKey });
    await first.synced;
    for (let i = 0; i < 20; i++)
      addRipple(first.doc, facilitator, { text: `Rimpeling ${i}` }, { id: `r${i}` });
    const watcher = connect(a, session.id, { key: session.viewerKey });
    await waitFor(() => readRipples(watcher.doc).length === 20, 3000, 'all 20 stored on A');
    // B has never held this room: its very first answer must already hold all 20.
    const late = connect(b, session.id, { key: session.facilitatorKey });
    await late.synced;
    expect(readRipples(late.doc).length).toBe(20);
  });

  it('keeps serving while Redis is down and converges when it returns', async () => {
    const session = await a.createSession();
    const onA = connect(a, session.id, { key: session.facilitatorKey });
    const onB = connect(b, session.id, { key: session.facilitatorKey });
    await Promise.all([onA.synced, onB.synced]);
    addRipple(onA.doc, facilitator, { text: 'Voor de storing' }, { id: 'before' });
    await waitFor(() => readRipple(onB.doc, 'before') !== null, 3000, 'relay working');

    await redis.kill();
    addRipple(onA.doc, facilitator, { text: 'Tijdens de storing, op A' }, { id: 'during-a' });
    addRipple(onB.doc, facilitator, { text: 'Tijdens de storing, op B' }, { id: 'during-b' });
    // Each instance keeps serving its own clients: a second client on A sees A's ripple.
    const alsoOnA = connect(a, session.id, { key: session.viewerKey });
    await alsoOnA.synced;
    await waitFor(
      () => readRipple(alsoOnA.doc, 'during-a') !== null,
      3000,
      'local service during the outage',
    );

    await redis.start();
    await waitFor(
      () => readRipple(onB.doc, 'during-a') !== null && readRipple(onA.doc, 'during-b') !== null,
      15_000,
      'convergence after Redis returns',
    );
    // And the relay is live again, not just the one-off reread.
    addRipple(onB.doc, facilitator, { text: 'Na de storing' }, { id: 'after' });
    await waitFor(() => readRipple(onA.doc, 'after') !== null, 5000, 'relay after the outage');
  });

  it('a room behind storage (a relay frame lost) catches up when a phone sends back what others stored, instead of refusing the phone', async () => {
    const session = await a.createSession();
    const ansJoined = await b.join(session.joinCode, 'Ans');
    const bertJoined = await b.join(session.joinCode, 'Bert');
    const ans = connect(b, session.id, { pid: ansJoined.participantId, secret: ansJoined.secret });
    const board = connect(b, session.id, { key: session.facilitatorKey });
    await Promise.all([ans.synced, board.synced]);

    // Bert's ripple is stored by another instance, but its relay frame never reaches B.
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(board.doc));
    const before = Y.encodeStateVector(elsewhere);
    addRipple(
      elsewhere,
      { role: 'participant', id: bertJoined.participantId },
      { text: 'Verloren bericht' },
      { id: 'lost' },
    );
    const bertsRipple = Y.encodeStateAsUpdate(elsewhere, before);
    await store.append(session.id, bertsRipple, Date.now());

    // Ans heard it (through the other instance, say) and her phone passes it on to B.
    Y.applyUpdate(ans.doc, bertsRipple);
    await waitFor(() => readRipple(board.doc, 'lost') !== null, 5000, "Bert's ripple on the board");
    expect(ans.closes).not.toContain(CLOSE.forbidden.code);
    // Ans's own ripples still go through.
    addRipple(
      ans.doc,
      { role: 'participant', id: ansJoined.participantId },
      { text: 'Van Ans' },
      { id: 'ans1' },
    );
    await waitFor(() => readRipple(board.doc, 'ans1') !== null, 5000, "Ans's ripple on the board");
  });

  it('counts wrong join codes across instances, so a guesser gets the limit once, not per instance', async () => {
    const guess = (server: TestServer) => server.post('/api/join', { code: 'XXXXXX' }).then((r) => r.status);
    expect([await guess(a), await guess(b), await guess(a)]).toEqual([404, 404, 404]);
    expect(await guess(b)).toBe(429);
    expect(await guess(a)).toBe(429);
  });

  it('a renewed facilitator key closes boards with the old key on every instance, and so does a deletion', async () => {
    const session = await a.createSession();
    const onA = connect(a, session.id, { key: session.facilitatorKey });
    const onB = connect(b, session.id, { key: session.facilitatorKey });
    await Promise.all([onA.synced, onB.synced]);
    const renewed = await fetch(`${a.url}/api/sessions/${session.id}/facilitator-key`, {
      method: 'POST',
      headers: { 'x-kringen-key': session.facilitatorKey },
    });
    expect(renewed.status).toBe(200);
    const { facilitatorKey } = (await renewed.json()) as { facilitatorKey: string };
    const [closedA, closedB] = await Promise.all([onA.closed, onB.closed]);
    expect(closedA).toMatchObject({ code: CLOSE.keyRenewed.code, reason: CLOSE.keyRenewed.reason });
    expect(closedB).toMatchObject({ code: CLOSE.keyRenewed.code, reason: CLOSE.keyRenewed.reason });

    // With the new key, a board on B; the session deleted from A: B's board is told too.
    const board = connect(b, session.id, { key: facilitatorKey });
    await board.synced;
    const deleted = await fetch(`${a.url}/api/sessions/${session.id}`, {
      method: 'DELETE',
      headers: { 'x-kringen-key': facilitatorKey },
    });
    expect(deleted.status).toBe(204);
    expect(await board.closed).toMatchObject({ code: CLOSE.sessionDeleted.code });
  });
});
