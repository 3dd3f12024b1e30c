import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRipple, updateMeta } from '../../shared/doc/commands';
import { readMeta, readRipple } from '../../shared/doc/read';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { connectClient, type TestClient, waitFor } from '../helpers/yClient';

// Long enough that the board has every ripple well before the phones' batch goes out, even
// on a busy CI machine.
const PHONE_BATCH_MS = 1500;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ phoneBatchMs: PHONE_BATCH_MS });
});
afterAll(() => server.dispose());

/** How many updates from the server a client has applied (one per sync message). */
function countServerUpdates(client: TestClient): () => number {
  let count = 0;
  client.doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin === client.provider) count++;
  });
  return () => count;
}

describe('phones get the room’s changes in batches', () => {
  it('the board gets each ripple at once; another phone gets them together, in one message', async () => {
    const session = await server.createSession();
    const [a, b] = await Promise.all([
      server.join(session.joinCode, 'An'),
      server.join(session.joinCode, 'Bo'),
    ]);
    const board = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    const phoneA = connectClient(server.wsUrl, session.id, { pid: a.participantId, secret: a.secret });
    const phoneB = connectClient(server.wsUrl, session.id, { pid: b.participantId, secret: b.secret });
    await Promise.all([board.synced, phoneA.synced, phoneB.synced]);
    // Without moderation a phone's ripple goes straight onto the map, where other phones see it.
    updateMeta(board.doc, { role: 'facilitator', id: 'facilitator' }, { moderation: false });
    await waitFor(
      () => !readMeta(phoneA.doc).moderation && !readMeta(phoneB.doc).moderation,
      PHONE_BATCH_MS + 3000,
      'moderation off on the phones',
    );
    const updatesOnB = countServerUpdates(phoneB);
    const me = { role: 'participant' as const, id: a.participantId };

    const started = Date.now();
    for (const [i, text] of [
      'Bewoners ontmoeten elkaar',
      'Wensen opgehaald',
      'Het plan is aangepast',
    ].entries())
      addRipple(phoneA.doc, me, { text }, { id: `r${i}` });
    const ids = ['r0', 'r1', 'r2'];
    await waitFor(() => ids.every((id) => readRipple(board.doc, id)), 3000, 'the ripples on the board');
    const boardMs = Date.now() - started;
    expect(boardMs).toBeLessThan(PHONE_BATCH_MS);
    expect(ids.some((id) => readRipple(phoneB.doc, id))).toBe(false);

    await waitFor(
      () => ids.every((id) => readRipple(phoneB.doc, id)),
      PHONE_BATCH_MS + 3000,
      'the ripples on the other phone',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(PHONE_BATCH_MS - 50);
    expect(updatesOnB()).toBe(1);
    // The sender gets the server's suggestions on its own ripples in the batch too.
    await waitFor(
      () => readRipple(phoneA.doc, 'r1')?.suggestedCode === 'needs',
      3000,
      'the suggestion on the sender',
    );

    for (const client of [board, phoneA, phoneB]) client.destroy();
  });
});
