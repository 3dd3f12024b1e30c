import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_RING_DEPTH,
  labelWidth,
  NODE_SIZE,
  rectsOverlap,
  ringsIn,
  ringsLayout,
} from '../../../shared/layouts';
import type { Position } from '../../../shared/model/ripple';
import { arbitraryRipples, CODES, firstOverlap, ripple } from './builders';

const polar = (p: Position) => {
  const x = p.x + NODE_SIZE.width / 2;
  const y = p.y + NODE_SIZE.height / 2;
  const angle = (Math.atan2(x, -y) + 2 * Math.PI) % (2 * Math.PI);
  return { radius: Math.hypot(x, y), angle };
};

describe('ringsLayout', () => {
  it('puts first-order ripples on the inner ring and later orders further out', () => {
    const { positions, rings } = ringsLayout(
      [
        ripple('a', { order: 1 }),
        ripple('b', { order: 2 }),
        ripple('c', { order: 3 }),
        ripple('d', { order: 7 }),
      ],
      CODES,
    );
    const r = (id: string) => polar(positions.get(id) as Position).radius;
    expect(r('a')).toBeLessThan(r('b'));
    expect(r('b')).toBeLessThan(r('c'));
    expect(rings.map((ring) => ring.order)).toEqual([1, 2, 3]);
    for (const [id, order] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 3],
    ] as const) {
      const ring = rings[order - 1];
      expect(r(id)).toBeGreaterThan(ring?.inner ?? Number.NaN);
      expect(r(id)).toBeLessThan(ring?.outer ?? Number.NaN);
    }
  });

  it('puts each ripple in the sector of its code, uncoded ones in their own sector', () => {
    const ripples = CODES.flatMap((code) => [1, 2, 3].map((n) => ripple(`${code}-${n}`, { code, order: n })));
    ripples.push(ripple('uncoded', { code: null }));
    const { positions, sectors } = ringsLayout(ripples, CODES);
    expect(sectors.map((s) => s.code)).toEqual([...CODES, 'none']);
    for (const r of ripples) {
      const sector = sectors.find((s) => s.code === (r.code ?? 'none'));
      const { angle } = polar(positions.get(r.id) as Position);
      expect(angle).toBeGreaterThan(sector?.start ?? Number.NaN);
      expect(angle).toBeLessThan(sector?.end ?? Number.NaN);
    }
  });

  it('never lets two cards overlap, and keeps order and sector (property)', () => {
    fc.assert(
      fc.property(arbitraryRipples, (ripples) => {
        const { positions, rings, sectors } = ringsLayout(ripples, CODES);
        expect(positions.size).toBe(ripples.length);
        expect(firstOverlap(positions)).toBeNull();
        for (const r of ripples) {
          const { radius, angle } = polar(positions.get(r.id) as Position);
          const ring = rings[Math.min(r.order, 3) - 1];
          expect(radius).toBeGreaterThan(ring?.inner ?? Number.NaN);
          expect(radius).toBeLessThan(ring?.outer ?? Number.NaN);
          const code = r.code && CODES.includes(r.code) ? r.code : 'none';
          const sector = sectors.find((s) => s.code === code);
          expect(angle).toBeGreaterThanOrEqual(sector?.start ?? Number.NaN);
          expect(angle).toBeLessThanOrEqual(sector?.end ?? Number.NaN);
        }
      }),
      { numRuns: 150 },
    );
  });
});

const cornersOf = (p: Position) => [
  [p.x, p.y],
  [p.x + NODE_SIZE.width, p.y],
  [p.x, p.y + NODE_SIZE.height],
  [p.x + NODE_SIZE.width, p.y + NODE_SIZE.height],
];
const angleOf = (x: number, y: number) => (Math.atan2(x, -y) + 2 * Math.PI) % (2 * Math.PI);

describe('ringsLayout: the picture', () => {
  it('keeps every card wholly inside its ring and its sector, so none crosses a line (property)', () => {
    fc.assert(
      fc.property(arbitraryRipples, (ripples) => {
        const { positions, rings, sectors } = ringsLayout(ripples, CODES);
        for (const r of ripples) {
          const ring = rings[Math.min(r.order, 3) - 1];
          const code = r.code && CODES.includes(r.code) ? r.code : 'none';
          const sector = sectors.find((s) => s.code === code);
          for (const [x, y] of cornersOf(positions.get(r.id) as Position)) {
            expect(Math.hypot(x as number, y as number)).toBeLessThanOrEqual((ring?.outer ?? 0) + 1e-6);
            const angle = angleOf(x as number, y as number);
            // A sector that starts at 12 o'clock holds angles just short of 2π as "just before 0".
            const inSector =
              (angle >= (sector?.start ?? 0) - 1e-9 && angle <= (sector?.end ?? 0) + 1e-9) ||
              (sector?.start === 0 && angle - 2 * Math.PI >= -1e-9);
            expect(inSector).toBe(true);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('draws a ring with no cards thin, so a young map makes a small picture', () => {
    const few = ['a', 'b', 'c', 'd'].map((id, i) => ripple(id, { order: 1, code: CODES[i] ?? null }));
    const { rings } = ringsLayout(few, CODES);
    const [first, second, third] = rings;
    expect((second?.outer ?? 0) - (second?.inner ?? 0)).toBe(EMPTY_RING_DEPTH);
    expect((third?.outer ?? 0) - (third?.inner ?? 0)).toBe(EMPTY_RING_DEPTH);
    // Four first-order cards: one row of cards and two thin rings (it was three rows, 1,384 px).
    expect(third?.outer ?? Number.POSITIVE_INFINITY).toBeLessThan(850);
    expect(first?.outer ?? 0).toBeGreaterThan(first?.inner ?? 0);
  });

  it('sets every sector name clear of the others and of the centre, whatever its length (property)', () => {
    fc.assert(
      fc.property(
        arbitraryRipples,
        fc.array(fc.string({ minLength: 1, maxLength: 30 }), {
          minLength: CODES.length + 1,
          maxLength: CODES.length + 1,
        }),
        (ripples, texts) => {
          const names = new Map([...CODES, 'none'].map((code, i) => [code, texts[i] as string]));
          const { labels, bounds, centreRadius } = ringsLayout(ripples, CODES, { labels: names });
          expect(labels.map((l) => l.code)).toEqual([...CODES, 'none']);
          labels.forEach((label, i) => {
            const { x, y, width, height } = label.box;
            expect(width).toBe(labelWidth(names.get(label.code) ?? ''));
            for (const other of labels.slice(i + 1)) expect(rectsOverlap(label.box, other.box)).toBe(false);
            // Not on the programme's disc, and inside the picture the backdrop draws.
            const dx = Math.max(x, -(x + width), 0);
            const dy = Math.max(y, -(y + height), 0);
            expect(Math.hypot(dx, dy)).toBeGreaterThan(centreRadius);
            expect(x).toBeGreaterThanOrEqual(bounds.x - 1e-6);
            expect(x + width).toBeLessThanOrEqual(bounds.x + bounds.width + 1e-6);
            expect(y).toBeGreaterThanOrEqual(bounds.y - 1e-6);
            expect(y + height).toBeLessThanOrEqual(bounds.y + bounds.height + 1e-6);
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('does not print two neighbouring names at the bottom on top of each other', () => {
    // Many ripples in the first code: the other sectors crowd together at the bottom.
    const ripples = Array.from({ length: 40 }, (_, i) => ripple(`r${i}`, { code: 'needs' }));
    const names = new Map([...CODES, 'none'].map((code) => [code, `Een lange naam voor ${code}`]));
    const { labels } = ringsLayout(ripples, CODES, { labels: names });
    for (let i = 0; i < labels.length; i++) {
      for (const other of labels.slice(i + 1))
        expect(rectsOverlap(labels[i]?.box as never, other.box)).toBe(false);
    }
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'with %i codes, every sector and its name stay apart and inside the picture',
    (n) => {
      const codes = Array.from({ length: n }, (_, i) => `code${i}`);
      const ripples = Array.from({ length: 30 }, (_, i) =>
        ripple(`r${i}`, { code: codes[i % n] as string, order: 1 + (i % 3) }),
      );
      const names = new Map(
        [...codes, 'none'].map((code) => [code, `Eigenaarschap en verantwoordelijkheid ${code}`]),
      );
      const { labels, sectors, bounds } = ringsLayout(ripples, codes, { labels: names });
      expect(sectors).toHaveLength(n + 1);
      for (const [i, label] of labels.entries()) {
        for (const other of labels.slice(i + 1)) expect(rectsOverlap(label.box, other.box)).toBe(false);
        expect(label.box.x).toBeGreaterThanOrEqual(bounds.x - 1e-6);
        expect(label.box.x + label.box.width).toBeLessThanOrEqual(bounds.x + bounds.width + 1e-6);
      }
    },
  );
});

describe('ringsIn', () => {
  const result = ringsLayout(
    [ripple('a', { order: 1 }), ripple('b', { order: 2 }), ripple('c', { order: 3 })],
    CODES,
  );
  const [one, two, three] = result.rings as [
    (typeof result.rings)[number],
    (typeof result.rings)[number],
    (typeof result.rings)[number],
  ];
  const square = (x: number, y: number, size = 10) => ({ x, y, width: size, height: size });

  it('names the ring a small rectangle lies in, the gap inside a ring counting as that ring', () => {
    expect(ringsIn(result, square((one.inner + one.outer) / 2, -5))).toEqual([1]);
    expect(ringsIn(result, square(0, -(two.outer - 20)))).toEqual([2]);
    // Between the first and the second ring: the second ring's disc is drawn there.
    expect(ringsIn(result, square(0, -(one.outer + two.inner) / 2 - 1, 2))).toEqual([2]);
    expect(ringsIn(result, square(three.outer - 20, 0))).toEqual([3]);
  });

  it('names every ring a rectangle across the picture crosses, and none for one beyond it or on the programme', () => {
    expect(ringsIn(result, { x: 0, y: -5, width: three.outer, height: 10 })).toEqual([1, 2, 3]);
    expect(ringsIn(result, { x: 0, y: -5, width: two.inner + 10, height: 10 })).toEqual([1, 2]);
    expect(ringsIn(result, square(three.outer + 50, three.outer + 50))).toEqual([]);
    expect(ringsIn(result, square(-20, -20, 40))).toEqual([]);
  });
});
