import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NODE_SIZE, ringsLayout } from '../../../shared/layouts';
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
