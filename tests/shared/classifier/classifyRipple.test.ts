import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyRipple, MIN_SCORE, suggestCode } from '../../../shared/classifier';
import { BUILTIN_CODEBOOKS, type Codebook, WORKING_ELEMENTS } from '../../../shared/codebooks';
import { DEV_CORPUS, HELDOUT_CORPUS } from './corpus';

const CORPUS_TEXTS = [...DEV_CORPUS, ...HELDOUT_CORPUS].map((item) => item.text);

/**
 * The working elements as a custom codebook would be read: by their keywords, without the
 * trained model. Keyword matching is what custom codebooks get and what the model reads as
 * its lexicon features, so its morphology is pinned on this copy.
 */
const KEYWORDS_ONLY: Codebook = { ...WORKING_ELEMENTS, id: 'working-elements-keywords' };

/** Texts that have broken tokenisers before: empty, huge, emoji, markup, odd Unicode. */
const NASTY = [
  '',
  ' ',
  '\n\t',
  '🎉🎉🎉',
  'Wensen 👍🏽 opgehaald 🏘️',
  '<script>alert("wensen")</script>',
  '<b>inloopochtend</b>&nbsp;in het buurthuis',
  '\u0000\uFFFF\uD800',
  'e\u0301e\u0301n visie',
  "''''---'''",
  'ⅷ ﬁ ß İstanbul ΣΑΣ',
  'wensen '.repeat(50_000),
  'x'.repeat(200_000),
];

function assertEvidenceInText(text: string, codebook?: Codebook): void {
  const result = classifyRipple(text, codebook);
  for (const ranked of result.ranked)
    for (const quote of ranked.evidence) expect(text.includes(quote)).toBe(true);
}

describe('classifyRipple', () => {
  it('quotes only evidence that occurs in the text, for corpus texts and every codebook', () => {
    for (const codebook of BUILTIN_CODEBOOKS)
      for (const text of CORPUS_TEXTS) assertEvidenceInText(text, codebook);
  });

  it('quotes only evidence that occurs in the text, for random texts', () => {
    const words = [
      'wensen',
      'Ideeën',
      'inloopochtendje',
      'VISIE',
      'deur',
      'aan',
      'in',
      'kaart',
      'trust',
      'met',
    ];
    const mixed = fc
      .array(fc.oneof(fc.constantFrom(...words), fc.string(), fc.string({ unit: 'grapheme' })), {
        maxLength: 30,
      })
      .map((parts) => parts.join(' '));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), mixed), (text) => {
        assertEvidenceInText(text);
      }),
      { numRuns: 500, seed: 20_260_401 },
    );
  });

  it('never throws, on nasty input either', () => {
    for (const text of NASTY) expect(() => classifyRipple(text)).not.toThrow();
    expect(() => classifyRipple(undefined as unknown as string)).not.toThrow();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
        classifyRipple(text);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('leaves empty and contentless texts unclassified', () => {
    for (const text of ['', '🎉🎉🎉', '   ', '12345']) expect(classifyRipple(text).code).toBeNull();
  });

  it('gives the same result for the same input', () => {
    for (const text of [...CORPUS_TEXTS, ...NASTY.slice(0, 11)]) {
      expect(classifyRipple(text)).toEqual(classifyRipple(text));
    }
  });

  it('ranks every code of the codebook exactly once, best first', () => {
    for (const codebook of BUILTIN_CODEBOOKS) {
      for (const text of CORPUS_TEXTS.slice(0, 60)) {
        const { ranked } = classifyRipple(text, codebook);
        expect(ranked.map((r) => r.code).sort()).toEqual(codebook.codes.map((code) => code.id).sort());
        for (let i = 1; i < ranked.length; i++) {
          expect((ranked[i - 1] as { score: number }).score).toBeGreaterThanOrEqual(
            (ranked[i] as { score: number }).score,
          );
        }
      }
    }
  });

  it('breaks ties by codebook order', () => {
    const { ranked } = classifyRipple('het regende', KEYWORDS_ONLY);
    expect(ranked.map((r) => r.code)).toEqual(WORKING_ELEMENTS.codes.map((code) => code.id));
  });

  it('suggests only the best-ranked code, and only with a probability of at least a third', () => {
    for (const codebook of BUILTIN_CODEBOOKS) {
      for (const text of CORPUS_TEXTS) {
        const { code, ranked } = classifyRipple(text, codebook);
        if (code === null) continue;
        expect(code).toBe(ranked[0]?.code);
        expect(ranked[0]?.score).toBeGreaterThanOrEqual(0.33);
      }
    }
  });

  it('reads a custom codebook by its keywords: a suggestion exactly when the best keyword score reaches MIN_SCORE', () => {
    expect(classifyRipple('Bewonersenquête rondgestuurd', KEYWORDS_ONLY).code).toBe('needs');
    expect(classifyRipple('De huisarts schuift aan bij de inloopochtend', KEYWORDS_ONLY).code).toBe(
      'connection',
    );
    // One keyword shared by two codes weighs half: below MIN_SCORE.
    expect(MIN_SCORE).toBeGreaterThan(0.5);
    expect(classifyRipple('het regende', KEYWORDS_ONLY).code).toBeNull();
  });

  it('classifies with a custom codebook of three codes by their keywords', () => {
    const look = {
      label: { nl: 'x', en: 'x' },
      description: { nl: 'x', en: 'x' },
      pattern: 'solid' as const,
    };
    const custom: Codebook = {
      id: 'mobility',
      label: { nl: 'Mobiliteit', en: 'Mobility' },
      description: { nl: 'Vervoer in de regio', en: 'Transport in the region' },
      codes: [
        {
          id: 'bus',
          ...look,
          color: '#E69F00',
          keywords: { nl: ['buurtbus', 'bushalte'], en: ['bus stop'] },
        },
        { id: 'bike', ...look, color: '#0072B2', keywords: { nl: ['fiets', 'duofiets'], en: ['bicycle'] } },
        {
          id: 'lift',
          ...look,
          color: '#009E73',
          keywords: { nl: ['meerijden', 'rijdienst'], en: ['car pool', 'lift'] },
        },
      ],
    };
    expect(classifyRipple('De buurtbus rijdt nu ook op zondag', custom).code).toBe('bus');
    expect(classifyRipple('Twee nieuwe duofietsen voor het verzorgingshuis', custom).code).toBe('bike');
    expect(
      classifyRipple('Vrijwilligers van de rijdienst brengen ouderen naar de huisarts', custom).code,
    ).toBe('lift');
    expect(classifyRipple('New bus stop near the health centre', custom).code).toBe('bus');
    expect(classifyRipple('Het regende de hele dag', custom).code).toBeNull();
  });

  it.each([
    // Dutch morphology: plurals, diminutives, verb forms, participles, compounds
    ['De gesprekjes over wensen gingen goed', 'needs', 'wensen'],
    ['We hebben goed geluisterd naar de buurt', 'needs', 'geluisterd'],
    ['Bewonersenquête rondgestuurd', 'needs', 'Bewonersenquête'],
    ['De huisarts schuift aan bij de inloopochtend', 'connection', 'inloopochtend'],
    ['Een nieuwe buurthuiskamer in de flat', 'connection', 'buurthuiskamer'],
    ['Marktkraampjes van alle partners', 'connection', 'Marktkraampjes'],
    ['Successen gevierd met de vrijwilligers', 'connection', 'gevierd'],
    ['De aanpak is bijgesteld na de eerste keer', 'flexibility', 'bijgesteld'],
    ['Het plan hebben we losgelaten', 'flexibility', 'losgelaten'],
    // Phrases split by Dutch word order
    ['We brachten de behoeften van ouderen in kaart', 'needs', 'in kaart'],
    // Missing diacritics and typos
    ['Alle ideeen verzameld op een groot vel', 'needs', 'ideeen verzameld'],
    ['enquette gehouden bij de huisarts', 'needs', 'enquette'],
    ['Het vertrouwn tussen bewoners en gemeente groeit', 'ownership', 'vertrouwn'],
    ['Most residents filled in the questionaire', 'needs', 'questionaire'],
    // English
    ['Residents took ownership of the garden', 'ownership', 'ownership'],
    ['We adapted the plan to their pace', 'flexibility', 'adapted'],
  ])('reads %j by its keywords as %s, quoting %j', (text, code, quote) => {
    const result = classifyRipple(text, KEYWORDS_ONLY);
    expect(result.code).toBe(code);
    expect(result.ranked[0]?.evidence).toContain(quote);
  });

  it('does not read Dutch function words as English keywords ("met", "door")', () => {
    expect(classifyRipple('Ik ging met de fiets door de regen', KEYWORDS_ONLY).code).toBeNull();
    expect(classifyRipple('Ik ging met de fiets door de regen').code).toBeNull();
  });

  it('suggests a valence from clear evaluative words only', () => {
    expect(classifyRipple('Mensen voelen zich minder eenzaam').valence).toBe('positive');
    expect(classifyRipple('De werving is helaas mislukt').valence).toBe('negative');
    expect(classifyRipple('Trots op de markt, maar de opkomst was teleurstellend').valence).toBe('mixed');
    expect(classifyRipple('De markt was op dinsdag').valence).toBeNull();
  });
});

describe('suggestCode', () => {
  it("is classifyRipple's code, for corpus texts and every codebook", () => {
    for (const codebook of BUILTIN_CODEBOOKS)
      for (const text of CORPUS_TEXTS)
        expect(suggestCode(text, codebook)).toBe(classifyRipple(text, codebook).code);
  });

  it("is classifyRipple's code, for random and nasty texts", () => {
    for (const text of NASTY) expect(suggestCode(text)).toBe(classifyRipple(text).code);
    const words = ['wensen', 'ideeën', 'visie', 'eigenaarschap', 'ontmoeten', 'aangepast', 'trust', 'door'];
    const mixed = fc
      .array(fc.oneof(fc.constantFrom(...words), fc.string()), { maxLength: 20 })
      .map((parts) => parts.join(' '));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), mixed), (text) => {
        expect(suggestCode(text)).toBe(classifyRipple(text).code);
      }),
      { numRuns: 500, seed: 20_261_206 },
    );
  });
});
