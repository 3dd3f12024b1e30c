import fc from 'fast-check';
import type { LayoutRipple } from '../../../shared/layouts';
import { heightOf, NODE_SIZE, rectsOverlap } from '../../../shared/layouts';
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

/** The first pair of cards that overlap, or null; a card is as tall as `heights` says. */
export function firstOverlap(
  positions: ReadonlyMap<string, Position>,
  heights?: ReadonlyMap<string, number>,
): [string, string] | null {
  const list = [...positions];
  const rect = (id: string, p: Position) => ({ ...p, width: NODE_SIZE.width, height: heightOf(heights, id) });
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const [a, pa] = list[i] as [string, Position];
      const [b, pb] = list[j] as [string, Position];
      if (rectsOverlap(rect(a, pa), rect(b, pb))) return [a, b];
    }
  }
  return null;
}

/** Random card heights for some of `ripples` (as cardSize.ts gives: 168 up to about 600). */
export const arbitraryHeights = (ids: readonly string[]) =>
  fc
    .array(fc.option(fc.integer({ min: 168, max: 620 })), { minLength: ids.length, maxLength: ids.length })
    .map((hs) => {
      const heights = new Map<string, number>();
      hs.forEach((h, i) => {
        if (h !== null) heights.set(ids[i] as string, h);
      });
      return heights;
    });
