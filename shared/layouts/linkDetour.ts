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

/** Where a detour may begin or finish: a point just outside a card, and the way it heads there. */
export interface DetourEnd {
  at: Point;
  heading: Point;
}

/** A cell size for looking blocks up by position; a card is at most a few cells. */
const CELL = 400;
/** How many grid states a search may settle before it gives up (a line then stays a curve). */
const BUDGET = 4_000;

/**
 * The corners of a way from one of `starts` (leaving the way it heads) to one of `ends`
 * (arriving the way it heads) that keeps CLEARANCE from every card in `cards`, with the
 * fewest bends for its length; which start and end it took are `start` and `end`. Runs lie
 * on the lines CLEARANCE out from the cards' edges, so a run between two free grid points
 * with no line between them is blocked only if its middle is. Null when the cards wall it
 * in, or the search runs past its budget.
 *
 * @example
 * detour([{ at: { x: 300, y: 50 }, heading: { x: 1, y: 0 } }], [{ at: { x: 900, y: 50 }, heading: { x: 1, y: 0 } }], [middleCard]);
 * // { start: 0, end: 0, corners: [the start, up beside the card, across above it, down to the end] }
 */
export function detour(
  starts: readonly DetourEnd[],
  ends: readonly DetourEnd[],
  cards: readonly Box[],
): { start: number; end: number; corners: Point[] } | null {
  // The blocks by cell of a coarse grid over the cards' extent, to test a point against a few.
  let left = Number.POSITIVE_INFINITY;
  let top = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  let bottom = Number.NEGATIVE_INFINITY;
  const blocks = cards.map(blockOf);
  for (const k of blocks) {
    left = Math.min(left, k.x0);
    top = Math.min(top, k.y0);
    right = Math.max(right, k.x1);
    bottom = Math.max(bottom, k.y1);
  }
  const columns = blocks.length ? Math.floor((right - left) / CELL) + 1 : 0;
  const rows = blocks.length ? Math.floor((bottom - top) / CELL) + 1 : 0;
  const cells: Block[][] = Array.from({ length: columns * rows }, () => []);
  for (const k of blocks)
    for (let cx = Math.floor((k.x0 - left) / CELL); cx <= Math.floor((k.x1 - left) / CELL); cx++)
      for (let cy = Math.floor((k.y0 - top) / CELL); cy <= Math.floor((k.y1 - top) / CELL); cy++)
        cells[cx + cy * columns]?.push(k);
  const isBlocked = (x: number, y: number) => {
    if (x <= left || x >= right || y <= top || y >= bottom) return false;
    const cell = cells[Math.floor((x - left) / CELL) + Math.floor((y - top) / CELL) * columns] ?? [];
    for (const k of cell) if (x > k.x0 && x < k.x1 && y > k.y0 && y < k.y1) return true;
    return false;
  };
  const xs = new Set<number>();
  const ys = new Set<number>();
  for (const e of [...starts, ...ends]) {
    xs.add(e.at.x);
    ys.add(e.at.y);
  }
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
  const nodeOf = (p: Point) => X.indexOf(p.x) + Y.indexOf(p.y) * nx;
  // Whether a grid point is free, worked out when the search first reaches it (0: not yet).
  const known = new Uint8Array(nx * ny);
  const isFree = (i: number) => {
    if (!known[i]) known[i] = isBlocked(X[i % nx] as number, Y[Math.floor(i / nx)] as number) ? 2 : 1;
    return known[i] === 1;
  };
  const goals = new Map<number, number>();
  ends.forEach((e, n) => {
    const node = nodeOf(e.at);
    if (isFree(node)) goals.set(node * 4 + directionOf(e.heading), n);
  });
  const goalNodes = new Set([...goals.keys()].map((state) => state >> 2));
  const guess = (i: number) => {
    const x = X[i % nx] as number;
    const y = Y[Math.floor(i / nx)] as number;
    let best = Number.POSITIVE_INFINITY;
    for (const e of ends) best = Math.min(best, Math.abs(x - e.at.x) + Math.abs(y - e.at.y));
    return best;
  };

  // Shortest way by length plus bends (Dijkstra over grid point × heading, A*-guided).
  const { cost, back, seen, done } = scratch(nx * ny * 4);
  const search = ++searches;
  const costOf = (state: number) =>
    seen[state] === search ? (cost[state] as number) : Number.POSITIVE_INFINITY;
  const heap = new MinHeap();
  const origin = new Map<number, number>();
  starts.forEach((s, n) => {
    const node = nodeOf(s.at);
    if (!isFree(node)) return;
    const state = node * 4 + directionOf(s.heading);
    cost[state] = 0;
    back[state] = -1;
    seen[state] = search;
    origin.set(state, n);
    heap.push(state, guess(node));
  });
  let found = -1;
  for (let count = 0; heap.size > 0 && count < BUDGET; ) {
    const state = heap.pop();
    if (done[state] === search) continue;
    done[state] = search;
    count++;
    if (goals.has(state)) {
      found = state;
      break;
    }
    const node = state >> 2;
    const heading = state & 3;
    const here = cost[state] as number;
    const cx = node % nx;
    const cy = (node - cx) / nx;
    const ax = X[cx] as number;
    const ay = Y[cy] as number;
    for (let d = 0; d < 4; d++) {
      // Never straight back the way it came.
      if ((d + 2) % 4 === heading) continue;
      const step = STEPS[d] as Point;
      const x = cx + step.x;
      const y = cy + step.y;
      if (x < 0 || y < 0 || x >= nx || y >= ny) continue;
      const next = x + y * nx;
      if (!isFree(next)) continue;
      const bx = X[x] as number;
      const by = Y[y] as number;
      if (isBlocked((ax + bx) / 2, (ay + by) / 2)) continue;
      const total = here + Math.abs(ax - bx) + Math.abs(ay - by) + (d === heading ? 0 : BEND);
      const nextState = next * 4 + d;
      if (total < costOf(nextState)) {
        cost[nextState] = total;
        back[nextState] = state;
        seen[nextState] = search;
        heap.push(nextState, total + guess(next));
      }
    }
    // Turning on the spot where it ends, to arrive the right way, counts as a bend.
    if (goalNodes.has(node))
      for (let d = 0; d < 4; d++) {
        const turned = node * 4 + d;
        if (d !== heading && here + BEND < costOf(turned)) {
          cost[turned] = here + BEND;
          back[turned] = state;
          seen[turned] = search;
          heap.push(turned, here + BEND);
        }
      }
  }
  if (found < 0) return null;
  const corners: Point[] = [];
  let first = found;
  for (let s = found; s >= 0; s = back[s] as number) {
    first = s;
    const p = at(s >> 2);
    const last = corners.at(-1);
    if (!last || last.x !== p.x || last.y !== p.y) corners.push(p);
  }
  corners.reverse();
  return {
    start: origin.get(first) as number,
    end: goals.get(found) as number,
    // Only the corners: points on a straight run between two others go.
    corners: corners.filter((p, i) => {
      const a = corners[i - 1];
      const b = corners[i + 1];
      return !a || !b || !((a.x === p.x && p.x === b.x) || (a.y === p.y && p.y === b.y));
    }),
  };
}

/**
 * The search's working memory, kept between searches (a map's lines are routed one after
 * another): a state's cost and way back count only where `seen` holds this search's number.
 */
let buffers = {
  cost: new Float64Array(0),
  back: new Int32Array(0),
  seen: new Uint32Array(0),
  done: new Uint32Array(0),
};
let searches = 0;
function scratch(size: number) {
  if (buffers.cost.length < size) {
    const length = Math.max(size, 2 * buffers.cost.length);
    buffers = {
      cost: new Float64Array(length),
      back: new Int32Array(length),
      seen: new Uint32Array(length),
      done: new Uint32Array(length),
    };
    searches = 0;
  }
  return buffers;
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
