import { NODE_SIZE } from './geometry';
import { CLEARANCE, detour } from './linkDetour';

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
/** A candidate curve is tested against other cards at a point every this many map units. */
const SAMPLE_STEP = 12;
const CELL = 400;
/** The radius of a detour's corners: at least, and at most where no card is near. */
const CORNER = 16;
const WIDE_CORNER = 240;

export type LinkSide = 'left' | 'right' | 'top' | 'bottom';

export interface LinkEnds {
  sx: number;
  sy: number;
  source: LinkSide;
  tx: number;
  ty: number;
  target: LinkSide;
  /**
   * A detour's corners between the two ends, when no curve from the facing sides is clear
   * of other cards: the line then runs straight along the gaps, its corners rounded.
   */
  via?: Corner[];
}

/** A corner of a detour, and how round it is drawn. */
export interface Corner {
  x: number;
  y: number;
  r: number;
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
 * The link's path (an SVG `d`, cubic segments only: `M x y C … C …`) between its ends: one
 * curve, or along a detour's straight runs with rounded corners; `shorten` stops it that
 * far short of the effect, where a separately drawn arrowhead begins.
 */
export function linkPath(e: LinkEnds, shorten = 0): string {
  const into = INTO[e.target];
  const end = { x: e.tx - into.x * shorten, y: e.ty - into.y * shorten };
  if (!e.via) {
    const [c1, c2] = controls(e);
    return `M${e.sx} ${e.sy} C${c1.x} ${c1.y} ${c2.x} ${c2.y} ${end.x} ${end.y}`;
  }
  const points = [{ x: e.sx, y: e.sy }, ...e.via, end];
  let d = `M${e.sx} ${e.sy}`;
  let at = points[0] as Point;
  const straight = (to: Point) => {
    if (to.x === at.x && to.y === at.y) return;
    d += ` C${at.x + (to.x - at.x) / 3} ${at.y + (to.y - at.y) / 3} ${at.x + (2 * (to.x - at.x)) / 3} ${at.y + (2 * (to.y - at.y)) / 3} ${to.x} ${to.y}`;
    at = to;
  };
  for (let i = 1; i < points.length - 1; i++) {
    const turn = cornerCurve(points, i, e.via[i - 1]?.r ?? CORNER);
    if (!turn) continue;
    straight(turn[0]);
    d += ` C${turn[1].x} ${turn[1].y} ${turn[2].x} ${turn[2].y} ${turn[3].x} ${turn[3].y}`;
    at = turn[3];
  }
  straight(end);
  return d;
}

/**
 * The rounded corner at `points[i]` as a cubic (start, two control points, end): a quarter
 * circle of radius `r` at most, and at most half of either run, so corners never meet.
 */
function cornerCurve(points: readonly Point[], i: number, r: number): [Point, Point, Point, Point] | null {
  const a = points[i - 1] as Point;
  const p = points[i] as Point;
  const b = points[i + 1] as Point;
  const lin = Math.hypot(p.x - a.x, p.y - a.y);
  const lout = Math.hypot(b.x - p.x, b.y - p.y);
  const radius = Math.min(r, lin / 2, lout / 2);
  if (radius <= 0) return null;
  const din = { x: (p.x - a.x) / lin, y: (p.y - a.y) / lin };
  const dout = { x: (b.x - p.x) / lout, y: (b.y - p.y) / lout };
  const enter = { x: p.x - din.x * radius, y: p.y - din.y * radius };
  const exit = { x: p.x + dout.x * radius, y: p.y + dout.y * radius };
  // A quarter circle's control points lie 0.55 of the radius along each run from its ends.
  const k = 0.55 * radius;
  return [
    enter,
    { x: enter.x + din.x * k, y: enter.y + din.y * k },
    { x: exit.x - dout.x * k, y: exit.y - dout.y * k },
    exit,
  ];
}

/** True when the straight run from `a` to `b` keeps CLEARANCE (less a little) from every card. */
function isClear(a: Point, b: Point, others: CardIndex): boolean {
  const margin = CLEARANCE - 4;
  const cards = others.cardsIn(
    Math.min(a.x, b.x) - margin,
    Math.min(a.y, b.y) - margin,
    Math.max(a.x, b.x) + margin,
    Math.max(a.y, b.y) + margin,
  );
  const n = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / 6));
  for (let i = 0; i <= n; i++) {
    const x = a.x + ((b.x - a.x) * i) / n;
    const y = a.y + ((b.y - a.y) * i) / n;
    for (const card of cards)
      if (
        x > card.position.x - margin &&
        x < card.position.x + NODE_SIZE.width + margin &&
        y > card.position.y - margin &&
        y < card.position.y + card.height + margin
      )
        return false;
  }
  return true;
}

/**
 * A detour pulled straight like a string: a corner goes when the run that skips it is
 * clear of the cards, so a way round through open space cuts across it rather than
 * following the grid. Its first and last points (just outside its two cards) stay.
 */
function straighten(corners: readonly Corner[], others: CardIndex): Corner[] {
  const kept: Corner[] = [];
  let i = 0;
  kept.push(corners[0] as Corner);
  while (i < corners.length - 1) {
    let j = corners.length - 1;
    while (j > i + 1 && !isClear(corners[i] as Corner, corners[j] as Corner, others)) j--;
    kept.push(corners[j] as Corner);
    i = j;
  }
  return kept;
}

/**
 * Each corner of a detour as round as the cards around it allow (up to WIDE_CORNER), so a
 * detour through open space sweeps rather than turning sharply.
 */
function roundCorners(e: LinkEnds, corners: readonly Point[], others: CardIndex): Corner[] {
  const points = [{ x: e.sx, y: e.sy }, ...corners, { x: e.tx, y: e.ty }];
  return corners.map((corner, i) => {
    for (let r = WIDE_CORNER; r > CORNER; r *= 0.6) {
      const turn = cornerCurve(points, i + 1, r);
      if (!turn) break;
      const [p0, c1, c2, p1] = turn;
      let clear = true;
      for (let s = 1; s < 8 && clear; s++) {
        const t = s / 8;
        const u = 1 - t;
        const q = {
          x: u * u * u * p0.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * p1.x,
          y: u * u * u * p0.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * p1.y,
        };
        if (others.cardAt(q, [])) clear = false;
      }
      if (clear) return { ...corner, r };
    }
    return { ...corner, r: CORNER };
  });
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

/** The cards of a map in a coarse grid, to ask quickly which cards lie under a point or near two cards. */
export interface CardIndex {
  cardAt(p: Point, except: readonly Box[]): boolean;
  /** The cards that reach into the rectangle from (x0, y0) to (x1, y1). */
  cardsIn(x0: number, y0: number, x1: number, y1: number): Box[];
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
    cardsIn(x0, y0, x1, y1) {
      const found = new Set<Box>();
      for (let cx = Math.floor(x0 / CELL); cx <= Math.floor(x1 / CELL); cx++)
        for (let cy = Math.floor(y0 / CELL); cy <= Math.floor(y1 / CELL); cy++)
          for (const card of grid.get(`${cx},${cy}`) ?? []) found.add(card);
      return [...found];
    },
  };
}

/** Near its ends a line is beside its own cards; in the middle it must be clear of them too. */
const ownCardsAt = (t: number, from: Box, to: Box) => (t < 0.3 || t > 0.7 ? [from, to] : []);

/** True when no point of the curve, one every SAMPLE_STEP, lies on another card. */
function isCurveClear(e: LinkEnds, from: Box, to: Box, others: CardIndex): boolean {
  const length = Math.hypot(e.tx - e.sx, e.ty - e.sy) + (e.source === e.target ? 2 * arcDepth(e) : 0);
  const n = Math.max(8, Math.ceil(length / SAMPLE_STEP));
  for (let i = 1; i < n; i++) if (others.cardAt(pointAt(e, i / n), ownCardsAt(i / n, from, to))) return false;
  return true;
}

/** How much of a curve other cards hide, at a few points, its middle counting most. */
function hiddenScore(e: LinkEnds, from: Box, to: Box, others: CardIndex): number {
  let score = 0;
  for (const t of [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8])
    if (others.cardAt(pointAt(e, t), ownCardsAt(t, from, to))) score += t === 0.5 ? 4 : 1;
  return score;
}

/** Where a detour starts or ends: CLEARANCE out from the card's side, on the side's middle. */
function stub(card: Box, side: LinkSide): Point {
  const out = INTO[side];
  const { x, y } = card.position;
  const middle = { x: x + NODE_SIZE.width / 2, y: y + card.height / 2 };
  const half = { x: NODE_SIZE.width / 2 + CLEARANCE, y: card.height / 2 + CLEARANCE };
  return { x: middle.x - out.x * half.x, y: middle.y - out.y * half.y };
}

/**
 * Where a link leaves its cause and meets its effect: from a side of the cause that faces
 * the effect, into a side of the effect that faces the cause, so a line never runs back
 * behind either card and its arrowhead lands on the effect's near side. Of the (up to
 * four) such pairs, the first curve that crosses no other card wins, the most direct
 * first. Between two cards side by side with a third in the way, a line may arc over or
 * under it instead (leaving and entering on the top, or on the bottom). When every curve
 * crosses a card, the line takes a detour (linkDetour.ts) from a facing side into a
 * facing side along the gaps between the cards, so no line is hidden behind a third card;
 * only where the cards near the two wall every way in does it keep the curve that
 * crosses the fewest.
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
  let fewest = Number.POSITIVE_INFINITY;
  for (const [source, target] of pairs) {
    const candidate = ends(from, to, source, target);
    if (isCurveClear(candidate, from, to, others)) return candidate;
    const count = hiddenScore(candidate, from, to, others);
    if (count < fewest) {
      best = candidate;
      fewest = count;
    }
  }
  return routed(from, to, sources, targets, others) ?? best;
}

/** How far round the two cards a detour looks for its way: near first, then wider. */
const DETOUR_REACH = [300, 1200];
/** The most cards a detour is worked out around. */
const DETOUR_CARDS = 60;

/** The shortest detour from a side of `from` in `sources` into a side of `to` in `targets`. */
function routed(
  from: Box,
  to: Box,
  sources: readonly LinkSide[],
  targets: readonly LinkSide[],
  others: CardIndex,
): LinkEnds | null {
  const starts = sources.map((side) => ({ at: stub(from, side), heading: outOf(side) }));
  const arrivals = targets.map((side) => ({ at: stub(to, side), heading: INTO[side] }));
  for (const reach of DETOUR_REACH) {
    const cards = others.cardsIn(
      Math.min(from.position.x, to.position.x) - reach,
      Math.min(from.position.y, to.position.y) - reach,
      Math.max(from.position.x, to.position.x) + NODE_SIZE.width + reach,
      Math.max(from.position.y + from.height, to.position.y + to.height) + reach,
    );
    // Round a crowd of cards (far apart on a map of hundreds) the search costs more than a
    // line's drawing may: that line keeps its curve.
    if (cards.length > DETOUR_CARDS) break;
    const way = detour(starts, arrivals, cards);
    if (!way) continue;
    const e = ends(from, to, sources[way.start] as LinkSide, targets[way.end] as LinkSide);
    const corners = straighten(
      way.corners.map((c) => ({ ...c, r: CORNER })),
      others,
    );
    return { ...e, via: roundCorners(e, corners, others) };
  }
  return null;
}

const outOf = (side: LinkSide): Point => ({ x: -INTO[side].x, y: -INTO[side].y });

/** Where a line being drawn from a card's handle starts (its right side). */
export const sourceAnchor = (card: Box) => anchor(card, 'right');
