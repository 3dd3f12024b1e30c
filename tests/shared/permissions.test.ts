import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addRipple,
  castVote,
  editRipple,
  initSession,
  setRippleStatus,
  updateMeta,
  withdrawRipple,
} from '../../shared/doc/commands';
import { roots } from '../../shared/doc/schema';
import type { Actor } from '../../shared/model/ripple';
import { judge } from '../helpers/judge';
import { ans, bert, boss } from '../helpers/people';

function board() {
  const doc = new Y.Doc();
  initSession(doc, { title: 'Sessie' });
  addRipple(doc, boss, { text: 'Op de kaart' }, { id: 'onmap' });
  addRipple(doc, ans, { text: 'Van Ans' }, { id: 'ans1' });
  addRipple(doc, bert, { text: 'Van Bert' }, { id: 'bert1' });
  return doc;
}

describe('authorize', () => {
  it.each<[string, Actor, (d: Y.Doc) => void, boolean]>([
    ['a participant adds a ripple of their own', ans, (d) => addRipple(d, ans, { text: 'Nieuw' }), true],
    [
      'a participant edits their own waiting ripple',
      ans,
      (d) => editRipple(d, ans, 'ans1', { text: 'Beter' }),
      true,
    ],
    ['a participant withdraws their own waiting ripple', ans, (d) => withdrawRipple(d, ans, 'ans1'), true],
    [
      'a participant edits another’s ripple',
      ans,
      (d) => roots(d).ripples.get('bert1')?.set('text', 'x'),
      false,
    ],
    [
      'a participant edits a ripple on the map',
      ans,
      (d) => roots(d).ripples.get('onmap')?.set('text', 'x'),
      false,
    ],
    ['a participant accepts a ripple', ans, (d) => setRippleStatus(d, boss, 'ans1', 'accepted'), false],
    [
      'a participant moves a ripple',
      ans,
      (d) => roots(d).ripples.get('ans1')?.set('position', { x: 1, y: 1 }),
      false,
    ],
    ['a participant opens voting', ans, (d) => updateMeta(d, boss, { votingOpen: true }), false],
    ['a participant adds a ripple for someone else', ans, (d) => addRipple(d, bert, { text: 'x' }), false],
    [
      'a participant stores an invalid ripple',
      ans,
      (d) => roots(d).ripples.get('ans1')?.set('intended', 'maybe'),
      false,
    ],
    [
      'a viewer changes anything',
      { role: 'viewer', id: 'viewer' },
      (d) => addRipple(d, boss, { text: 'x' }),
      false,
    ],
    ['the facilitator accepts and codes', boss, (d) => setRippleStatus(d, boss, 'ans1', 'accepted'), true],
    ['the facilitator stores an invalid value', boss, (d) => roots(d).meta.set('layout', 'spiral'), false],
    [
      // A phone's view holds others' ripples as plain values; a session holds maps alone.
      'the facilitator stores a ripple as a plain value',
      boss,
      (d) =>
        d.getMap<unknown>('ripples').set('plain', {
          ...(roots(d).ripples.get('onmap')?.toJSON() ?? {}),
          id: 'plain',
        }),
      false,
    ],
    ['anyone writes an unknown root', boss, (d) => d.getMap('other').set('x', 1), false],
  ])('%s → %s', (_name, actor, change, allowed) => {
    expect(judge(board(), actor, change).ok).toBe(allowed);
  });

  it('lets a participant vote only while voting is open', () => {
    const doc = board();
    expect(judge(doc, ans, (d) => roots(d).votes.set('p-ans:0', 'onmap')).ok).toBe(false);
    updateMeta(doc, boss, { votingOpen: true, dotsPerParticipant: 2 });
    expect(judge(doc, ans, (d) => castVote(d, ans, 'onmap')).ok).toBe(true);
    expect(judge(doc, ans, (d) => roots(d).votes.set('p-bert:0', 'onmap')).ok).toBe(false);
    expect(judge(doc, ans, (d) => roots(d).votes.set('p-ans:5', 'onmap')).ok).toBe(false);
    expect(judge(doc, ans, (d) => roots(d).votes.set('p-ans:0', 'bert1')).ok).toBe(false);
  });

  it('never lets a participant change anything but their own waiting ripples and dots (property)', () => {
    const keys = ['text', 'status', 'code', 'authorId', 'position', 'story', 'suggestedCode'];
    const targets = ['onmap', 'bert1', 'ans1'];
    fc.assert(
      fc.property(
        fc.constantFrom(...targets),
        fc.constantFrom(...keys),
        fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean()),
        (target, key, value) => {
          const verdict = judge(board(), ans, (d) => roots(d).ripples.get(target)?.set(key, value));
          const ownContent = target === 'ans1' && ['text', 'story'].includes(key);
          if (!ownContent) expect(verdict.ok).toBe(false);
          if (ownContent && typeof value === 'string' && value.trim().length > 0 && value.length < 500) {
            expect(verdict.ok).toBe(true);
          }
        },
      ),
      { seed: 20261124, numRuns: 300 },
    );
  });
});
