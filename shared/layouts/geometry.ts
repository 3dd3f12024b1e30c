import type { Position } from '../model/ripple';

/**
 * Every layout places ripple cards of one fixed size, so "no two cards overlap" is a
 * property the layout functions can guarantee (and the tests can check) without
 * measuring the DOM. The card's CSS (client/canvas/canvas.css) uses the same numbers.
 */
export const NODE_SIZE = { width: 280, height: 168 } as const;
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
): Map<string, Position> {
  const w = size.width + gap;
  const h = size.height + gap;
  const grid = new Map<string, Position[]>();
  const out = new Map<string, Position>();
  const collider = (p: Position): Position | null => {
    const cx = Math.floor(p.x / w);
    const cy = Math.floor(p.y / h);
    let lowest: Position | null = null;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const q of grid.get(cellKey(cx + dx, cy + dy)) ?? []) {
          if (Math.abs(q.x - p.x) < w && Math.abs(q.y - p.y) < h && (!lowest || q.y > lowest.y)) lowest = q;
        }
      }
    }
    return lowest;
  };
  for (const [id, start] of items) {
    let p = { x: start.x, y: start.y };
    for (let hit = collider(p); hit; hit = collider(p)) p = { x: p.x, y: hit.y + h };
    out.set(id, p);
    const key = cellKey(Math.floor(p.x / w), Math.floor(p.y / h));
    const list = grid.get(key);
    if (list) list.push(p);
    else grid.set(key, [p]);
  }
  return out;
}
