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
    const observer = connectClient(server.wsUrl, session.id, { key: session.viewerKey });
    await observer.synced;
    const boardSeenByObserver = () => userOf(observer.provider.awareness.getStates().get(board.doc.clientID));
    await waitFor(() => boardSeenByObserver().name === 'Marieke', 3000, 'states for newcomers');
    expect(boardSeenByObserver()).toMatchObject({ role: 'facilitator', id: 'facilitator' });

    // A crafted frame that speaks for the facilitator's client id is dropped.
    const boardClock = board.provider.awareness.meta.get(board.doc.clientID)?.clock ?? 0;
    mobile.provider.ws?.send(awarenessFrame(board.doc.clientID, boardClock + 10, { user: { name: 'Nep' } }));
    await sleep(200);
    expect(boardSeenByObserver().name).toBe('Marieke');
    expect(userOf(board.provider.awareness.getStates().get(board.doc.clientID)).name).toBe('Marieke');

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

  it('a phone hears only its own state: never who else is here, nor their names', async () => {
    const session = await server.createSession();
    const [ans, bram] = [
      await server.join(session.joinCode, 'Ans'),
      await server.join(session.joinCode, 'Bram'),
    ];
    const board = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    const phoneA = connectClient(server.wsUrl, session.id, { pid: ans.participantId, secret: ans.secret });
    const phoneB = connectClient(server.wsUrl, session.id, { pid: bram.participantId, secret: bram.secret });
    await Promise.all([board.synced, phoneA.synced, phoneB.synced]);
    board.provider.awareness.setLocalStateField('user', { name: 'Marieke' });
    phoneA.provider.awareness.setLocalStateField('user', { name: 'Ans' });
    phoneB.provider.awareness.setLocalStateField('user', { name: 'Bram' });

    // The board hears both phones; each phone hears its own state come back (the echo).
    await waitFor(
      () =>
        board.provider.awareness.getStates().has(phoneA.doc.clientID) &&
        board.provider.awareness.getStates().has(phoneB.doc.clientID),
      3000,
      'both phones on the board',
    );
    let echoes = 0;
    phoneA.provider.ws?.addEventListener('message', (event: MessageEvent) => {
      if (new Uint8Array(event.data as ArrayBuffer)[0] === 1) echoes++;
    });
    phoneA.provider.awareness.setLocalStateField('user', { name: 'Ans', typing: true });
    await waitFor(() => echoes > 0, 3000, 'the echo of its own state');
    // A phone that joins later is not told who was already here either.
    const late = await server.join(session.joinCode, 'Cor');
    const phoneC = connectClient(server.wsUrl, session.id, { pid: late.participantId, secret: late.secret });
    await phoneC.synced;
    await sleep(200);
    for (const phone of [phoneA, phoneB, phoneC]) {
      const others = [...phone.provider.awareness.getStates().keys()].filter(
        (id) => id !== phone.doc.clientID,
      );
      expect(others).toEqual([]);
    }
    for (const client of [board, phoneA, phoneB, phoneC]) client.destroy();
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
