import { NODE_SIZE } from './geometry';

/*
 * A way round the cards for a link whose curve would pass behind a third card: a path of
 * straight runs along the gaps between cards (linkRoute.ts rounds its corners). Cards stand
 * at least NODE_GAP apart (geometry.ts resolves overlaps with it, rings and timeline space
 * their slots wider), so a run down the middle of every gap always exists.
 */

type Point = { x: number; y: number };
type Box = { position: Point; height: number };
type Direction = 0 | 1 | 2 | 3;

/** How far a run keeps from a card's edge: half the narrowest gap between cards (NODE_GAP). */
export const CLEARANCE = 14;
/** What a bend costs, in map units of length: a longer run with fewer corners reads better. */
const BEND = 120;
const STEPS: readonly Point[] = [
  { x: 1, y: 0 },
  { x: 0, y: 1 },
  { x: -1, y: 0 },
  { x: 0, y: -1 },
];
const directionOf = (p: Point): Direction => (p.x > 0 ? 0 : p.y > 0 ? 1 : p.x < 0 ? 2 : 3);

/** A rectangle the runs keep out of (a card grown by a little less than CLEARANCE). */
interface Block {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const blockOf = (card: Box): Block => ({
  x0: card.position.x - CLEARANCE + 1,
  y0: card.position.y - CLEARANCE + 1,
  x1: card.position.x + NODE_SIZE.width + CLEARANCE - 1,
  y1: card.position.y + card.height + CLEARANCE - 1,
});

/** True when the straight run from `a` to `b` (horizontal or vertical) enters a block. */
function runBlocked(a: Point, b: Point, blocks: readonly Block[]): boolean {
  const x0 = Math.min(a.x, b.x);
  const x1 = Math.max(a.x, b.x);
  const y0 = Math.min(a.y, b.y);
  const y1 = Math.max(a.y, b.y);
  for (const k of blocks) if (x0 < k.x1 && x1 > k.x0 && y0 < k.y1 && y1 > k.y0) return true;
  return false;
}

/**
 * The corners of a way from `start` (leaving in direction `out`) to `end` (arriving in
 * direction `into`) that keeps CLEARANCE from every card in `cards`, with the fewest bends
 * for its length; both ends lie just outside their cards. Null when the cards wall it in.
 *
 * @example
 * detour({ x: 300, y: 50 }, { x: 1, y: 0 }, { x: 900, y: 50 }, { x: 1, y: 0 }, [middleCard]);
 * // [{ x: 300, y: 50 }, { x: 300, y: -20 }, { x: 900, y: -20 }, { x: 900, y: 50 }]
 */
export function detour(
  start: Point,
  out: Point,
  end: Point,
  into: Point,
  cards: readonly Box[],
): Point[] | null {
  const blocks = cards.map(blockOf);
  const xs = new Set([start.x, end.x]);
  const ys = new Set([start.y, end.y]);
  for (const card of cards) {
    xs.add(card.position.x - CLEARANCE);
    xs.add(card.position.x + NODE_SIZE.width + CLEARANCE);
    ys.add(card.position.y - CLEARANCE);
    ys.add(card.position.y + card.height + CLEARANCE);
  }
  const X = [...xs].sort((a, b) => a - b);
  const Y = [...ys].sort((a, b) => a - b);
  const nx = X.length;
  const ny = Y.length;
  const at = (i: number): Point => ({ x: X[i % nx] as number, y: Y[Math.floor(i / nx)] as number });
  const free = new Uint8Array(nx * ny);
  for (let i = 0; i < nx * ny; i++) {
    const p = at(i);
    free[i] = blocks.some((k) => p.x > k.x0 && p.x < k.x1 && p.y > k.y0 && p.y < k.y1) ? 0 : 1;
  }
  const from = X.indexOf(start.x) + Y.indexOf(start.y) * nx;
  const goal = X.indexOf(end.x) + Y.indexOf(end.y) * nx;
  if (!free[from] || !free[goal]) return null;
  const neighbour = (i: number, d: Direction): number => {
    const cx = i % nx;
    const cy = Math.floor(i / nx);
    const step = STEPS[d] as Point;
    const x = cx + step.x;
    const y = cy + step.y;
    return x < 0 || y < 0 || x >= nx || y >= ny ? -1 : x + y * nx;
  };

  // Shortest way by length plus bends (Dijkstra over grid corner × heading, A*-guided).
  const size = nx * ny * 4;
  const cost = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
  const back = new Int32Array(size).fill(-1);
  const heap = new MinHeap();
  const guess = (i: number) => {
    const p = at(i);
    return Math.abs(p.x - end.x) + Math.abs(p.y - end.y);
  };
  const first = from * 4 + directionOf(out);
  cost[first] = 0;
  heap.push(first, guess(from));
  const arrive = directionOf(into);
  let found = -1;
  while (heap.size > 0) {
    const state = heap.pop();
    const node = state >> 2;
    const heading = (state & 3) as Direction;
    if (node === goal && heading === arrive) {
      found = state;
      break;
    }
    const here = cost[state] as number;
    for (const d of [0, 1, 2, 3] as const) {
      // Never straight back the way it came.
      if ((d + 2) % 4 === heading) continue;
      const next = neighbour(node, d);
      if (next < 0 || !free[next] || runBlocked(at(node), at(next), blocks)) continue;
      const a = at(node);
      const b = at(next);
      const step = Math.abs(a.x - b.x) + Math.abs(a.y - b.y) + (d === heading ? 0 : BEND);
      const nextState = next * 4 + d;
      if (here + step < (cost[nextState] as number)) {
        cost[nextState] = here + step;
        back[nextState] = state;
        heap.push(nextState, here + step + guess(next) + (next === goal && d !== arrive ? BEND : 0));
      }
    }
    // Turning on the spot at the goal to arrive the right way counts as a bend.
    if (node === goal) {
      const turned = goal * 4 + arrive;
      if (here + BEND < (cost[turned] as number)) {
        cost[turned] = here + BEND;
        back[turned] = state;
        heap.push(turned, here + BEND);
      }
    }
  }
  if (found < 0) return null;
  const corners: Point[] = [];
  for (let s = found; s >= 0; s = back[s] as number) {
    const p = at(s >> 2);
    const last = corners.at(-1);
    if (!last || last.x !== p.x || last.y !== p.y) corners.push(p);
  }
  corners.reverse();
  // Only the corners: points on a straight run between two others go.
  return corners.filter((p, i) => {
    const a = corners[i - 1];
    const b = corners[i + 1];
    return !a || !b || !((a.x === p.x && p.x === b.x) || (a.y === p.y && p.y === b.y));
  });
}

/** A binary heap of numbers by priority. */
class MinHeap {
  private items: number[] = [];
  private keys: number[] = [];
  get size() {
    return this.items.length;
  }
  push(item: number, key: number) {
    this.items.push(item);
    this.keys.push(key);
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((this.keys[parent] as number) <= key) break;
      this.swap(i, parent);
      i = parent;
    }
  }
  pop(): number {
    const top = this.items[0] as number;
    const lastItem = this.items.pop() as number;
    const lastKey = this.keys.pop() as number;
    if (this.items.length > 0) {
      this.items[0] = lastItem;
      this.keys[0] = lastKey;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.keys.length && (this.keys[l] as number) < (this.keys[m] as number)) m = l;
        if (r < this.keys.length && (this.keys[r] as number) < (this.keys[m] as number)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
  private swap(a: number, b: number) {
    [this.items[a], this.items[b]] = [this.items[b] as number, this.items[a] as number];
    [this.keys[a], this.keys[b]] = [this.keys[b] as number, this.keys[a] as number];
  }
}
