import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CARD_TEXT_WIDTH,
  cardHeight,
  freeLayout,
  lineCount,
  NODE_SIZE,
  ringsLayout,
  timelineLayout,
} from '../../../shared/layouts';
import { arbitraryHeights, arbitraryRipples, CODES, firstOverlap } from './builders';

const META = { spanStart: '2023-01', spanEnd: '2025-12', phases: [], createdAt: Date.UTC(2025, 0, 1) };
const withHeights = arbitraryRipples.chain((ripples) =>
  arbitraryHeights(ripples.map((r) => r.id)).map((heights) => ({ ripples, heights })),
);

describe('cards sized to their text', () => {
  it('keeps a short ripple on the standard card and grows a long one line by line', () => {
    const short = cardHeight({ text: 'Kort.', chips: [{ text: '1e orde' }], author: null, origin: null });
    expect(short).toBe(NODE_SIZE.height);
    const long = 'De dorpsondersteuner heeft nu structurele financiering van de gemeente gekregen. '.repeat(
      6,
    );
    const tall = cardHeight({ text: long, chips: [{ text: '1e orde' }], author: 'Anouk', origin: null });
    expect(tall).toBeGreaterThan(400);
    expect(tall).toBeLessThan(700);
  });

  it('counts a word longer than a line as several lines', () => {
    expect(lineCount('x'.repeat(200), 19.2, CARD_TEXT_WIDTH)).toBeGreaterThan(5);
    expect(lineCount('een twee', 19.2, CARD_TEXT_WIDTH)).toBe(1);
  });

  it('makes a card taller when its code name or author line wraps', () => {
    const base = { text: 'Bewoners beslissen mee.', author: null, origin: null };
    const one = cardHeight({ ...base, chips: [{ text: '1e orde' }, { text: 'Visie' }] });
    const wrapped = cardHeight({
      ...base,
      chips: [
        { text: '1e orde' },
        { text: 'Eigenaarschap en verantwoordelijkheid vergroten' },
        { text: 'onbedoeld' },
        { text: 'Financiële duurzaamheid', extraWidth: 14 },
      ],
      author: 'Anouk van der Berg-Hoogeveen +3 andere',
    });
    expect(wrapped).toBeGreaterThan(one);
  });
});

describe('layouts place cards by their height', () => {
  it('free: no two cards of any heights overlap (property)', () => {
    fc.assert(
      fc.property(withHeights, ({ ripples, heights }) => {
        expect(firstOverlap(freeLayout(ripples, heights), heights)).toBeNull();
      }),
      { numRuns: 150 },
    );
  });

  it('timeline: no two cards of any heights overlap (property)', () => {
    fc.assert(
      fc.property(withHeights, ({ ripples, heights }) => {
        const { positions } = timelineLayout(ripples, META, { lanes: 'code', codeIds: CODES, heights });
        expect(firstOverlap(positions, heights)).toBeNull();
      }),
      { numRuns: 150 },
    );
  });

  it('rings: no two cards of any heights overlap (property)', () => {
    fc.assert(
      fc.property(withHeights, ({ ripples, heights }) => {
        const { positions } = ringsLayout(ripples, CODES, { heights });
        expect(firstOverlap(positions, heights)).toBeNull();
      }),
      { numRuns: 150 },
    );
  });
});
