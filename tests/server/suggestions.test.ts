import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addRipple, editRipple, updateMeta } from '../../shared/doc/commands';
import { readRipple } from '../../shared/doc/read';
import { roots } from '../../shared/doc/schema';
import { boss } from '../helpers/people';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { connectClient, waitFor } from '../helpers/yClient';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

describe('suggested codes', () => {
  it('the server suggests a working element for a phone ripple, and follows text and codebook changes', async () => {
    const session = await server.createSession();
    const phone = await server.join(session.joinCode);
    const board = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    const mobile = connectClient(server.wsUrl, session.id, {
      pid: phone.participantId,
      secret: phone.secret,
    });
    await Promise.all([board.synced, mobile.synced]);
    const me = { role: 'participant' as const, id: phone.participantId };

    addRipple(
      mobile.doc,
      me,
      { text: 'We zijn huis aan huis gegaan om te vragen wat bewoners nodig hebben' },
      { id: 'r1' },
    );
    await waitFor(() => readRipple(board.doc, 'r1')?.suggestedCode === 'needs', 3000, 'the needs suggestion');
    // The phone sees it too, and it is kept apart from the (still empty) confirmed code.
    await waitFor(
      () => readRipple(mobile.doc, 'r1')?.suggestedCode === 'needs',
      3000,
      'the suggestion on the phone',
    );
    expect(readRipple(board.doc, 'r1')?.code).toBeNull();

    editRipple(mobile.doc, me, 'r1', { text: 'Het weer was mooi en de koffie was lekker' });
    await waitFor(
      () => readRipple(board.doc, 'r1')?.suggestedCode === null,
      3000,
      'no suggestion for off-topic text',
    );

    // A custom codebook: its keywords drive the suggestion.
    updateMeta(board.doc, boss, {
      codebook: 'mijn-codes',
      customCodebooks: [
        {
          id: 'mijn-codes',
          label: { nl: 'Mijn codes', en: 'My codes' },
          description: { nl: 'Eigen codes', en: 'Own codes' },
          codes: [
            {
              id: 'koffie',
              label: { nl: 'Koffie', en: 'Coffee' },
              description: { nl: 'Over koffie', en: 'About coffee' },
              color: '#0072B2',
              pattern: 'solid',
              keywords: { nl: ['koffie'], en: ['coffee'] },
            },
          ],
        },
      ],
    });
    await waitFor(
      () => readRipple(board.doc, 'r1')?.suggestedCode === 'koffie',
      3000,
      'the custom-codebook suggestion',
    );
    // Every suggestion is written under the server's one client id: Yjs hands a document a new
    // id when a transaction mixes a client's update with a change of its own, and then every
    // ripple would add a client to the state vector every screen keeps and syncs.
    // A phone's changes reach the session written by the room (phones write to their views).
    const writers = Y.decodeStateVector(Y.encodeStateVector(board.doc));
    expect(writers.size).toBe(3); // the session as created, the board and the room
    board.destroy();
    mobile.destroy();
  });

  it('a second board writing under the room’s own client id: its ripple is kept, the room suggests under a new id', async () => {
    const session = await server.createSession();
    const board = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await board.synced;
    addRipple(board.doc, boss, { text: 'Bewoners ontmoeten elkaar in het buurthuis' }, { id: 'b1' });
    await waitFor(() => readRipple(board.doc, 'b1')?.suggestedCode !== null, 3000, 'the first suggestion');
    // The room's id: the writer of the suggestion.
    const suggestion = roots(board.doc).ripples.get('b1')?._map.get('suggestedCode');
    const roomId = suggestion?.id.client as number;

    const laptop = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await laptop.synced;
    // The provider's awareness keeps the doc's first id; the doc gets it back before destroy().
    const laptopId = laptop.doc.clientID;
    laptop.doc.clientID = roomId;
    addRipple(
      laptop.doc,
      boss,
      { text: 'We zijn huis aan huis gegaan om te vragen wat bewoners nodig hebben' },
      { id: 'p1' },
    );
    await waitFor(() => readRipple(board.doc, 'p1')?.suggestedCode === 'needs', 3000, 'the suggestion');
    const next = roots(board.doc).ripples.get('p1')?._map.get('suggestedCode');
    expect(next?.id.client).not.toBe(roomId);
    expect(readRipple(board.doc, 'p1')).toMatchObject({ authorId: boss.id, status: 'accepted' });
    // Yjs would have picked the new id too, at the end of the transaction: the room goes on.
    addRipple(board.doc, boss, { text: 'Bewoners en professionals ontmoeten elkaar' }, { id: 'b2' });
    await waitFor(
      () => readRipple(board.doc, 'b2')?.suggestedCode === 'connection',
      3000,
      'the next suggestion',
    );
    laptop.doc.clientID = laptopId;
    board.destroy();
    laptop.destroy();
  });

  it('keeps the suggestion once a facilitator has confirmed a code', async () => {
    const session = await server.createSession();
    const board = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await board.synced;
    addRipple(
      board.doc,
      boss,
      { text: 'Bewoners en professionals ontmoeten elkaar in het buurthuis' },
      { id: 'r2' },
    );
    await waitFor(() => readRipple(board.doc, 'r2')?.suggestedCode === 'connection', 3000, 'the suggestion');
    editRipple(board.doc, boss, 'r2', { code: 'ownership' });
    editRipple(board.doc, boss, 'r2', { text: 'Bewoners vragen wat de wijk nodig heeft' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(readRipple(board.doc, 'r2')).toMatchObject({ code: 'ownership', suggestedCode: 'connection' });
    board.destroy();
  });
});
