import { describe, expect, it } from 'vitest';
import {
  addRipple,
  castVote,
  deleteRipple,
  editRipple,
  linkRipples,
  setRippleStatus,
  updateMeta,
  withdrawRipple,
  withdrawVote,
} from '../../shared/doc/commands';
import { readLinks, readMeta, readRipple, readVotes } from '../../shared/doc/read';
import { docToView } from '../../shared/doc/viewModel';

import { ans, bert, boss, session as newSession, viewer } from '../helpers/people';

const session = () => newSession({ programme: 'Samen Sterk' });

describe('commands', () => {
  it('a phone ripple waits in the inbox while moderation is on, and goes straight on the map when it is off', () => {
    const doc = session();
    const waiting = addRipple(doc, ans, { text: 'Meer mensen op de koffieochtend' });
    expect(waiting.ok && waiting.value.status).toBe('pending');
    updateMeta(doc, boss, { moderation: false });
    const direct = addRipple(doc, bert, { text: 'De huisarts verwijst nu door' });
    expect(direct.ok && direct.value.status).toBe('accepted');
  });

  it('refuses an empty ripple, or one that is too long, with the field named', () => {
    const doc = session();
    const empty = addRipple(doc, ans, { text: '   ' });
    expect(empty.ok ? null : empty.error).toMatchObject({
      kind: 'invalid',
      detail: expect.stringMatching(/^text/),
    });
    const long = addRipple(doc, ans, { text: 'x'.repeat(501) });
    expect(long.ok).toBe(false);
  });

  it('lets participants edit and withdraw only their own waiting ripples', () => {
    const doc = session();
    addRipple(doc, ans, { text: 'Eerste versie' }, { id: 'r1' });
    expect(editRipple(doc, bert, 'r1', { text: 'Van Bert' }).ok).toBe(false);
    expect(editRipple(doc, ans, 'r1', { code: 'needs' }).ok).toBe(false);
    expect(editRipple(doc, ans, 'r1', { text: 'Tweede versie' }).ok).toBe(true);
    expect(readRipple(doc, 'r1')?.text).toBe('Tweede versie');
    setRippleStatus(doc, boss, 'r1', 'accepted');
    expect(editRipple(doc, ans, 'r1', { text: 'Te laat' }).ok).toBe(false);
    expect(withdrawRipple(doc, ans, 'r1').ok).toBe(false);
    addRipple(doc, ans, { text: 'Nog een' }, { id: 'r2' });
    expect(withdrawRipple(doc, bert, 'r2').ok).toBe(false);
    expect(withdrawRipple(doc, ans, 'r2').ok).toBe(true);
    expect(readRipple(doc, 'r2')).toBeNull();
  });

  it('turns causes a phone proposed into links when the facilitator accepts the ripple', () => {
    const doc = session();
    addRipple(doc, boss, { text: 'Inloopochtend gestart' }, { id: 'cause' });
    addRipple(
      doc,
      ans,
      { text: 'Mevrouw Jansen is minder eenzaam', proposedCauses: ['cause', 'unknown'] },
      { id: 'effect' },
    );
    setRippleStatus(doc, boss, 'effect', 'accepted');
    expect(readLinks(doc).map((l) => [l.from, l.to])).toEqual([['cause', 'effect']]);
    expect(docToView(doc).ripples.find((r) => r.id === 'effect')?.order).toBe(2);
  });

  it('refuses a link that would make a loop', () => {
    const doc = session();
    for (const id of ['a', 'b', 'c']) addRipple(doc, boss, { text: id }, { id });
    expect(linkRipples(doc, boss, 'a', 'b').ok).toBe(true);
    expect(linkRipples(doc, boss, 'b', 'c').ok).toBe(true);
    const loop = linkRipples(doc, boss, 'c', 'a');
    expect(loop.ok ? null : loop.error.kind).toBe('cycle');
    expect(linkRipples(doc, ans, 'a', 'c').ok).toBe(false);
  });

  it('deleting a ripple takes its links and dots with it', () => {
    const doc = session();
    for (const id of ['a', 'b']) addRipple(doc, boss, { text: id }, { id });
    linkRipples(doc, boss, 'a', 'b');
    updateMeta(doc, boss, { votingOpen: true });
    castVote(doc, ans, 'b');
    deleteRipple(doc, boss, 'b');
    expect(readLinks(doc)).toEqual([]);
    expect(readVotes(doc)).toEqual([]);
  });

  it('gives each participant only their dots, and only while voting is open', () => {
    const doc = session();
    addRipple(doc, boss, { text: 'a' }, { id: 'a' });
    expect(castVote(doc, ans, 'a')).toMatchObject({ ok: false, error: { kind: 'voting-closed' } });
    updateMeta(doc, boss, { votingOpen: true, dotsPerParticipant: 2 });
    expect(castVote(doc, ans, 'a').ok).toBe(true);
    expect(castVote(doc, ans, 'a').ok).toBe(true);
    expect(castVote(doc, ans, 'a')).toMatchObject({ ok: false, error: { kind: 'no-dots-left' } });
    expect(withdrawVote(doc, ans, 'a').ok).toBe(true);
    expect(castVote(doc, ans, 'a').ok).toBe(true);
    expect(docToView(doc).ripples[0]?.votes).toBe(2);
  });

  it('only the facilitator changes the session, and only to valid values', () => {
    const doc = session();
    expect(updateMeta(doc, ans, { title: 'Van mij' }).ok).toBe(false);
    expect(updateMeta(doc, viewer, { title: 'Van mij' }).ok).toBe(false);
    expect(updateMeta(doc, boss, { dotsPerParticipant: 99 }).ok).toBe(false);
    expect(updateMeta(doc, boss, { prompt: 'Wat ging er minder goed?' }).ok).toBe(true);
    expect(readMeta(doc)).toMatchObject({ title: 'Buurtkracht', prompt: 'Wat ging er minder goed?' });
  });

  it('a viewer cannot add anything', () => {
    expect(addRipple(session(), viewer, { text: 'Kijken mag' }).ok).toBe(false);
  });
});
