import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addRipple, editRipple } from '../../shared/doc/commands';
import { RIPPLE_DEFAULTS } from '../../shared/doc/parse';
import { readRipple } from '../../shared/doc/read';
import { roots } from '../../shared/doc/schema';
import type { Ripple } from '../../shared/model/ripple';
import { judge } from '../helpers/judge';

import { ans, boss, session } from '../helpers/people';

const storedKeys = (doc: Y.Doc, id: string): string[] =>
  [...(roots(doc).ripples.get(id)?.keys() ?? [])].sort();

/** The fields no ripple can do without: what a minimal stored ripple holds. */
const required = {
  id: 'bare',
  text: 'Buren helpen elkaar',
  kind: 'effect',
  authorId: 'p-ans',
  showAuthor: true,
  createdAt: 5,
  updatedAt: 5,
  status: 'pending',
} as const;

/** Every default, spelt out here so a changed default shows up as a failing test. */
const defaults: Omit<Required<Ripple>, keyof typeof required> = {
  story: '',
  authorName: '',
  involved: '',
  when: null,
  intended: 'unknown',
  valence: 'unknown',
  ongoing: 'unknown',
  suggestedCode: null,
  code: null,
  extraCodes: [],
  position: null,
  proposedCauses: [],
  coAuthors: [],
  origin: null,
  interview: null,
};

describe('a ripple stores only the fields that differ from their defaults', () => {
  it('a facilitator’s new ripple stores its own fields and reads back whole', () => {
    const doc = session();
    const added = addRipple(
      doc,
      boss,
      { text: 'Op de kaart', valence: 'positive', position: { x: 10, y: 20 } },
      { id: 'f1', now: 7 },
    );
    expect(storedKeys(doc, 'f1')).toEqual(
      [
        'authorId',
        'createdAt',
        'id',
        'kind',
        'position',
        'showAuthor',
        'status',
        'text',
        'updatedAt',
        'valence',
      ].sort(),
    );
    const expected: Required<Ripple> = {
      ...defaults,
      id: 'f1',
      text: 'Op de kaart',
      kind: 'effect',
      authorId: 'facilitator',
      showAuthor: true,
      createdAt: 7,
      updatedAt: 7,
      status: 'accepted',
      valence: 'positive',
      position: { x: 10, y: 20 },
    };
    expect(readRipple(doc, 'f1')).toEqual(expected);
    expect(added.ok && added.value).toEqual(expected);
  });

  it('a participant’s new ripple stores its own fields and reads back whole', () => {
    const doc = session();
    addRipple(
      doc,
      ans,
      { text: 'Meer mensen op de koffieochtend', story: 'Bij de bakker', proposedCauses: ['x'] },
      { id: 'p1', now: 8 },
    );
    expect(storedKeys(doc, 'p1')).toEqual(
      [
        'authorId',
        'createdAt',
        'id',
        'kind',
        'proposedCauses',
        'showAuthor',
        'status',
        'story',
        'text',
        'updatedAt',
      ].sort(),
    );
    expect(readRipple(doc, 'p1')).toEqual({
      ...defaults,
      id: 'p1',
      text: 'Meer mensen op de koffieochtend',
      story: 'Bij de bakker',
      kind: 'effect',
      authorId: 'p-ans',
      showAuthor: true,
      createdAt: 8,
      updatedAt: 8,
      status: 'pending',
      proposedCauses: ['x'],
    });
  });

  it('an edit that sets a missing field to its default writes no key for it', () => {
    const doc = session();
    addRipple(doc, ans, { text: 'Eerste versie' }, { id: 'p1' });
    expect(editRipple(doc, ans, 'p1', { text: 'Tweede versie', involved: '', when: null }).ok).toBe(true);
    expect(storedKeys(doc, 'p1')).not.toContain('involved');
    expect(storedKeys(doc, 'p1')).not.toContain('when');
    expect(readRipple(doc, 'p1')?.text).toBe('Tweede versie');
  });

  it('a stored ripple without its default fields (as another client may write it) reads as those defaults', () => {
    const doc = session();
    roots(doc).ripples.set('bare', new Y.Map<unknown>(Object.entries(required)));
    roots(doc).ripples.set('bare2', new Y.Map<unknown>(Object.entries({ ...required, id: 'bare2' })));
    const bare = readRipple(doc, 'bare');
    expect(bare).toEqual({ ...required, ...defaults });
    expect(RIPPLE_DEFAULTS).toEqual(defaults);
    // Each parsed ripple has arrays of its own: changing one changes no other ripple.
    const other = readRipple(doc, 'bare2');
    expect(other?.extraCodes).not.toBe(bare?.extraCodes);
    expect(other?.proposedCauses).not.toBe(bare?.proposedCauses);
    expect(other?.coAuthors).not.toBe(bare?.coAuthors);
    bare?.proposedCauses.push('x');
    expect(readRipple(doc, 'bare2')?.proposedCauses).toEqual([]);
    expect(RIPPLE_DEFAULTS.proposedCauses).toEqual([]);
  });
});

describe('permissions judge a missing key as its default', () => {
  // Valid values, so a refusal can only be about who may set the field.
  it.each<[string, unknown]>([
    ['code', 'needs'],
    ['suggestedCode', 'needs'],
    ['extraCodes', [{ codebook: 'borging', code: 'funding' }]],
    ['position', { x: 1, y: 1 }],
    ['coAuthors', [{ id: 'p-bert', name: 'Bert' }]],
  ])('a participant adding %s to their own waiting ripple afterwards is refused', (key, value) => {
    const doc = session();
    addRipple(doc, ans, { text: 'Van Ans' }, { id: 'ans1' });
    expect(roots(doc).ripples.get('ans1')?.has(key)).toBe(false);
    const verdict = judge(doc, ans, (d) => roots(d).ripples.get('ans1')?.set(key, value));
    expect(verdict).toMatchObject({ ok: false, error: { reason: 'forbidden' } });
  });

  it('a participant adding a content field to their own waiting ripple afterwards is allowed', () => {
    const doc = session();
    addRipple(doc, ans, { text: 'Van Ans' }, { id: 'ans1' });
    expect(roots(doc).ripples.get('ans1')?.has('story')).toBe(false);
    expect(judge(doc, ans, (d) => roots(d).ripples.get('ans1')?.set('story', 'Bij de bakker'))).toEqual({
      ok: true,
    });
  });

  it('a participant removing a code the facilitator gave their waiting ripple is refused', () => {
    const doc = session();
    addRipple(doc, ans, { text: 'Van Ans' }, { id: 'ans1' });
    editRipple(doc, boss, 'ans1', { code: 'needs' });
    expect(readRipple(doc, 'ans1')).toMatchObject({ status: 'pending', code: 'needs' });
    const verdict = judge(doc, ans, (d) => roots(d).ripples.get('ans1')?.delete('code'));
    expect(verdict).toMatchObject({ ok: false, error: { reason: 'forbidden' } });
  });

  it('a participant cannot create a ripple that is already placed on the map', () => {
    const placed = { ...required, id: 'placed', position: { x: 1, y: 1 } };
    const verdict = judge(session(), ans, (d) =>
      roots(d).ripples.set('placed', new Y.Map<unknown>(Object.entries(placed))),
    );
    expect(verdict).toMatchObject({ ok: false, error: { reason: 'forbidden' } });
  });

  it('a crafted new ripple gets the same verdict whether its defaults are left out or written (property)', () => {
    const fields = Object.keys(defaults) as (keyof typeof defaults)[];
    const doc = session();
    fc.assert(
      fc.property(
        fc.subarray(fields),
        fc.record({
          status: fc.constantFrom('pending', 'accepted'),
          code: fc.constantFrom(null, 'needs'),
          position: fc.constantFrom(null, { x: 1, y: 2 }),
        }),
        (omitted, overrides) => {
          const full: Record<string, unknown> = { ...required, ...defaults, id: 'crafted' };
          for (const [key, value] of Object.entries(overrides)) full[key] = value;
          // Only a key that holds its default may be left out: that is what "sparse" means.
          const leftOut = omitted.filter(
            (key) => JSON.stringify(full[key]) === JSON.stringify(defaults[key]),
          );
          const sparse = Object.fromEntries(
            Object.entries(full).filter(([key]) => !(leftOut as string[]).includes(key)),
          );
          const verdictOf = (fieldsToStore: Record<string, unknown>) =>
            judge(doc, ans, (d) =>
              roots(d).ripples.set('crafted', new Y.Map<unknown>(Object.entries(fieldsToStore))),
            ).ok;
          const allowed = verdictOf(full);
          expect(verdictOf(sparse)).toBe(allowed);
          const harmless =
            overrides.status === 'pending' && overrides.code === null && overrides.position === null;
          expect(allowed).toBe(harmless);
        },
      ),
      { seed: 20260501, numRuns: 150 },
    );
  });
});
