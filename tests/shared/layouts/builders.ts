import fc from 'fast-check';
import type { LayoutRipple } from '../../../shared/layouts';
import { NODE_SIZE, rectsOverlap } from '../../../shared/layouts';
import type { Position } from '../../../shared/model/ripple';

/** A ripple as the layouts see it, with sensible defaults. */
export function ripple(id: string, fields: Partial<LayoutRipple> = {}): LayoutRipple {
  return {
    id,
    when: null,
    order: 1,
    code: null,
    intended: 'unknown',
    kind: 'effect',
    position: null,
    ...fields,
  };
}

export const CODES = ['needs', 'vision', 'ownership', 'connection', 'flexibility'];

/** Random ripples: any order, code, intendedness, date (or none), kind and stored position. */
export const arbitraryRipples = fc
  .array(
    fc.record({
      order: fc.integer({ min: 1, max: 6 }),
      code: fc.option(fc.constantFrom(...CODES, 'unknown-code')),
      intended: fc.constantFrom('intended', 'unintended', 'unknown' as const),
      kind: fc.constantFrom('effect', 'activity' as const),
      month: fc.option(fc.integer({ min: 0, max: 35 })),
      day: fc.option(fc.integer({ min: 1, max: 28 })),
      position: fc.option(
        fc.record({ x: fc.integer({ min: -3000, max: 3000 }), y: fc.integer({ min: -3000, max: 3000 }) }),
      ),
    }),
    { maxLength: 120 },
  )
  .map((items) =>
    items.map((item, i): LayoutRipple => {
      const month =
        item.month === null
          ? null
          : `${2023 + Math.floor(item.month / 12)}-${String((item.month % 12) + 1).padStart(2, '0')}`;
      return ripple(`r${String(i).padStart(3, '0')}`, {
        order: item.order,
        code: item.code,
        intended: item.intended,
        kind: item.kind,
        position: item.position,
        when:
          month === null
            ? null
            : item.day === null
              ? { kind: 'month', value: month }
              : { kind: 'date', value: `${month}-${String(item.day).padStart(2, '0')}` },
      });
    }),
  );

/** The first pair of cards that overlap, or null. */
export function firstOverlap(positions: ReadonlyMap<string, Position>): [string, string] | null {
  const list = [...positions];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const [a, pa] = list[i] as [string, Position];
      const [b, pb] = list[j] as [string, Position];
      if (rectsOverlap({ ...pa, ...NODE_SIZE }, { ...pb, ...NODE_SIZE })) return [a, b];
    }
  }
  return null;
}
