import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { connectClient, sleep, waitFor } from '../helpers/yClient';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

type User = { id?: string; role?: string; name?: string };
const userOf = (state: unknown): User => ((state as { user?: User } | undefined)?.user ?? {}) as User;

/** A raw awareness message: one entry for `clientId` with `state`. */
function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array<ArrayBuffer> {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, 1);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return new Uint8Array(encoding.toUint8Array(outer));
}

describe('awareness comes from the identity the server knows', () => {
  it('a phone cannot pose as the facilitator or as someone else', async () => {
    const session = await server.createSession();
    const phone = await server.join(session.joinCode, 'Ans');
    const board = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    const mobile = connectClient(server.wsUrl, session.id, {
      pid: phone.participantId,
      secret: phone.secret,
    });
    await Promise.all([board.synced, mobile.synced]);
    board.provider.awareness.setLocalStateField('user', { name: 'Marieke', color: '#0072B2' });
    mobile.provider.awareness.setLocalStateField('user', {
      name: 'Begeleider',
      role: 'facilitator',
      id: 'facilitator',
    });

    const seenByBoard = () => board.provider.awareness.getStates().get(mobile.doc.clientID);
    await waitFor(() => userOf(seenByBoard()).id !== undefined, 3000, "the phone's awareness");
    expect(userOf(seenByBoard())).toMatchObject({
      id: phone.participantId,
      role: 'participant',
      name: 'Ans',
    });
    // The facilitator names themselves; role and id are still the server's.
    await waitFor(
      () => userOf(mobile.provider.awareness.getStates().get(board.doc.clientID)).name === 'Marieke',
    );
    expect(userOf(mobile.provider.awareness.getStates().get(board.doc.clientID))).toMatchObject({
      role: 'facilitator',
      id: 'facilitator',
    });

    // A crafted frame that speaks for the facilitator's client id is dropped.
    const boardClock = board.provider.awareness.meta.get(board.doc.clientID)?.clock ?? 0;
    mobile.provider.ws?.send(awarenessFrame(board.doc.clientID, boardClock + 10, { user: { name: 'Nep' } }));
    await sleep(200);
    expect(userOf(mobile.provider.awareness.getStates().get(board.doc.clientID)).name).toBe('Marieke');
    const observer = connectClient(server.wsUrl, session.id, { key: session.viewerKey });
    await observer.synced;
    await waitFor(
      () => observer.provider.awareness.getStates().has(board.doc.clientID),
      3000,
      'states for newcomers',
    );
    expect(userOf(observer.provider.awareness.getStates().get(board.doc.clientID)).name).toBe('Marieke');

    // Leaving removes the phone's state everywhere.
    mobile.destroy();
    await waitFor(
      () => !board.provider.awareness.getStates().has(mobile.doc.clientID),
      3000,
      'state removed',
    );
    board.destroy();
    observer.destroy();
  });

  it('drops oversized awareness states', async () => {
    const session = await server.createSession();
    const a = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    const b = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await Promise.all([a.synced, b.synced]);
    a.provider.awareness.setLocalStateField('user', { name: 'x'.repeat(10_000) });
    await sleep(200);
    expect(b.provider.awareness.getStates().get(a.doc.clientID)).toBeUndefined();
    a.destroy();
    b.destroy();
  });
});
