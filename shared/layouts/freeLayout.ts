import type { Position } from '../model/ripple';
import { type CardHeights, heightOf, NODE_GAP, NODE_SIZE, resolveOverlaps } from './geometry';
import type { LayoutRipple, Positions } from './types';

const COLUMNS = 4;
const CELL_W = NODE_SIZE.width + 3 * NODE_GAP;

/**
 * The free map: each card where a facilitator put it; a card nobody placed yet takes the
 * next grid cell below the placed ones. Cards dropped on top of each other are nudged
 * apart, so the map never hides a ripple behind another. Each card is as tall as
 * `heights` says (cardSize.ts); a row of new cards is as tall as its tallest.
 *
 * @example
 * freeLayout([{ id: 'a', position: { x: 0, y: 0 }, … }, { id: 'b', position: null, … }]);
 */
export function freeLayout(
  ripples: readonly Pick<LayoutRipple, 'id' | 'position'>[],
  heights?: CardHeights,
): Positions {
  const placed: [string, Position][] = [];
  let bottom = Number.NEGATIVE_INFINITY;
  let left = Number.POSITIVE_INFINITY;
  for (const r of ripples) {
    if (!r.position) continue;
    placed.push([r.id, r.position]);
    bottom = Math.max(bottom, r.position.y + heightOf(heights, r.id) + 2 * NODE_GAP);
    left = Math.min(left, r.position.x);
  }
  if (placed.length === 0) {
    bottom = 0;
    left = 0;
  }
  let cell = 0;
  let rowTop = bottom;
  let rowHeight = 0;
  for (const r of ripples) {
    if (r.position) continue;
    if (cell > 0 && cell % COLUMNS === 0) {
      rowTop += rowHeight + 2 * NODE_GAP;
      rowHeight = 0;
    }
    placed.push([r.id, { x: left + (cell % COLUMNS) * CELL_W, y: rowTop }]);
    rowHeight = Math.max(rowHeight, heightOf(heights, r.id));
    cell++;
  }
  return resolveOverlaps(placed, NODE_SIZE, NODE_GAP, heights);
}
