import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changesOfTransaction } from '../../shared/doc/changes';
import {
  addRipple,
  deleteRipple,
  editRipple,
  initSession,
  linkRipples,
  setRippleStatus,
  unlinkRipples,
  updateMeta,
  withdrawRipple,
} from '../../shared/doc/commands';
import { PriorState } from '../../shared/doc/priorState';
import { roots } from '../../shared/doc/schema';
import { confirmedExamples } from '../../shared/doc/suggestions';
import { ans, boss } from '../helpers/people';

const ids = ['r0', 'r1', 'r2', 'r3'];
const rippleId = fc.constantFrom(...ids);
const actor = fc.constantFrom(boss, ans);

type Step = (doc: Y.Doc) => void;
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.tuple(actor, rippleId).map(
    ([who, id]): Step =>
      (doc) =>
        addRipple(doc, who, { text: `Rimpel ${id}` }, { id }),
  ),
  fc.tuple(actor, rippleId).map(
    ([who, id]): Step =>
      (doc) =>
        editRipple(doc, who, id, { text: 'Anders' }),
  ),
  fc.tuple(rippleId, fc.constantFrom('ownership', 'connection', null)).map(
    ([id, code]): Step =>
      (doc) =>
        editRipple(doc, boss, id, { code }),
  ),
  fc.tuple(rippleId, fc.constantFrom('accepted', 'pending', 'hidden') as fc.Arbitrary<'accepted'>).map(
    ([id, status]): Step =>
      (doc) =>
        setRippleStatus(doc, boss, id, status),
  ),
  fc.tuple(actor, rippleId).map(
    ([who, id]): Step =>
      (doc) =>
        withdrawRipple(doc, who, id),
  ),
  rippleId.map(
    (id): Step =>
      (doc) =>
        deleteRipple(doc, boss, id),
  ),
  fc.tuple(rippleId, rippleId).map(
    ([a, b]): Step =>
      (doc) =>
        linkRipples(doc, boss, a, b),
  ),
  fc.tuple(rippleId, rippleId).map(
    ([a, b]): Step =>
      (doc) =>
        unlinkRipples(doc, boss, a, b),
  ),
  fc.boolean().map(
    (on): Step =>
      (doc) =>
        updateMeta(doc, boss, { moderation: on, votingOpen: !on }),
  ),
  // Content no command writes: a ripple that does not read as one.
  rippleId.map(
    (id): Step =>
      (doc) =>
        roots(doc).ripples.set(id, new Y.Map([['text', 42]])),
  ),
);

/** Everything PriorState answers, to compare a kept one with one read afresh. */
const answers = (prior: PriorState) => ({
  ripples: ids.map((id) => prior.ripple(id)),
  rippleCount: prior.rippleCount,
  linkCount: prior.linkCount,
  meta: prior.meta,
  examples: sorted(prior.examples()),
});

const sorted = (examples: readonly { text: string; code: string }[]) =>
  [...examples].sort((a, b) => `${a.code} ${a.text}`.localeCompare(`${b.code} ${b.text}`));

describe('PriorState', () => {
  it('kept up to date change by change, it says what a fresh read of the document says', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 40 }), (steps) => {
        const doc = new Y.Doc();
        initSession(doc, { title: 'Sessie' }, 1000);
        const kept = new PriorState(doc);
        doc.on('afterTransaction', (transaction: Y.Transaction) =>
          kept.refresh(changesOfTransaction(doc, transaction)),
        );
        for (const run of steps) {
          run(doc);
          expect(answers(kept)).toEqual(answers(new PriorState(doc)));
          expect(sorted(kept.examples())).toEqual(sorted(confirmedExamples(doc)));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('shows the document as it was until it is refreshed', () => {
    const doc = new Y.Doc();
    initSession(doc, { title: 'Sessie' }, 1000);
    addRipple(doc, ans, { text: 'Van Ans' }, { id: 'r1' });
    const prior = new PriorState(doc);
    setRippleStatus(doc, boss, 'r1', 'accepted');
    updateMeta(doc, boss, { votingOpen: true });
    expect(prior.ripple('r1')).toEqual({ authorId: 'p-ans', status: 'pending' });
    expect(prior.meta.votingOpen).toBe(false);
    expect(prior.ripple('nope')).toBeNull();
  });

  it('gives the confirmed codes as examples: the same list while they stand, the transaction’s own changes included', () => {
    const doc = new Y.Doc();
    initSession(doc, { title: 'Sessie' }, 1000);
    addRipple(doc, boss, { text: 'De bewoners runnen de koffieochtend zelf' }, { id: 'r1' });
    addRipple(doc, boss, { text: 'Nog niet gecodeerd' }, { id: 'r2' });
    const prior = new PriorState(doc);
    doc.on('afterTransaction', (transaction: Y.Transaction) =>
      prior.refresh(changesOfTransaction(doc, transaction)),
    );
    editRipple(doc, boss, 'r1', { code: 'ownership' });
    const examples = prior.examples();
    expect(examples).toEqual([{ text: 'De bewoners runnen de koffieochtend zelf', code: 'ownership' }]);
    addRipple(doc, ans, { text: 'Een nieuwe' }, { id: 'r3' });
    expect(prior.examples()).toBe(examples);
    doc.transact((transaction) => {
      editRipple(doc, boss, 'r2', { code: 'connection' });
      const during = prior.examples(changesOfTransaction(doc, transaction));
      expect(sorted(during)).toEqual(sorted(confirmedExamples(doc)));
      expect(during).toHaveLength(2);
    });
    expect(prior.examples()).not.toBe(examples);
    expect(prior.examples()).toHaveLength(2);
  });
});
