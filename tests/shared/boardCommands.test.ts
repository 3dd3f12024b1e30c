import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addRipple,
  CommandOrigin,
  castVote,
  clearVotes,
  closeVoting,
  editRipple,
  linkRipples,
  mergeRipples,
  moveRipples,
  openVoting,
  revealVotes,
  setRippleStatus,
  setSessionPhase,
  switchCodebook,
  updateMeta,
} from '../../shared/doc/commands';
import { readLinks, readMeta, readRipple, readVotes } from '../../shared/doc/read';
import { roots } from '../../shared/doc/schema';
import { judge } from '../helpers/judge';

import { ans, bert, boss, session } from '../helpers/people';

describe('board commands', () => {
  it('merging a duplicate keeps both authors, moves its links and dots, and removes it', () => {
    const doc = session();
    addRipple(doc, ans, { text: 'Buren kennen elkaar beter', authorName: 'Ans' }, { id: 'orig' });
    setRippleStatus(doc, boss, 'orig', 'accepted');
    addRipple(doc, boss, { text: 'Een buurtapp' }, { id: 'cause' });
    addRipple(
      doc,
      bert,
      { text: 'Buren kennen elkaar', authorName: 'Bert', story: 'Bij de bakker' },
      { id: 'dup' },
    );
    setRippleStatus(doc, boss, 'dup', 'accepted');
    linkRipples(doc, boss, 'cause', 'dup');
    updateMeta(doc, boss, { votingOpen: true });
    castVote(doc, ans, 'dup');

    const merged = mergeRipples(doc, boss, 'dup', 'orig');
    expect(merged.ok).toBe(true);
    expect(readRipple(doc, 'dup')).toBeNull();
    const orig = readRipple(doc, 'orig');
    expect(orig?.authorName).toBe('Ans');
    expect(orig?.coAuthors).toEqual([{ id: 'p-bert', name: 'Bert' }]);
    expect(orig?.story).toBe('Bij de bakker');
    expect(readLinks(doc).map((l) => l.id)).toEqual(['cause->orig']);
    expect(readVotes(doc).map((v) => v.rippleId)).toEqual(['orig']);
    expect(mergeRipples(doc, ans, 'orig', 'cause').ok).toBe(false);
  });

  it('a ripple stored before co-authors existed still reads, with none', () => {
    const doc = session();
    addRipple(doc, boss, { text: 'Oud' }, { id: 'old' });
    // Older versions wrote every field but this one; a new ripple no longer stores an empty list.
    const old = readRipple(doc, 'old');
    if (!old) throw new Error('no ripple');
    const { coAuthors: _none, ...fields } = old;
    roots(doc).ripples.set('old', new Y.Map(Object.entries(fields)));
    expect(roots(doc).ripples.get('old')?.has('story')).toBe(true);
    expect(readRipple(doc, 'old')?.coAuthors).toEqual([]);
  });

  it('a vote opens with its number of dots, closes and is revealed as separate steps', () => {
    const doc = session();
    addRipple(doc, boss, { text: 'Op de kaart' }, { id: 'a' });
    setSessionPhase(doc, boss, 'reflection');
    expect(readMeta(doc).votingOpen).toBe(false);
    expect(openVoting(doc, ans, 2).ok).toBe(false);
    expect(openVoting(doc, boss, 11).ok).toBe(false);
    expect(openVoting(doc, boss, 0).ok).toBe(false);
    expect(openVoting(doc, boss, 2).ok).toBe(true);
    expect(readMeta(doc)).toMatchObject({ votingOpen: true, votesRevealed: false, dotsPerParticipant: 2 });
    expect(castVote(doc, ans, 'a').ok).toBe(true);
    expect(castVote(doc, ans, 'a').ok).toBe(true);
    expect(castVote(doc, ans, 'a')).toMatchObject({ ok: false, error: { kind: 'no-dots-left' } });
    expect(clearVotes(doc, boss).ok).toBe(false);

    expect(closeVoting(doc, boss).ok).toBe(true);
    expect(readMeta(doc)).toMatchObject({ votingOpen: false, votesRevealed: false });
    expect(castVote(doc, ans, 'a')).toMatchObject({ ok: false, error: { kind: 'voting-closed' } });
    expect(revealVotes(doc, ans).ok).toBe(false);
    expect(revealVotes(doc, boss).ok).toBe(true);
    expect(readMeta(doc).votesRevealed).toBe(true);

    // A new round starts hidden again, and can start from no dots at all.
    expect(clearVotes(doc, boss).ok).toBe(true);
    expect(readVotes(doc)).toEqual([]);
    expect(readMeta(doc).votesRevealed).toBe(false);
    openVoting(doc, boss, 3);
    setSessionPhase(doc, boss, 'mapping');
    expect(readMeta(doc).votingOpen).toBe(false);
  });

  it('switching the codebook maps codes or keeps them with the codebook they came from', () => {
    const doc = session();
    addRipple(doc, boss, { text: 'A' }, { id: 'a' });
    addRipple(doc, boss, { text: 'B' }, { id: 'b' });
    addRipple(doc, boss, { text: 'C' }, { id: 'c' });
    editRipple(doc, boss, 'a', { code: 'ownership' });
    editRipple(doc, boss, 'b', { code: 'connection' });
    expect(switchCodebook(doc, ans, 'borging').ok).toBe(false);
    expect(switchCodebook(doc, boss, 'borging', { ownership: 'no_such_code' }).ok).toBe(false);
    expect(readMeta(doc).codebook).toBe('working-elements');

    expect(switchCodebook(doc, boss, 'borging', { ownership: 'key_people' }).ok).toBe(true);
    expect(readMeta(doc).codebook).toBe('borging');
    expect(readRipple(doc, 'a')).toMatchObject({ code: 'key_people', extraCodes: [] });
    expect(readRipple(doc, 'b')).toMatchObject({
      code: null,
      extraCodes: [{ codebook: 'working-elements', code: 'connection' }],
    });
    expect(readRipple(doc, 'c')).toMatchObject({ code: null, extraCodes: [] });
  });

  it('a closed session is read-only for everyone until reopened', () => {
    const doc = session();
    addRipple(doc, boss, { text: 'Op de kaart' }, { id: 'a' });
    addRipple(doc, ans, { text: 'Van Ans' }, { id: 'ans1' });
    openVoting(doc, boss, 3);
    expect(castVote(doc, ans, 'a').ok).toBe(true);

    expect(setSessionPhase(doc, boss, 'closed').ok).toBe(true);
    expect(readMeta(doc)).toMatchObject({ sessionPhase: 'closed', votingOpen: false });
    expect(addRipple(doc, ans, { text: 'Te laat' }).ok).toBe(false);
    expect(editRipple(doc, boss, 'a', { text: 'Anders' }).ok).toBe(false);
    expect(editRipple(doc, ans, 'ans1', { text: 'Anders' }).ok).toBe(false);

    // The server refuses the same changes from a client that skips the commands.
    const edit = (d: Y.Doc) => roots(d).ripples.get('a')?.set('text', 'Anders');
    expect(judge(doc, boss, edit)).toMatchObject({ ok: false, error: { reason: 'forbidden' } });
    const ownEdit = (d: Y.Doc) => roots(d).ripples.get('ans1')?.set('text', 'Anders');
    expect(judge(doc, ans, ownEdit)).toMatchObject({ ok: false, error: { reason: 'forbidden' } });
    expect(judge(doc, boss, (d) => setSessionPhase(d, boss, 'mapping'))).toEqual({ ok: true });

    setSessionPhase(doc, boss, 'mapping');
    expect(editRipple(doc, boss, 'a', { text: 'Anders' }).ok).toBe(true);
  });

  it('moves many ripples in one transaction', () => {
    const doc = session();
    addRipple(doc, boss, { text: 'A' }, { id: 'a' });
    addRipple(doc, boss, { text: 'B' }, { id: 'b' });
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    moveRipples(
      doc,
      boss,
      new Map([
        ['a', { x: 1.4, y: 2 }],
        ['b', { x: 300, y: 0 }],
      ]),
    );
    expect(transactions).toBe(1);
    expect(readRipple(doc, 'a')?.position).toEqual({ x: 1, y: 2 });
  });

  it('an undo manager tracking CommandOrigin undoes only this client’s own changes', () => {
    const mine = session();
    const theirs = new Y.Doc();
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
    const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from), 'network');
    addRipple(mine, boss, { text: 'Gedeeld' }, { id: 'shared' });
    sync(mine, theirs);
    const r = roots(mine);
    const undo = new Y.UndoManager([r.ripples, r.links, r.meta], {
      trackedOrigins: new Set([CommandOrigin]),
      captureTimeout: 0,
    });
    editRipple(mine, boss, 'shared', { text: 'Mijn tekst' });
    addRipple(theirs, boss, { text: 'Van de ander' }, { id: 'other' });
    sync(theirs, mine);
    undo.undo();
    expect(readRipple(mine, 'shared')?.text).toBe('Gedeeld');
    expect(readRipple(mine, 'other')?.text).toBe('Van de ander');
  });
});
