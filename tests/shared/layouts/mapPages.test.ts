import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapPages, type PageCard } from '../../../shared/layouts/mapPages';

const WINDOW = { width: 1200, height: 800 };
const card = (id: string, x: number, y: number, group = 'a'): PageCard => ({
  id,
  group,
  x,
  y,
  width: 280,
  height: 240,
});
const whole = (cards: readonly PageCard[]) => {
  const x = Math.min(...cards.map((c) => c.x));
  const y = Math.min(...cards.map((c) => c.y));
  return {
    x,
    y,
    width: Math.max(...cards.map((c) => c.x + c.width)) - x,
    height: Math.max(...cards.map((c) => c.y + c.height)) - y,
  };
};

describe('the map in parts a projector shows at reading size', () => {
  it('is one part framing the whole map when it fits', () => {
    const cards = [card('a', 0, 0), card('b', 400, 0)];
    const pages = mapPages(cards, WINDOW, whole(cards));
    expect(pages).toHaveLength(1);
    expect(pages[0]?.ids).toEqual(['a', 'b']);
  });

  it('takes each group on its own parts, with its name on the first when it fits', () => {
    const cards = [card('a', 0, 0, 'x'), card('b', 3000, 0, 'x'), card('c', 300, 0, 'y')];
    const labels = new Map([['x', { x: 0, y: -100, width: 400, height: 70 }]]);
    const pages = mapPages(cards, WINDOW, whole(cards), labels);
    expect(pages.map((p) => [p.group, p.ids])).toEqual([
      ['x', ['a']],
      ['x', ['b']],
      ['y', ['c']],
    ]);
    expect(pages[0]?.bounds.y).toBe(-100);
  });

  it('holds every card once, each part inside the window (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.integer({ min: -4000, max: 4000 }),
            y: fc.integer({ min: -4000, max: 4000 }),
            g: fc.constantFrom('a', 'b', 'c'),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        (items) => {
          const cards = items.map((it, i) => card(`c${i}`, it.x, it.y, it.g));
          const pages = mapPages(cards, WINDOW, whole(cards));
          const ids = pages.flatMap((p) => p.ids);
          expect(ids.sort()).toEqual(cards.map((c) => c.id).sort());
          if (pages.length > 1)
            for (const p of pages) {
              expect(p.bounds.width).toBeLessThanOrEqual(WINDOW.width);
              expect(p.bounds.height).toBeLessThanOrEqual(WINDOW.height);
              expect(new Set(p.ids.map((id) => cards.find((c) => c.id === id)?.group)).size).toBe(1);
            }
        },
      ),
      { numRuns: 100 },
    );
  });
});
