import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCodebook } from '../../shared/codebooks';
import { parseLink, parseMeta, parseRipple } from '../../shared/doc/parse';
import { DEFAULT_META } from '../../shared/doc/read';
import type { Ripple } from '../../shared/model/ripple';

const validRipple: Ripple = {
  id: 'r1',
  text: 'Buren helpen elkaar',
  story: '',
  kind: 'effect',
  authorId: 'p-1',
  authorName: '',
  showAuthor: true,
  involved: '',
  createdAt: 1,
  updatedAt: 1,
  when: null,
  intended: 'unknown',
  valence: 'unknown',
  ongoing: 'unknown',
  suggestedCode: null,
  code: null,
  extraCodes: [],
  status: 'pending',
  position: null,
  proposedCauses: [],
};

describe('the document parsers never throw and never let a wrong value through (property)', () => {
  it('any value: a result, never an exception', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        for (const parse of [parseRipple, parseLink, parseMeta]) {
          const result = parse(input);
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
        }
        const codebook = parseCodebook(input);
        expect(typeof codebook.ok).toBe('boolean');
        if (!codebook.ok) expect(codebook.error.message.length).toBeGreaterThan(0);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  it('one field replaced by any value: accepted only when that value is valid for the field', () => {
    const fields = Object.keys(validRipple) as (keyof Ripple)[];
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.anything(), (field, value) => {
        const result = parseRipple({ ...validRipple, [field]: value });
        if (result.ok) {
          // Whatever got through has the right type for the field.
          const parsed = result.value[field];
          if (typeof validRipple[field] === 'string') expect(typeof parsed).toBe('string');
          if (typeof validRipple[field] === 'boolean') expect(typeof parsed).toBe('boolean');
          if (typeof validRipple[field] === 'number') expect(Number.isFinite(parsed)).toBe(true);
        } else {
          expect(result.error.startsWith(field)).toBe(true);
        }
      }),
      { seed: 11, numRuns: 2000 },
    );
  });

  it('an unknown extra key is refused, so a crafted client cannot smuggle data in', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((k) => !(k in validRipple) && k !== '__proto__'),
        fc.anything(),
        (key, value) => {
          expect(parseRipple({ ...validRipple, [key]: value }).ok).toBe(false);
          expect(parseMeta({ ...DEFAULT_META, [key]: value }).ok).toBe(false);
        },
      ),
      { seed: 13, numRuns: 500 },
    );
  });

  it('hostile text is stored as text, unchanged', () => {
    for (const text of [
      '<script>alert(1)</script>',
      '=HYPERLINK("http://x")',
      '<img src=x onerror=alert(1)>',
    ]) {
      const result = parseRipple({ ...validRipple, text });
      expect(result.ok && result.value.text).toBe(text);
    }
  });
});
