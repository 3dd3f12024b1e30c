import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CommandResult } from '../../../shared/doc/commands';
import {
  addDraft,
  deleteDraft,
  editDraft,
  joinPair,
  pairEveryone,
  pairUp,
  sendDraft,
  setInterviewGuide,
  setInterviewTimer,
  unpair,
} from '../../../shared/doc/interviewCommands';
import { readRipple, readRipples } from '../../../shared/doc/read';
import { roots } from '../../../shared/doc/schema';
import { participantNumber } from '../../../shared/interview/participantNumber';
import { readDraft, readInterview, readPairs } from '../../../shared/interview/readInterview';
import { rippleIdOfDraft } from '../../../shared/model/interview';
import type { Actor } from '../../../shared/model/ripple';
import { judge } from '../../helpers/judge';
import { ans, bert, boss, cor, dirk, session, viewer } from '../../helpers/people';

const member = (actor: Actor, name = '') => ({ id: actor.id, name });
const numberOf = (actor: Actor) => participantNumber(actor.id);

/** `a` types `b`'s number and `b`'s phone joins: the two are paired. */
function pairByNumber(doc: Y.Doc, a: Actor, b: Actor, aName = '', bName = '') {
  const invited = pairUp(doc, a, member(a, aName), numberOf(b));
  if (!invited.ok) return invited;
  return joinPair(doc, b, member(b, bName), invited.value.id);
}

/**
 * Runs `command` on a client's copy of `doc`, as a phone would: whether it succeeded. What a
 * command writes, the server accepts (then `doc` gets it too); what it refuses, the tests
 * below also write by hand, for the server to refuse.
 */
function sent(doc: Y.Doc, actor: Actor, command: (copy: Y.Doc) => CommandResult<unknown>): boolean {
  let result: CommandResult<unknown> = { ok: false, error: { kind: 'forbidden' } };
  const verdict = judge(doc, actor, (copy) => {
    result = command(copy);
  });
  expect(verdict, 'the server accepts what a command writes').toEqual({ ok: true });
  if (result.ok) command(doc);
  return result.ok;
}

/** The server's verdict on `write` made by hand by a client that skips the commands' checks. */
const byHand = (doc: Y.Doc, actor: Actor, write: (copy: Y.Doc) => void): boolean =>
  judge(doc, actor, write).ok;

/** Ans and Bert paired by themselves (Ans named, Bert anonymous), with one draft Ans wrote from Bert's story. */
function pairedSession(moderation = true) {
  const doc = session({ moderation, sessionPhase: 'interviews' });
  const pair = pairByNumber(doc, ans, bert, 'Ans');
  if (!pair.ok) throw new Error('pair');
  const draft = addDraft(
    doc,
    ans,
    pair.value.id,
    { askerId: ans.id, tellerId: bert.id },
    { text: 'De buurtkamer is nu elke dag open', valence: 'positive' },
    { id: 'd1', now: 2000 },
  );
  if (!draft.ok) throw new Error('draft');
  return { doc, pair: pair.value };
}

describe('pairing for the interviews', () => {
  it('pairs four people at random into two pairs, and five into a pair and a trio', () => {
    const doc = session();
    const four = pairEveryone(
      doc,
      boss,
      [ans, bert, cor, dirk].map((a) => member(a)),
      () => 0.3,
    );
    expect(four.ok && four.value.map((p) => p.members.length)).toEqual([2, 2]);
    const five = pairEveryone(
      doc,
      boss,
      [ans, bert, cor, dirk, boss].map((a) => member(a)),
      () => 0.7,
    );
    expect(five.ok && five.value.map((p) => p.members.length)).toEqual([2, 3]);
    expect(readInterview(doc).round).toBe(2);
  });

  it('lets a phone pair itself by the other’s number, and nobody twice in a round', () => {
    const doc = session();
    let pairId = '';
    expect(
      sent(doc, ans, (d) => {
        const made = pairUp(d, ans, member(ans), numberOf(bert));
        if (made.ok) pairId = made.value.id;
        return made;
      }),
    ).toBe(true);
    expect(sent(doc, bert, (d) => joinPair(d, bert, member(bert), pairId))).toBe(true);
    expect(readPairs(doc)[0]?.members.map((m) => m.id)).toEqual([ans.id, bert.id]);
    // Bert is paired now: Cor's invitation for him is refused, and he cannot join it.
    expect(sent(doc, cor, (d) => pairUp(d, cor, member(cor), numberOf(bert)))).toBe(true);
    const corInvite = readPairs(doc).find((p) => p.members[0]?.id === cor.id);
    if (!corInvite) throw new Error('invite');
    expect(sent(doc, bert, (d) => joinPair(d, bert, member(bert), corInvite.id))).toBe(false);
    const joined = { ...corInvite, members: [...corInvite.members, member(bert)], invite: null };
    expect(byHand(doc, bert, (d) => roots(d).pairs.set(corInvite.id, joined))).toBe(false);
    // Dirk's number is not the one invited: he cannot take Bert's place.
    const dirkJoins = { ...corInvite, members: [...corInvite.members, member(dirk)], invite: null };
    expect(byHand(doc, dirk, (d) => roots(d).pairs.set(corInvite.id, dirkJoins))).toBe(false);
    // Nor can Ans, already paired, invite anyone else, or anyone invite their own number.
    expect(sent(doc, ans, (d) => pairUp(d, ans, member(ans), numberOf(dirk)))).toBe(false);
    expect(sent(doc, dirk, (d) => pairUp(d, dirk, member(dirk), numberOf(dirk)))).toBe(false);
  });

  it('lets a phone undo its own pair but not another pair', () => {
    const doc = session();
    const pair = pairByNumber(doc, ans, bert);
    if (!pair.ok) throw new Error('pair');
    expect(sent(doc, cor, (d) => unpair(d, cor, pair.value.id))).toBe(false);
    expect(byHand(doc, cor, (d) => roots(d).pairs.delete(pair.value.id))).toBe(false);
    expect(sent(doc, bert, (d) => unpair(d, bert, pair.value.id))).toBe(true);
  });
});

describe('the guide and the timer', () => {
  it('are the facilitator’s alone, and kept valid', () => {
    const doc = session();
    expect(sent(doc, ans, (d) => setInterviewGuide(d, ans, { questions: ['Wat?'] }))).toBe(false);
    expect(byHand(doc, ans, (d) => roots(d).interview.set('questions', ['Wat?']))).toBe(false);
    expect(
      setInterviewGuide(doc, boss, { questions: ['Wat is er veranderd?', '  '], turnMinutes: 5 }).ok,
    ).toBe(true);
    expect(readInterview(doc).questions).toEqual(['Wat is er veranderd?']);
    expect(judge(doc, boss, (d) => roots(d).interview.set('turnMinutes', 0)).ok).toBe(false);
    expect(judge(doc, viewer, (d) => roots(d).interview.set('turnMinutes', 3)).ok).toBe(false);
  });

  it('gives a round with a trio a turn for each member', () => {
    const doc = session();
    pairEveryone(
      doc,
      boss,
      [ans, bert, cor].map((a) => member(a)),
    );
    const timer = setInterviewTimer(doc, boss, 'start', 10_000);
    expect(timer.ok && timer.value.turns).toBe(3);
    expect(sent(doc, ans, (d) => setInterviewTimer(d, ans, 'pause', 11_000))).toBe(false);
    expect(byHand(doc, ans, (d) => roots(d).interview.set('timer', null))).toBe(false);
  });
});

describe('drafts and sending them', () => {
  it('keeps a pair’s drafts to that pair', () => {
    const { doc } = pairedSession();
    expect(sent(doc, cor, (d) => editDraft(d, cor, 'd1', { text: 'Anders' }))).toBe(false);
    expect(sent(doc, cor, (d) => deleteDraft(d, cor, 'd1'))).toBe(false);
    expect(byHand(doc, cor, (d) => roots(d).drafts.delete('d1'))).toBe(false);
    const changed = { ...readDraft(doc, 'd1'), text: 'Anders' };
    expect(byHand(doc, cor, (d) => roots(d).drafts.set('d1', changed))).toBe(false);
    expect(byHand(doc, bert, (d) => roots(d).drafts.set('d1', changed))).toBe(true);
    expect(sent(doc, bert, (d) => editDraft(d, bert, 'd1', { text: 'Elke dag open' }))).toBe(true);
  });

  it('sends a draft confirmed by the teller as their ripple, with the asker as co-author, once', () => {
    const { doc, pair } = pairedSession();
    expect(sent(doc, bert, (d) => sendDraft(d, bert, 'd1', { now: 3000 }))).toBe(true);
    const ripple = readRipple(doc, rippleIdOfDraft('d1'));
    expect(ripple).toMatchObject({
      authorId: bert.id,
      authorName: '',
      showAuthor: false,
      status: 'pending',
      coAuthors: [{ id: ans.id, name: 'Ans' }],
      interview: { pairId: pair.id, sentBy: 'teller' },
    });
    expect(readDraft(doc, 'd1')?.state).toBe('sent');
    // Sent again (a reload that did not see its answer): the same ripple, nothing new.
    expect(sendDraft(doc, bert, 'd1').ok).toBe(true);
    expect(readRipples(doc)).toHaveLength(1);
    expect(sent(doc, ans, (d) => editDraft(d, ans, 'd1', { text: 'Toch anders' }))).toBe(false);
    const unsent = { ...readDraft(doc, 'd1'), state: 'draft' };
    expect(byHand(doc, ans, (d) => roots(d).drafts.set('d1', unsent))).toBe(false);
  });

  it('lets the asker send only with the teller’s agreement, and says so on the ripple', () => {
    const { doc } = pairedSession(false);
    expect(sent(doc, ans, (d) => sendDraft(d, ans, 'd1'))).toBe(false);
    expect(sent(doc, ans, (d) => sendDraft(d, ans, 'd1', { agreed: true }))).toBe(true);
    expect(readRipple(doc, rippleIdOfDraft('d1'))).toMatchObject({
      status: 'accepted',
      authorId: bert.id,
      interview: { sentBy: 'asker' },
    });
  });

  it('refuses a ripple written by hand in someone else’s name, with or without a draft', () => {
    const { doc, pair } = pairedSession();
    const forged = (id: string, sentBy: 'teller' | 'asker') => (d: Y.Doc) =>
      roots(d).ripples.set(
        id,
        new Y.Map<unknown>(
          Object.entries({
            id,
            text: 'Bert zegt dit',
            kind: 'effect',
            authorId: bert.id,
            showAuthor: true,
            createdAt: 1,
            updatedAt: 1,
            status: 'pending',
            coAuthors: [{ id: ans.id, name: 'Ans' }],
            interview: { pairId: pair.id, sentBy },
          }),
        ),
      );
    // No draft behind it.
    expect(judge(doc, ans, forged(rippleIdOfDraft('nope'), 'asker')).ok).toBe(false);
    // A draft, but no agreement recorded.
    expect(judge(doc, ans, forged(rippleIdOfDraft('d1'), 'asker')).ok).toBe(false);
    // A stranger claiming to be the teller.
    expect(judge(doc, cor, forged(rippleIdOfDraft('d1'), 'teller')).ok).toBe(false);
    // The teller themself: fine.
    expect(judge(doc, bert, forged(rippleIdOfDraft('d1'), 'teller')).ok).toBe(true);
  });
});
