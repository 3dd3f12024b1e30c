import { NODE_SIZE } from './geometry';

/*
 * Where a link meets its two cards, for the board (client/canvas/LinkLayer.tsx) and the
 * exported picture (shared/export/mapSvg.ts) alike. Cards are NODE_SIZE.width wide and as tall as their
 * words need (shared/layouts/cardSize.ts), so the sides are known without measuring.
 */
const HANDLE = 16;
/** A handle is centred on the inner edge of the card's border: 8 px on the left, 2 px on the right. */
const BORDER_LEFT = 8;
const BORDER_RIGHT = 2;
/** xyflow's bezier curvature (getBezierPath's default), so the sampled curve is the drawn one. */
const CURVATURE = 0.25;
/** Points along a candidate curve tested against other cards; the middle one counts most. */
const SAMPLES = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
const CELL = 400;

export type LinkSide = 'left' | 'right' | 'top' | 'bottom';

export interface LinkEnds {
  sx: number;
  sy: number;
  source: LinkSide;
  tx: number;
  ty: number;
  target: LinkSide;
}

/** A card as a line sees it: its top-left corner and its height (it is NODE_SIZE.width wide). */
export interface LinkBox {
  position: { x: number; y: number };
  height: number;
}
type Box = LinkBox;
type Point = { x: number; y: number };

/** A point on a card's side where a link meets it, in map coordinates. */
function anchor(card: Box, side: LinkSide): Point {
  const { x, y } = card.position;
  switch (side) {
    case 'right':
      return { x: x + NODE_SIZE.width - BORDER_RIGHT + HANDLE / 2, y: y + card.height / 2 };
    case 'left':
      return { x: x + BORDER_LEFT - HANDLE / 2, y: y + card.height / 2 };
    case 'top':
      return { x: x + NODE_SIZE.width / 2, y: y - 2 };
    case 'bottom':
      return { x: x + NODE_SIZE.width / 2, y: y + card.height + 2 };
  }
}

function ends(from: Box, to: Box, source: LinkSide, target: LinkSide): LinkEnds {
  const s = anchor(from, source);
  const t = anchor(to, target);
  return { sx: s.x, sy: s.y, source, tx: t.x, ty: t.y, target };
}

/**
 * The sides of card `a` that face card `b` (their outward direction points towards `b`'s
 * middle), the most directly facing first: one or two.
 */
function facingSides(a: Box, b: Box): LinkSide[] {
  const dx = (b.position.x - a.position.x) / NODE_SIZE.width;
  const dy = (b.position.y + b.height / 2 - (a.position.y + a.height / 2)) / ((a.height + b.height) / 2);
  const horizontal: LinkSide = dx >= 0 ? 'right' : 'left';
  const vertical: LinkSide = dy >= 0 ? 'bottom' : 'top';
  if (dy === 0) return [horizontal];
  if (dx === 0) return [vertical];
  return Math.abs(dx) >= Math.abs(dy) ? [horizontal, vertical] : [vertical, horizontal];
}

/** How far an arc (a line leaving and entering on the same side) bulges: with the distance it spans. */
const arcDepth = (e: LinkEnds) => Math.max(80, 0.3 * Math.hypot(e.tx - e.sx, e.ty - e.sy));

/** How far a control point sits out from its end (xyflow's calculateControlOffset, as drawn before). */
const offset = (distance: number) => (distance >= 0 ? 0.5 * distance : CURVATURE * 25 * Math.sqrt(-distance));

/** The curve's control point at one end (xyflow's getControlWithCurvature); an arc bulges out. */
function control(side: LinkSide, x1: number, y1: number, x2: number, y2: number, arc: number): Point {
  switch (side) {
    case 'left':
      return { x: x1 - (arc || offset(x1 - x2)), y: y1 };
    case 'right':
      return { x: x1 + (arc || offset(x2 - x1)), y: y1 };
    case 'top':
      return { x: x1, y: y1 - (arc || offset(y1 - y2)) };
    case 'bottom':
      return { x: x1, y: y1 + (arc || offset(y2 - y1)) };
  }
}

function controls(e: LinkEnds): [Point, Point] {
  const arc = e.source === e.target ? arcDepth(e) : 0;
  return [control(e.source, e.sx, e.sy, e.tx, e.ty, arc), control(e.target, e.tx, e.ty, e.sx, e.sy, arc)];
}

/**
 * The link's path (an SVG `d`), a cubic curve between its ends; `shorten` stops it that
 * far short of the effect, where a separately drawn arrowhead begins.
 */
export function linkPath(e: LinkEnds, shorten = 0): string {
  const [c1, c2] = controls(e);
  const into = INTO[e.target];
  return `M${e.sx} ${e.sy} C${c1.x} ${c1.y} ${c2.x} ${c2.y} ${e.tx - into.x * shorten} ${e.ty - into.y * shorten}`;
}

/** The way an arrowhead points when it meets a card on this side. */
export const INTO: Record<LinkSide, Point> = {
  left: { x: 1, y: 0 },
  right: { x: -1, y: 0 },
  top: { x: 0, y: 1 },
  bottom: { x: 0, y: -1 },
};

function pointAt(e: LinkEnds, t: number): Point {
  const [c1, c2] = controls(e);
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * e.sx + b * c1.x + c * c2.x + d * e.tx, y: a * e.sy + b * c1.y + c * c2.y + d * e.ty };
}

/** The cards of a map in a coarse grid, to ask quickly which card (if any) lies under a point. */
export interface CardIndex {
  cardAt(p: Point, except: readonly Box[]): boolean;
}

export function indexCards(cards: readonly Box[]): CardIndex {
  const grid = new Map<string, Box[]>();
  for (const card of cards) {
    const x0 = Math.floor(card.position.x / CELL);
    const x1 = Math.floor((card.position.x + NODE_SIZE.width) / CELL);
    const y0 = Math.floor(card.position.y / CELL);
    const y1 = Math.floor((card.position.y + card.height) / CELL);
    for (let cx = x0; cx <= x1; cx++)
      for (let cy = y0; cy <= y1; cy++) {
        const key = `${cx},${cy}`;
        const list = grid.get(key);
        if (list) list.push(card);
        else grid.set(key, [card]);
      }
  }
  return {
    cardAt(p, except) {
      for (const card of grid.get(`${Math.floor(p.x / CELL)},${Math.floor(p.y / CELL)}`) ?? []) {
        if (except.includes(card)) continue;
        const { x, y } = card.position;
        if (p.x > x - 4 && p.x < x + NODE_SIZE.width + 4 && p.y > y - 4 && p.y < y + card.height + 4)
          return true;
      }
      return false;
    },
  };
}

/**
 * Where a link leaves its cause and meets its effect: from a side of the cause that faces
 * the effect, into a side of the effect that faces the cause, so a line never runs back
 * behind either card and its arrowhead lands on the effect's near side. Of the (up to
 * four) such pairs, the curve that crosses the fewest other cards wins, its middle
 * counting most, so a line is not hidden behind a third card; on a tie, the most direct.
 * Between two cards side by side with a third in the way, a line may arc over or under it
 * instead (leaving and entering on the top, or on the bottom).
 */
export function linkEnds(from: Box, to: Box, others?: CardIndex): LinkEnds {
  const sources = facingSides(from, to);
  const targets = facingSides(to, from);
  const first = ends(from, to, sources[0] as LinkSide, targets[0] as LinkSide);
  if (!others) return first;
  const pairs: [LinkSide, LinkSide][] = sources.flatMap((s) =>
    targets.map((t): [LinkSide, LinkSide] => [s, t]),
  );
  // Cards side by side with a third between them: the line may arc over or under it.
  const sideBySide =
    from.position.y < to.position.y + to.height && to.position.y < from.position.y + from.height;
  if (sideBySide) pairs.push(['top', 'top'], ['bottom', 'bottom']);
  let best = first;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const [source, target] of pairs) {
    const candidate = ends(from, to, source, target);
    let cost = 0;
    for (const t of SAMPLES) {
      // Near its ends a line is beside its own cards; in the middle it must be clear of them too.
      const except = t < 0.3 || t > 0.7 ? [from, to] : [];
      if (others.cardAt(pointAt(candidate, t), except)) cost += t === 0.5 ? 4 : 1;
    }
    if (cost < bestCost) {
      best = candidate;
      bestCost = cost;
    }
    if (cost === 0) break;
  }
  return best;
}

/** Where a line being drawn from a card's handle starts (its right side). */
export const sourceAnchor = (card: Box) => anchor(card, 'right');
