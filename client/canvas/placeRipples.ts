import type { Position } from '../../shared/model/ripple';

/** Width of a ripple card on the canvas (canvas.css uses the same number). */
export const NODE_WIDTH = 260;
// Gaps wide enough for a visible arrow between neighbours; three columns suit a 16:10 projector.
const CELL_WIDTH = 360;
const CELL_HEIGHT = 220;
const COLUMNS = 3;

/**
 * Where each ripple is drawn: its stored position, or for a ripple nobody placed yet the
 * next free cell of a grid that avoids the placed ones. Computed, never written: the
 * document only holds positions a facilitator chose. Later layouts (timeline, rings)
 * are functions of the same shape.
 *
 * @example
 * placeRipples([{ id: 'a', position: null }, { id: 'b', position: { x: 0, y: 0 } }])
 * // Map { a → { x: 360, y: 0 }, b → { x: 0, y: 0 } }
 */
export function placeRipples(
  ripples: readonly { id: string; position: Position | null }[],
): Map<string, Position> {
  const out = new Map<string, Position>();
  const placed: Position[] = [];
  for (const ripple of ripples) {
    if (ripple.position) {
      out.set(ripple.id, ripple.position);
      placed.push(ripple.position);
    }
  }
  let cell = 0;
  for (const ripple of ripples) {
    if (ripple.position) continue;
    let candidate = cellPosition(cell++);
    while (placed.some((p) => overlaps(p, candidate))) candidate = cellPosition(cell++);
    out.set(ripple.id, candidate);
  }
  return out;
}

function cellPosition(index: number): Position {
  return { x: (index % COLUMNS) * CELL_WIDTH, y: Math.floor(index / COLUMNS) * CELL_HEIGHT };
}

function overlaps(a: Position, b: Position): boolean {
  return Math.abs(a.x - b.x) < CELL_WIDTH && Math.abs(a.y - b.y) < CELL_HEIGHT;
}
