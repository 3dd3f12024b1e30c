import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addRipple, castVote, updateMeta } from '../../shared/doc/commands';
import { readLinks, readMeta, readRipple, readRipples, readVotes } from '../../shared/doc/read';
import { roots } from '../../shared/doc/schema';
import { CLOSE } from '../../shared/protocol/closeCodes';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { connectClient, sleep, type TestClient, waitFor } from '../helpers/yClient';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

/** A session with a facilitator, two phones (each with one pending ripple) and a fresh observer. */
async function sessionWithTwoPhones() {
  const session = await server.createSession();
  const [p1, p2] = [await server.join(session.joinCode, 'Ans'), await server.join(session.joinCode, 'Bert')];
  const facilitator = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
  const phone1 = connectClient(server.wsUrl, session.id, { pid: p1.participantId, secret: p1.secret });
  const phone2 = connectClient(server.wsUrl, session.id, { pid: p2.participantId, secret: p2.secret });
  await Promise.all([facilitator.synced, phone1.synced, phone2.synced]);
  const actor1 = { role: 'participant' as const, id: p1.participantId };
  const actor2 = { role: 'participant' as const, id: p2.participantId };
  expect(
    addRipple(phone1.doc, actor1, { text: 'Mijn buurvrouw komt nu naar de koffieochtend' }, { id: 'mine' })
      .ok,
  ).toBe(true);
  expect(addRipple(phone2.doc, actor2, { text: 'Er is een nieuwe moestuin' }, { id: 'theirs' }).ok).toBe(
    true,
  );
  await waitFor(() => readRipples(facilitator.doc).length === 2, 3000, 'both ripples at the facilitator');
  // Phone 2's ripple goes onto the map, where phone 1 sees it: a phone only holds the map and
  // its own ripples. Phones get others' changes in batches (PHONE_BATCH_MS): an attack needs
  // the ripple it attacks.
  roots(facilitator.doc).ripples.get('theirs')?.set('status', 'accepted');
  await waitFor(
    () => readRipples(phone1.doc).length === 2 && readRipple(phone2.doc, 'theirs')?.status === 'accepted',
    3000,
    'the accepted ripple on both phones',
  );
  const observe = async (): Promise<TestClient> => {
    const observer = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await observer.synced;
    return observer;
  };
  return { session, facilitator, phone1, phone2, actor1, actor2, observe };
}

describe('the server enforces roles on every update', () => {
  it('accepts a phone adding and editing its own ripple, which waits in the inbox', async () => {
    const { facilitator, phone1, phone2, observe } = await sessionWithTwoPhones();
    expect(readRipple(facilitator.doc, 'mine')).toMatchObject({
      status: 'pending',
      authorId: expect.any(String),
    });
    roots(phone1.doc).ripples.get('mine')?.set('text', 'Mijn buurvrouw komt nu elke week');
    await waitFor(() => readRipple(facilitator.doc, 'mine')?.text === 'Mijn buurvrouw komt nu elke week');
    const observer = await observe();
    expect(readRipple(observer.doc, 'mine')?.text).toBe('Mijn buurvrouw komt nu elke week');
    for (const c of [facilitator, phone1, phone2, observer]) c.destroy();
  });

  const forbidden: Array<[string, (ctx: Awaited<ReturnType<typeof sessionWithTwoPhones>>) => void]> = [
    [
      "changes another participant's ripple",
      // A phone holds another's ripple as one plain value: it can only put another in its place.
      ({ phone1 }) => {
        const ripples = phone1.doc.getMap<unknown>('ripples');
        ripples.set('theirs', { ...(ripples.get('theirs') as object), text: 'gehackt' });
      },
    ],
    [
      "makes another participant's ripple a map of its own again",
      ({ phone1 }) => {
        const held = { ...(roots(phone1.doc).ripples.get('theirs') as object), text: 'gehackt' };
        phone1.doc.transact(() => {
          const forged = new Y.Map<unknown>();
          roots(phone1.doc).ripples.set('theirs', forged);
          for (const [key, value] of Object.entries(held)) forged.set(key, value);
        });
      },
    ],
    ["deletes another participant's ripple", ({ phone1 }) => roots(phone1.doc).ripples.delete('theirs')],
    [
      'accepts its own ripple onto the map',
      ({ phone1 }) => roots(phone1.doc).ripples.get('mine')?.set('status', 'accepted'),
    ],
    ['codes its own ripple', ({ phone1 }) => roots(phone1.doc).ripples.get('mine')?.set('code', 'needs')],
    [
      'adds a link',
      ({ phone1 }) =>
        roots(phone1.doc).links.set('mine->theirs', {
          id: 'mine->theirs',
          from: 'mine',
          to: 'theirs',
          createdAt: 1,
        }),
    ],
    ['changes the session meta', ({ phone1 }) => roots(phone1.doc).meta.set('title', 'Overgenomen')],
    [
      'adds a ripple in someone else’s name',
      ({ phone1, actor2 }) => addRipple(phone1.doc, actor2, { text: 'Namens een ander' }, { id: 'forged' }),
    ],
    ['writes outside the schema', ({ phone1 }) => phone1.doc.getMap('evil').set('x', 1)],
  ];

  for (const [what, attack] of forbidden) {
    it(`refuses and disconnects a phone that ${what}; nothing reaches the server or others`, async () => {
      const ctx = await sessionWithTwoPhones();
      const before = {
        theirs: readRipple(ctx.facilitator.doc, 'theirs'),
        mine: readRipple(ctx.facilitator.doc, 'mine'),
      };
      const metaBefore = readMeta(ctx.facilitator.doc);
      attack(ctx);
      const closed = await ctx.phone1.closed;
      expect([CLOSE.forbidden.code, CLOSE.invalid.code]).toContain(closed.code);
      await sleep(50);
      const observer = await ctx.observe();
      expect(readRipple(ctx.phone2.doc, 'theirs')).toEqual(before.theirs);
      for (const doc of [ctx.facilitator.doc, ctx.phone2.doc, observer.doc]) {
        if (doc !== ctx.phone2.doc) expect(readRipple(doc, 'theirs')).toEqual(before.theirs);
        expect(readRipple(doc, 'mine')).toEqual(doc === ctx.phone2.doc ? null : before.mine);
        expect(readRipple(doc, 'forged')).toBeNull();
        expect(readLinks(doc)).toEqual([]);
        expect(readMeta(doc)).toEqual(metaBefore);
        expect(doc.share.has('evil') ? doc.getMap('evil').size : 0).toBe(0);
      }
      expect(server.logs.some((line) => line.includes('refused'))).toBe(true);
      for (const c of [ctx.facilitator, ctx.phone1, ctx.phone2, observer]) c.destroy();
    });
  }

  it('lets a phone cast its own dots while voting is open, and no more than it has', async () => {
    const { facilitator, phone1, actor1, observe } = await sessionWithTwoPhones();
    const boss = { role: 'facilitator' as const, id: 'facilitator' };
    updateMeta(facilitator.doc, boss, { votingOpen: true, dotsPerParticipant: 1 });
    await waitFor(
      () => readMeta(phone1.doc).votingOpen && readRipple(phone1.doc, 'theirs')?.status === 'accepted',
    );
    expect(castVote(phone1.doc, actor1, 'theirs').ok).toBe(true);
    await waitFor(() => readVotes(facilitator.doc).length === 1, 3000, 'the vote');
    // A crafted second dot beyond the allowance is refused.
    roots(phone1.doc).votes.set(`${actor1.id}:1`, 'theirs');
    expect((await phone1.closed).code).toBe(CLOSE.forbidden.code);
    const observer = await observe();
    expect(readVotes(observer.doc)).toHaveLength(1);
    for (const c of [facilitator, phone1, observer]) c.destroy();
  });

  it("never lets a viewer's local edits reach the server", async () => {
    const session = await server.createSession();
    const viewer = connectClient(server.wsUrl, session.id, { key: session.viewerKey });
    await viewer.synced;
    addRipple(viewer.doc, { role: 'facilitator', id: 'facilitator' }, { text: 'Stiekem' }, { id: 'sneaky' });
    roots(viewer.doc).meta.set('title', 'Stiekem');
    expect((await viewer.closed).code).toBe(CLOSE.forbidden.code);
    const observer = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await observer.synced;
    expect(readRipple(observer.doc, 'sneaky')).toBeNull();
    expect(readMeta(observer.doc).title).toBe('Test sessie');
    viewer.destroy();
    observer.destroy();
  });

  it('refuses invalid content even from the facilitator', async () => {
    const session = await server.createSession();
    const facilitator = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await facilitator.synced;
    roots(facilitator.doc).meta.set('dotsPerParticipant', 'veel');
    expect((await facilitator.closed).code).toBe(CLOSE.invalid.code);
    facilitator.destroy();
  });
});
