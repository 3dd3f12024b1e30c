import { describe, expect, it } from 'vitest';
import {
  BUILTIN_CODEBOOKS,
  CODEBOOK_LIMITS,
  type Code,
  type Codebook,
  parseCodebook,
} from '../../../shared/codebooks';

const text = (nl: string, en = nl) => ({ nl, en });

/** A small valid custom codebook; each test breaks one thing. */
function validCodebook(): Codebook {
  return {
    id: 'my-codes',
    label: text('Mijn codes', 'My codes'),
    description: text('Voor deze sessie', 'For this session'),
    codes: [
      {
        id: 'a',
        label: text('Een'),
        description: text('Eerste'),
        color: '#E69F00',
        pattern: 'dots',
        keywords: { nl: ['fiets'], en: ['bike'] },
      },
      {
        id: 'b',
        label: text('Twee'),
        description: text('Tweede'),
        color: '#0072B2',
        pattern: 'stripes',
        keywords: { nl: [], en: [] },
      },
    ],
  };
}

/** The code at `index`; the builder always has two. */
function at(codebook: Codebook, index: number): Code {
  const code = codebook.codes[index];
  if (!code) throw new Error(`no code ${index}`);
  return code;
}

function errorsOf(input: unknown): string[] {
  const result = parseCodebook(input);
  if (result.ok) throw new Error('expected a refusal');
  return result.error.issues.map((issue) => `${issue.path}: ${issue.message}`);
}

describe('parseCodebook', () => {
  it('accepts every built-in codebook unchanged', () => {
    for (const codebook of BUILTIN_CODEBOOKS) {
      const result = parseCodebook(structuredClone(codebook));
      expect(result).toEqual({ ok: true, value: codebook });
    }
  });

  it('accepts a small custom codebook and trims its texts', () => {
    const input = validCodebook();
    at(input, 0).keywords.nl = ['  fiets  '];
    const result = parseCodebook(input);
    expect(result.ok && result.value.codes[0]?.keywords.nl).toEqual(['fiets']);
  });

  it.each<[string, (c: Codebook & Record<string, unknown>) => unknown, string]>([
    ['a missing label', (c) => ({ ...c, label: undefined }), 'label: '],
    ['an empty Dutch code label', (c) => (at(c, 1).label.nl = '   '), 'codes[1].label.nl: must not be empty'],
    [
      'a long English label',
      (c) => (at(c, 0).label.en = 'x'.repeat(61)),
      'codes[0].label.en: must be at most 60',
    ],
    ['an id with capitals', (c) => (at(c, 0).id = 'Needs'), 'codes[0].id: must start with a letter'],
    ['a named colour', (c) => (at(c, 1).color = 'red'), 'codes[1].color: must be a colour like'],
    [
      'an unknown pattern',
      (c) => ((c.codes[0] as { pattern: string }).pattern = 'plaid'),
      'codes[0].pattern: must be one of',
    ],
    [
      'a one-letter keyword',
      (c) => (at(c, 0).keywords.nl = ['fiets', 'x']),
      'codes[0].keywords.nl[1]: must be at least 2',
    ],
    [
      'a long keyword',
      (c) => (at(c, 0).keywords.en = ['y'.repeat(61)]),
      'codes[0].keywords.en[0]: must be at most 60',
    ],
    [
      'a keyword of punctuation',
      (c) => (at(c, 0).keywords.en = ['!!']),
      'codes[0].keywords.en[0]: must contain a letter',
    ],
    [
      'too many keywords',
      (c) => (at(c, 1).keywords.nl = Array.from({ length: 201 }, (_, i) => `woord${i}`)),
      'codes[1]: at most 200 keywords',
    ],
    ['no codes', (c) => (c.codes = []), 'codes: must hold at least one code'],
    [
      'too many codes',
      (c) =>
        (c.codes = Array.from({ length: 13 }, (_, i) => ({
          ...at(c, 0),
          id: `c${i}`,
          color: `#0000${String(i).padStart(2, '0')}`,
        }))),
      'codes: must hold at most 12',
    ],
    ['a duplicate code id', (c) => (at(c, 1).id = 'a'), 'codes[1].id: is used by another code'],
    ['a duplicate colour', (c) => (at(c, 1).color = '#e69f00'), 'codes[1].color: is already the colour'],
    [
      'an unknown field',
      (c) => ((c.codes[0] as unknown as Record<string, unknown>).weight = 2),
      'codes[0].weight: ',
    ],
  ])('refuses %s, naming the field', (_, breakIt, expected) => {
    const input = validCodebook() as Codebook & Record<string, unknown>;
    const replaced = breakIt(input);
    const errors = errorsOf(
      typeof replaced === 'object' && replaced && 'codes' in replaced ? replaced : input,
    );
    expect(
      errors.some((error) => error.startsWith(expected)),
      `${errors.join('\n')}`,
    ).toBe(true);
  });

  it('summarises the first problem as "field: message"', () => {
    const result = parseCodebook({ ...validCodebook(), id: '' });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^id: /) } });
  });

  it('refuses input that is not an object at all', () => {
    for (const input of [null, 42, 'codes', []]) expect(parseCodebook(input).ok).toBe(false);
  });

  it('keeps limits in one place', () => {
    expect(CODEBOOK_LIMITS).toMatchObject({ codes: 12, label: 60, keywordsPerCode: 200, keyword: 60 });
  });
});
