import { describe, expect, it } from 'vitest';
import { type CodedExample, classifyRipple, suggestCode } from '../../../shared/classifier';
import { type Codebook, WORKING_ELEMENTS } from '../../../shared/codebooks';

const look = { label: { nl: 'x', en: 'x' }, description: { nl: 'x', en: 'x' }, pattern: 'solid' as const };
/** A custom codebook whose codes have no keywords at all: only examples can teach it. */
const BARE: Codebook = {
  id: 'bare',
  label: { nl: 'Kaal', en: 'Bare' },
  description: { nl: 'Zonder trefwoorden', en: 'Without keywords' },
  codes: [
    { id: 'food', ...look, color: '#E69F00', keywords: { nl: [], en: [] } },
    { id: 'sport', ...look, color: '#0072B2', keywords: { nl: [], en: [] } },
  ],
};
const EXAMPLES: CodedExample[] = [
  { text: 'Er is een buurtmaaltijd met soep en stamppot', code: 'food' },
  { text: 'Bewoners koken samen een maaltijd voor de straat', code: 'food' },
  { text: 'De moestuin levert groente voor de maaltijd', code: 'food' },
  { text: 'Elke dinsdag voetballen de jongeren op het veld', code: 'sport' },
  { text: 'Ouderen doen mee aan de beweegles in het park', code: 'sport' },
  { text: 'Er is een wandelgroep die elke week traint', code: 'sport' },
];

describe('classifyRipple with the session examples', () => {
  it('suggests codes of a custom codebook without keywords once examples are confirmed', () => {
    const text = 'De maaltijd in het buurthuis was vol';
    expect(classifyRipple(text, BARE).code).toBeNull();
    expect(classifyRipple(text, BARE, EXAMPLES).code).toBe('food');
    expect(classifyRipple('De jongeren voetballen elke dinsdag op het veld', BARE, EXAMPLES).code).toBe(
      'sport',
    );
  });

  it('leaves a ripple unlike every example unclassified', () => {
    expect(classifyRipple('De printer is kapot', BARE, EXAMPLES).code).toBeNull();
  });

  it('keeps suggestCode equal to classifyRipple’s code with examples', () => {
    for (const text of ['De maaltijd was lekker', 'Voetballen op het plein', 'Bewoners regelen het zelf'])
      for (const codebook of [BARE, WORKING_ELEMENTS])
        expect(suggestCode(text, codebook, EXAMPLES)).toBe(classifyRipple(text, codebook, EXAMPLES).code);
  });

  it('ignores examples with codes outside the codebook and malformed ones', () => {
    const junk = [
      { text: 'iets', code: 'no-such-code' },
      { text: 42, code: 'food' },
      null,
    ] as unknown as CodedExample[];
    expect(classifyRipple('De maaltijd was vol', BARE, junk)).toEqual(
      classifyRipple('De maaltijd was vol', BARE),
    );
    expect(() => classifyRipple('x', WORKING_ELEMENTS, 'nope' as unknown as CodedExample[])).not.toThrow();
  });

  it('quotes as evidence only words of the ripple, and no function words', () => {
    const text = 'De bewoners organiseren de koffieochtend nu helemaal zelf';
    for (const ranked of classifyRipple(text).ranked)
      for (const quote of ranked.evidence) {
        expect(text).toContain(quote);
        expect(['De', 'de', 'nu']).not.toContain(quote);
      }
  });
});
