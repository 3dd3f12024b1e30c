import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CardHeights,
  freeLayout,
  heightOf,
  NODE_SIZE,
  type Positions,
  ringsLayout,
  timelineLayout,
} from '../../../shared/layouts';
import { INTO, indexCards, type LinkBox, linkEnds, linkPath } from '../../../shared/layouts/linkRoute';
import { arbitraryHeights, arbitraryRipples, CODES } from './builders';

const META = { spanStart: '2023-01', spanEnd: '2025-12', phases: [], createdAt: Date.UTC(2025, 0, 1) };
type Point = { x: number; y: number };

/** Points every few units along a path made of `M x y C …` segments. */
function pointsOf(d: string): Point[] {
  const numbers = (d.match(/-?[\d.]+(e-?\d+)?/g) ?? []).map(Number);
  const points: Point[] = [];
  let x = numbers[0] as number;
  let y = numbers[1] as number;
  for (let i = 2; i + 5 < numbers.length; i += 6) {
    const [c1x, c1y, c2x, c2y, ex, ey] = numbers.slice(i, i + 6) as number[];
    for (let s = 0; s <= 40; s++) {
      const t = s / 40;
      const u = 1 - t;
      points.push({
        x:
          u ** 3 * x +
          3 * u * u * t * (c1x as number) +
          3 * u * t * t * (c2x as number) +
          t ** 3 * (ex as number),
        y:
          u ** 3 * y +
          3 * u * u * t * (c1y as number) +
          3 * u * t * t * (c2y as number) +
          t ** 3 * (ey as number),
      });
    }
    x = ex as number;
    y = ey as number;
  }
  return points;
}

const inside = (p: Point, card: LinkBox, margin = 0) =>
  p.x > card.position.x - margin &&
  p.x < card.position.x + NODE_SIZE.width + margin &&
  p.y > card.position.y - margin &&
  p.y < card.position.y + card.height + margin;

/** What is wrong with the map's lines: a line behind a third card, or behind its own away from its ends. */
function hiddenLines(positions: Positions, heights: CardHeights, links: [string, string][]): string[] {
  const boxes = new Map(
    [...positions].map(([id, position]): [string, LinkBox] => [
      id,
      { position, height: heightOf(heights, id) },
    ]),
  );
  const others = indexCards([...boxes.values()]);
  const wrong: string[] = [];
  for (const [a, b] of links) {
    const from = boxes.get(a) as LinkBox;
    const to = boxes.get(b) as LinkBox;
    const ends = linkEnds(from, to, others);
    const points = pointsOf(linkPath(ends));
    for (const [id, card] of boxes)
      if (card !== from && card !== to && points.some((p) => inside(p, card)))
        wrong.push(`${a}→${b} behind ${id}`);
    // The arrowhead's end runs into the effect from outside it.
    const into = INTO[ends.target];
    const before = { x: ends.tx - into.x * 13, y: ends.ty - into.y * 13 };
    if (inside(before, to)) wrong.push(`${a}→${b}: arrowhead inside its card`);
  }
  return wrong;
}

/** Links from each card to a few of the next ones, as a session grows them. */
const linksFor = (ids: readonly string[], seed: number): [string, string][] => {
  const links: [string, string][] = [];
  let state = seed;
  for (let i = 0; i + 1 < ids.length && links.length < (ids.length * 5) / 4; i++) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = i + 1 + (state % Math.min(8, ids.length - 1 - i));
    links.push([ids[i] as string, ids[j] as string]);
  }
  return links;
};

const maps = arbitraryRipples.chain((ripples) =>
  fc.record({
    ripples: fc.constant(ripples),
    heights: arbitraryHeights(ripples.map((r) => r.id)),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  }),
);

describe('a link is never hidden behind a third card', () => {
  it('free: round any cards in the way (property)', () => {
    fc.assert(
      fc.property(maps, ({ ripples, heights, seed }) => {
        const positions = freeLayout(ripples, heights);
        expect(hiddenLines(positions, heights, linksFor([...positions.keys()], seed))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('timeline: round any cards in the way (property)', () => {
    fc.assert(
      fc.property(maps, ({ ripples, heights, seed }) => {
        const { positions } = timelineLayout(ripples, META, { lanes: 'code', codeIds: CODES, heights });
        expect(hiddenLines(positions, heights, linksFor([...positions.keys()], seed))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('rings: round any cards in the way (property)', () => {
    fc.assert(
      fc.property(maps, ({ ripples, heights, seed }) => {
        const { positions } = ringsLayout(ripples, CODES, { heights });
        expect(hiddenLines(positions, heights, linksFor([...positions.keys()], seed))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('a line between two cards with a third between them goes round it, from the facing sides', () => {
    const cards: LinkBox[] = [
      { position: { x: 0, y: 0 }, height: 168 },
      { position: { x: 340, y: -400 }, height: 1000 },
      { position: { x: 680, y: 0 }, height: 168 },
    ];
    const ends = linkEnds(cards[0] as LinkBox, cards[2] as LinkBox, indexCards(cards));
    expect(ends.via).toBeDefined();
    const points = pointsOf(linkPath(ends));
    expect(points.some((p) => inside(p, cards[1] as LinkBox))).toBe(false);
    // Facing the effect, or over (or under) the card between them.
    expect(['right', 'top', 'bottom']).toContain(ends.source);
    expect(['left', 'top', 'bottom']).toContain(ends.target);
    expect(linkPath(ends)).toMatch(/^M[-\d.]+ [-\d.]+( C[-\d.e ]+)+$/);
  });
});
