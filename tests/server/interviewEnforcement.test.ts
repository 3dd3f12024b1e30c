import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDraft, pairEveryone, sendDraft } from '../../shared/doc/interviewCommands';
import { readRipple } from '../../shared/doc/read';
import { roots } from '../../shared/doc/schema';
import { readDrafts, readInterview, readPairs } from '../../shared/interview/readInterview';
import { rippleIdOfDraft } from '../../shared/model/interview';
import { CLOSE } from '../../shared/protocol/closeCodes';
import { boss } from '../helpers/people';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { connectClient, sleep, waitFor } from '../helpers/yClient';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

/** Ans stays unpaired; Bert and Cor are a pair with one draft (Bert asks, Cor tells). */
async function pairedSession() {
  const session = await server.createSession();
  const people = [
    await server.join(session.joinCode, 'Ans'),
    await server.join(session.joinCode, 'Bert'),
    await server.join(session.joinCode, 'Cor'),
  ];
  const facilitator = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
  const [ans, bert, cor] = people.map((p) =>
    connectClient(server.wsUrl, session.id, { pid: p.participantId, secret: p.secret }),
  );
  if (!ans || !bert || !cor) throw new Error('three phones');
  await Promise.all([facilitator.synced, ans.synced, bert.synced, cor.synced]);
  const [ansId, bertId, corId] = people.map((p) => p.participantId) as [string, string, string];
  const made = pairEveryone(
    facilitator.doc,
    boss,
    [
      { id: bertId, name: 'Bert' },
      { id: corId, name: '' },
    ],
    () => 0.99,
  );
  const pairId = made.ok ? (made.value[0]?.id ?? '') : '';
  await waitFor(() => readPairs(bert.doc).length === 1, 3000, 'the pair on Bert’s phone');
  const draft = addDraft(
    bert.doc,
    { role: 'participant', id: bertId },
    pairId,
    { askerId: bertId, tellerId: corId },
    { text: 'Cor fietst nu naar de markt' },
    { id: 'd1' },
  );
  expect(draft.ok).toBe(true);
  await waitFor(
    () => readDrafts(facilitator.doc).length === 1 && readDrafts(cor.doc).length === 1,
    3000,
    'the draft everywhere',
  );
  return { facilitator, ans, bert, cor, ansId, bertId, corId, pairId, all: [facilitator, ans, bert, cor] };
}

describe('the server enforces the interview rules on every update', () => {
  it('takes the teller’s confirmation: one ripple, the teller’s, with the asker as co-author', async () => {
    const ctx = await pairedSession();
    expect(sendDraft(ctx.cor.doc, { role: 'participant', id: ctx.corId }, 'd1').ok).toBe(true);
    await waitFor(() => readRipple(ctx.facilitator.doc, rippleIdOfDraft('d1')) !== null, 3000, 'the ripple');
    expect(readRipple(ctx.facilitator.doc, rippleIdOfDraft('d1'))).toMatchObject({
      authorId: ctx.corId,
      coAuthors: [{ id: ctx.bertId, name: 'Bert' }],
      interview: { pairId: ctx.pairId, sentBy: 'teller' },
    });
    for (const c of ctx.all) c.destroy();
  });

  const attacks: Array<[string, (ctx: Awaited<ReturnType<typeof pairedSession>>) => void]> = [
    ['writes the interview guide', ({ ans }) => roots(ans.doc).interview.set('questions', ['Gekaapt?'])],
    [
      'writes a draft into another pair',
      ({ ans, bertId, corId, pairId }) =>
        roots(ans.doc).drafts.set('d2', {
          id: 'd2',
          pairId,
          tellerId: corId,
          askerId: bertId,
          text: 'Van buiten',
          question: null,
          when: null,
          intended: 'unknown',
          valence: 'unknown',
          agreed: true,
          state: 'draft',
          createdAt: 1,
          updatedAt: 1,
        }),
    ],
    [
      'pairs two other people',
      ({ ans, bertId, corId, facilitator }) =>
        roots(ans.doc).pairs.set('x', {
          id: 'x',
          round: readInterview(facilitator.doc).round,
          members: [
            { id: bertId, name: '' },
            { id: corId, name: '' },
          ],
          by: 'self',
          createdAt: 1,
          invite: null,
        }),
    ],
    [
      'sends a draft as the asker without the teller’s agreement',
      ({ bert, bertId, corId, pairId }) =>
        roots(bert.doc).ripples.set(
          rippleIdOfDraft('d1'),
          new Y.Map<unknown>(
            Object.entries({
              id: rippleIdOfDraft('d1'),
              text: 'Cor fietst nu naar de markt',
              kind: 'effect',
              authorId: corId,
              showAuthor: false,
              createdAt: 1,
              updatedAt: 1,
              status: 'pending',
              coAuthors: [{ id: bertId, name: 'Bert' }],
              interview: { pairId, sentBy: 'asker' },
            }),
          ),
        ),
    ],
  ];

  for (const [what, attack] of attacks) {
    it(`refuses a phone that ${what}; nothing reaches the others`, async () => {
      const ctx = await pairedSession();
      const attacker = what.includes('asker') ? ctx.bert : ctx.ans;
      attack(ctx);
      const closed = await attacker.closed;
      expect([CLOSE.forbidden.code, CLOSE.invalid.code]).toContain(closed.code);
      await sleep(50);
      expect(readInterview(ctx.facilitator.doc).questions).toEqual([]);
      expect(readDrafts(ctx.facilitator.doc).map((d) => d.id)).toEqual(['d1']);
      expect(readPairs(ctx.facilitator.doc)).toHaveLength(1);
      expect(readRipple(ctx.facilitator.doc, rippleIdOfDraft('d1'))).toBeNull();
      for (const c of ctx.all) c.destroy();
    });
  }
});
