import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyRipple, MIN_SCORE, suggestCode } from '../../../shared/classifier';
import { classifyWith } from '../../../shared/classifier/classifyRipple';
import { BUILTIN_MODELS, type ModelSource } from '../../../shared/classifier/models';
import { BUILTIN_CODEBOOKS, type Codebook, WORKING_ELEMENTS } from '../../../shared/codebooks';
import { DEV_CORPUS, HELDOUT_CORPUS } from './corpus';

const CORPUS_TEXTS = [...DEV_CORPUS, ...HELDOUT_CORPUS].map((item) => item.text);

/**
 * The working elements as a custom codebook no model knows would be read: by their keywords.
 * Keyword matching is what such codebooks get and what the model reads as its lexicon
 * features, so its morphology is pinned here.
 */
const KEYWORDS_SOURCE: ModelSource = { ...BUILTIN_MODELS, model: () => null };
const byKeywords = (text: string) => classifyWith(KEYWORDS_SOURCE, text, WORKING_ELEMENTS);

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
    const { ranked } = byKeywords('het regende');
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
    expect(byKeywords('Bewonersenquête rondgestuurd').code).toBe('needs');
    expect(byKeywords('De huisarts schuift aan bij de inloopochtend').code).toBe('connection');
    // One keyword shared by two codes weighs half: below MIN_SCORE.
    expect(MIN_SCORE).toBeGreaterThan(0.5);
    expect(byKeywords('het regende').code).toBeNull();
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
    const result = byKeywords(text);
    expect(result.code).toBe(code);
    expect(result.ranked[0]?.evidence).toContain(quote);
  });

  it('does not read Dutch function words as English keywords ("met", "door")', () => {
    expect(byKeywords('Ik ging met de fiets door de regen').code).toBeNull();
    expect(classifyRipple('Ik ging met de fiets door de regen').code).toBeNull();
  });

  it('suggests a valence from clear evaluative words only', () => {
    expect(classifyRipple('Mensen voelen zich minder eenzaam').valence).toBe('positive');
    expect(classifyRipple('De werving is helaas mislukt').valence).toBe('negative');
    expect(classifyRipple('Trots op de markt, maar de opkomst was teleurstellend').valence).toBe('mixed');
    expect(classifyRipple('De markt was op dinsdag').valence).toBeNull();
  });
});

describe('an own version of a built-in codebook ("Maak een eigen versie")', () => {
  const look = {
    description: { nl: 'x', en: 'x' },
    color: '#0072B2',
    pattern: 'solid' as const,
  };
  const copy: Codebook = {
    ...WORKING_ELEMENTS,
    id: 'eigen-1',
    codes: WORKING_ELEMENTS.codes.map((code) => ({
      ...code,
      label: { nl: `Eigen ${code.label.nl}`, en: 'Own' },
    })),
  };
  const withCoffee: Codebook = {
    ...copy,
    codes: [
      ...copy.codes,
      {
        id: 'koffie',
        label: { nl: 'Koffie', en: 'Coffee' },
        ...look,
        keywords: { nl: ['koffie', 'thee'], en: [] },
      },
    ],
  };
  const withoutOwnership: Codebook = { ...copy, codes: copy.codes.filter((code) => code.id !== 'ownership') };

  it('keeps the built-in model for the codes it kept, whatever their labels', () => {
    for (const text of CORPUS_TEXTS.slice(0, 200)) {
      const own = classifyRipple(text, copy);
      const builtIn = classifyRipple(text, WORKING_ELEMENTS);
      expect(own.code).toBe(builtIn.code);
      expect(own.ranked).toEqual(builtIn.ranked);
    }
    // What the model knows is more than the keywords do: this ripple has none of them.
    const chair = 'Mevrouw Jansen leidt voortaan zelf de vergadering';
    expect(byKeywords(chair).code).toBeNull();
    expect(classifyRipple(chair, copy).code).toBe('ownership');
  });

  it('suggests an added code from its keywords, quoting them, beside the codes the model knows', () => {
    const coffee = classifyRipple('De koffie was weer lekker sterk', withCoffee);
    expect(coffee.code).toBe('koffie');
    expect(coffee.ranked[0]?.evidence).toEqual(['koffie']);
    expect(coffee.ranked.map((r) => r.code).sort()).toEqual(withCoffee.codes.map((c) => c.id).sort());
    // Without its keyword the new code stays quiet, and the model's codes speak as before.
    const needs = 'We zijn deur-aan-deur gegaan om te vragen wat mensen missen';
    expect(classifyRipple(needs, withCoffee).code).toBe('needs');
    expect(classifyRipple(needs, withCoffee).ranked[0]?.evidence).toEqual(
      classifyRipple(needs).ranked[0]?.evidence,
    );
    expect(classifyRipple('Het regende de hele dag', withCoffee).code).toBeNull();
  });

  it('learns an added code without keywords from the codes the facilitator confirmed', () => {
    const withTransport: Codebook = {
      ...copy,
      codes: [
        ...copy.codes,
        { id: 'vervoer', label: { nl: 'Vervoer', en: 'Transport' }, ...look, keywords: { nl: [], en: [] } },
      ],
    };
    const confirmed = [
      'De buurtbus rijdt nu ook op zondag',
      'Vrijwilligers rijden ouderen met de buurtbus naar de markt',
      'Er komt een extra bushalte bij het gezondheidscentrum',
      'Mensen zonder auto kunnen nu mee met de buurtbus',
      'De rijdienst brengt bewoners naar het ziekenhuis',
      'Dankzij de buurtbus komen ouderen weer naar de soos',
    ].map((text) => ({ text, code: 'vervoer' }));
    const text = 'De buurtbus rijdt voortaan ook naar de bibliotheek';
    expect(classifyRipple(text, withTransport).code).toBeNull();
    expect(classifyRipple(text, withTransport, confirmed).code).toBe('vervoer');
    // Examples of one code do not make an unrelated ripple look like it.
    expect(classifyRipple('Het regende de hele dag', withTransport, confirmed).code).toBeNull();
  });

  it('gives a ripple about a dropped code no suggestion rather than a neighbour of it', () => {
    const text = 'De bewoners organiseren de koffieochtend nu helemaal zelf';
    expect(classifyRipple(text).code).toBe('ownership');
    const result = classifyRipple(text, withoutOwnership);
    expect(result.code).toBeNull();
    expect(result.ranked.map((r) => r.code)).not.toContain('ownership');
    expect(result.ranked).toHaveLength(withoutOwnership.codes.length);
    expect(suggestCode(text, withoutOwnership)).toBeNull();
  });

  it('is read by its keywords once it shares fewer than half its codes with every model', () => {
    const mostlyNew: Codebook = {
      ...copy,
      codes: [
        ...copy.codes.slice(0, 2),
        ...['bus', 'fiets', 'lift'].map((id) => ({
          id,
          label: { nl: id, en: id },
          ...look,
          keywords: { nl: [id], en: [] },
        })),
      ],
    };
    for (const text of [...CORPUS_TEXTS.slice(0, 100), 'De bus rijdt weer']) {
      expect(classifyRipple(text, mostlyNew)).toEqual(classifyWith(KEYWORDS_SOURCE, text, mostlyNew));
    }
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
