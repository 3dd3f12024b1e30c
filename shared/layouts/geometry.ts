import type { Position } from '../model/ripple';

/**
 * Every ripple card is this wide and at least this tall; a card with more to say is taller
 * (cardSize.ts computes how tall from its words, not from the DOM), and every layout
 * places cards by their height, so "no two cards overlap" is still a property the layout
 * functions guarantee (and the tests check). The card's CSS (client/canvas/canvas.css)
 * uses the same numbers.
 */
export const NODE_SIZE = { width: 280, height: 168 } as const;

/** Each card's height when it is taller than NODE_SIZE.height (cardSize.ts), by ripple id. */
export type CardHeights = ReadonlyMap<string, number>;

/** A card's height: its own, or the standard one. */
export const heightOf = (heights: CardHeights | undefined, id: string): number =>
  heights?.get(id) ?? NODE_SIZE.height;
/** Space between neighbouring cards: enough for a visible arrow. */
export const NODE_GAP = 28;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** True when two rectangles share interior area (touching edges do not count). */
export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The smallest rectangle holding both. */
export function rectUnion(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

const cellKey = (cx: number, cy: number) => `${cx},${cy}`;

/**
 * Moves cards down just far enough that none overlaps one placed before it (in the given
 * order), keeping a gap. Deterministic; cards that already sit free do not move. A spatial
 * hash keeps it near-linear for a thousand cards.
 *
 * @example
 * resolveOverlaps([['a', { x: 0, y: 0 }], ['b', { x: 10, y: 10 }]]);
 * // Map { a → { x: 0, y: 0 }, b → { x: 10, y: 196 } }
 */
export function resolveOverlaps(
  items: Iterable<readonly [string, Position]>,
  size: { width: number; height: number } = NODE_SIZE,
  gap = NODE_GAP,
  heights?: CardHeights,
): Map<string, Position> {
  const list = [...items];
  const heightOfId = (id: string) => (heights ? heightOf(heights, id) : size.height);
  let tallest = size.height;
  for (const [id] of list) tallest = Math.max(tallest, heightOfId(id));
  const w = size.width + gap;
  // A grid cell is as tall as the tallest card, so a card can only meet cards in the cells around it.
  const h = tallest + gap;
  const grid = new Map<string, { p: Position; height: number }[]>();
  const out = new Map<string, Position>();
  const collider = (p: Position, height: number): { p: Position; height: number } | null => {
    const cx = Math.floor(p.x / w);
    const cy = Math.floor(p.y / h);
    let lowest: { p: Position; height: number } | null = null;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const q of grid.get(cellKey(cx + dx, cy + dy)) ?? []) {
          const meets =
            Math.abs(q.p.x - p.x) < w && q.p.y < p.y + height + gap && p.y < q.p.y + q.height + gap;
          if (meets && (!lowest || q.p.y + q.height > lowest.p.y + lowest.height)) lowest = q;
        }
      }
    }
    return lowest;
  };
  for (const [id, start] of list) {
    const height = heightOfId(id);
    let p = { x: start.x, y: start.y };
    for (let hit = collider(p, height); hit; hit = collider(p, height))
      p = { x: p.x, y: hit.p.y + hit.height + gap };
    out.set(id, p);
    const key = cellKey(Math.floor(p.x / w), Math.floor(p.y / h));
    const entry = { p, height };
    const cell = grid.get(key);
    if (cell) cell.push(entry);
    else grid.set(key, [entry]);
  }
  return out;
}
