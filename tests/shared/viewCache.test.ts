import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addRipple, deleteRipple, editRipple, linkRipples, setRippleStatus } from '../../shared/doc/commands';
import { roots } from '../../shared/doc/schema';
import { docToView } from '../../shared/doc/viewModel';
import { boss } from '../helpers/people';

/**
 * `docToView` caches parsed ripples between calls; after any sequence of edits it must show
 * exactly what a fresh copy of the document shows (seeded property test).
 */
describe('the view cache', () => {
  it('never shows a stale ripple', () => {
    const op = fc.record({
      kind: fc.constantFrom('add', 'text', 'status', 'delete', 'link', 'raw', 'position'),
      a: fc.integer({ min: 0, max: 7 }),
      b: fc.integer({ min: 0, max: 7 }),
      text: fc.string({ minLength: 1, maxLength: 20 }).filter((t) => t.trim().length > 0),
    });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), (ops) => {
        const doc = new Y.Doc();
        for (const { kind, a, b, text } of ops) {
          const id = `r${a}`;
          if (kind === 'add') addRipple(doc, boss, { text }, { id });
          if (kind === 'text') editRipple(doc, boss, id, { text });
          if (kind === 'status') setRippleStatus(doc, boss, id, b % 2 ? 'accepted' : 'hidden');
          if (kind === 'delete') deleteRipple(doc, boss, id);
          if (kind === 'link') linkRipples(doc, boss, id, `r${b}`);
          if (kind === 'raw') roots(doc).ripples.get(id)?.set('story', text);
          if (kind === 'position') editRipple(doc, boss, id, { position: { x: a, y: b } });
          docToView(doc); // fill the cache between edits, as screens do
        }
        const fresh = new Y.Doc();
        Y.applyUpdate(fresh, Y.encodeStateAsUpdate(doc));
        expect(docToView(doc)).toEqual(docToView(fresh));
      }),
      { seed: 424242, numRuns: 300 },
    );
  });
});
