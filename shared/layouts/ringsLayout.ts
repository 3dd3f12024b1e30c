import { type CardHeights, heightOf, NODE_GAP, NODE_SIZE, type Rect, rectsOverlap } from './geometry';
import type { LayoutRipple, Positions } from './types';

/** Radius of the disc in the middle that names the programme. */
export const CENTRE_RADIUS = 200;
/**
 * Two cards whose centres are at least a card's diagonal apart cannot overlap, whatever
 * their angle; every slot of the rings keeps that distance to every other slot. The
 * diagonal is the tallest card's (cards grow with their text: cardSize.ts).
 */
const spacingFor = (tallest: number) => Math.hypot(NODE_SIZE.width, tallest) + NODE_GAP;
const RING_GAP = 40;
/** How deep a ring with no cards is drawn: room for its name, not for a row of cards. */
export const EMPTY_RING_DEPTH = 60;
/** Sector labels are set in this size (client/canvas/canvas.css: `.sector-label`). */
export const SECTOR_LABEL_SIZE = 56;
/** Roughly how wide a bold character of the label font is, in font sizes (a generous guess). */
const LABEL_CHAR_WIDTH = 0.62;
const LABEL_LINE = SECTOR_LABEL_SIZE * 1.25;
/** How far inside the outer ring a sector label sits. */
const LABEL_INSET = 60;
/** Space kept between two labels, and between the outer ring and a label set outside it. */
const LABEL_GAP = 24;

export interface Ring {
  /** 1, 2, or 3 for "third or later". */
  order: 1 | 2 | 3;
  inner: number;
  outer: number;
}

export interface Sector {
  /** A code id, or 'none' for ripples with no confirmed code. */
  code: string;
  /** Radians, clockwise from 12 o'clock. */
  start: number;
  end: number;
}

/**
 * Where a sector's name goes: inside the outer ring on the sector's middle, clear of the
 * other names. `x`/`y` is the text's anchor point; the text runs towards the centre.
 */
export interface SectorLabel {
  code: string;
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  baseline: 'hanging' | 'middle' | 'auto';
  /** The box the label is expected to take (estimated from its length). */
  box: Rect;
}

export interface RingsResult {
  positions: Positions;
  /** The centre of the picture; positions are top-left corners around it. */
  centre: { x: number; y: number };
  centreRadius: number;
  rings: Ring[];
  sectors: Sector[];
  labels: SectorLabel[];
  /** Everything the picture draws (rings and labels), around the centre. */
  bounds: Rect;
}

export interface RingsOptions {
  /** The text of each sector's label (code id → label), to keep labels apart; else the id. */
  labels?: ReadonlyMap<string, string>;
  /** Cards taller than the standard (cardSize.ts), by ripple id. */
  heights?: CardHeights;
}

const ringOf = (order: number): 1 | 2 | 3 => (order <= 1 ? 1 : order === 2 ? 2 : 3);

/** Distance from the centre to the nearest point of a rectangle (0 when it covers the centre). */
const nearest = (r: Rect) =>
  Math.hypot(Math.max(r.x, -(r.x + r.width), 0), Math.max(r.y, -(r.y + r.height), 0));

/**
 * The classic REM picture: the programme in the middle, a ring for first-, second- and
 * third-or-later-order ripples, one sector per code (its share of the circle grows with
 * its ripples, with a floor). Within a ring, a sector fills circles of slots from the
 * inside out; circles sit `spacing` apart and slots `spacing` apart along each circle,
 * so no two cards overlap. A ring with no cards yet is drawn thin (EMPTY_RING_DEPTH), so
 * a young map, all first-order, is not drawn as if it had three rows of cards.
 *
 * The sector names sit just inside the outer ring on each sector's middle; a name that
 * would print on one placed before it (two narrow sectors side by side at the bottom)
 * goes outside the outer ring instead, moved outwards until it is clear.
 *
 * @example
 * const { positions, rings, sectors, labels } = ringsLayout(ripples, ['needs', 'vision']);
 */
export function ringsLayout(
  ripples: readonly LayoutRipple[],
  codeIds: readonly string[],
  options: RingsOptions = {},
): RingsResult {
  const codes = [...codeIds, 'none'];
  const sectorOf = (r: LayoutRipple) => (r.code && codeIds.includes(r.code) ? r.code : 'none');
  const counts = new Map(codes.map((c) => [c, 0]));
  for (const r of ripples) counts.set(sectorOf(r), (counts.get(sectorOf(r)) ?? 0) + 1);
  // A sector's share grows with its ripples, with a floor so a lone ripple still gets room.
  const floor = Math.max(1, ripples.length / (2 * codes.length));
  const weights = codes.map((c) => floor + (counts.get(c) ?? 0));
  const total = weights.reduce((a, b) => a + b, 0);
  const sectors: Sector[] = [];
  let angle = 0;
  codes.forEach((code, i) => {
    const share = ((weights[i] as number) / total) * 2 * Math.PI;
    sectors.push({ code, start: angle, end: angle + share });
    angle += share;
  });

  // Groups: ring → sector → ids, in a stable order.
  const groups = new Map<string, string[]>();
  const sorted = [...ripples].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const r of sorted) {
    const key = `${ringOf(r.order)}|${sectorOf(r)}`;
    const list = groups.get(key);
    if (list) list.push(r.id);
    else groups.set(key, [r.id]);
  }

  let tallest: number = NODE_SIZE.height;
  for (const r of ripples) tallest = Math.max(tallest, heightOf(options.heights, r.id));
  const spacing = spacingFor(tallest);
  const positions: Positions = new Map();
  const rings: Ring[] = [];
  let inner = CENTRE_RADIUS + RING_GAP;
  for (const order of [1, 2, 3] as const) {
    const first = inner + spacing / 2;
    let circles = 0;
    for (const sector of sectors) {
      const ids = groups.get(`${order}|${sector.code}`) ?? [];
      let next = 0;
      for (let c = 0; next < ids.length; c++) {
        const radius = first + c * spacing;
        const step = slotAngle(radius, spacing);
        const slots = Math.floor((sector.end - sector.start) / step);
        // Half a step of margin at both sector edges keeps neighbours across the edge a slot apart.
        const used = Math.min(slots, ids.length - next);
        const offset = (sector.end - sector.start - used * step) / 2;
        for (let s = 0; s < used; s++) {
          const a = sector.start + offset + (s + 0.5) * step;
          const id = ids[next++] as string;
          positions.set(id, {
            x: radius * Math.sin(a) - NODE_SIZE.width / 2,
            y: -radius * Math.cos(a) - heightOf(options.heights, id) / 2,
          });
        }
        circles = Math.max(circles, c + 1);
      }
    }
    const outer = circles === 0 ? inner + EMPTY_RING_DEPTH : first + (circles - 1) * spacing + spacing / 2;
    rings.push({ order, inner, outer });
    inner = outer + RING_GAP;
  }

  const outermost = rings.at(-1)?.outer ?? CENTRE_RADIUS;
  const labels = placeLabels(sectors, outermost, options.labels);
  const boxes = [
    ...labels.map((l) => l.box),
    { x: -outermost, y: -outermost, width: 2 * outermost, height: 2 * outermost },
  ];
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height));
  return {
    positions,
    centre: { x: 0, y: 0 },
    centreRadius: CENTRE_RADIUS,
    rings,
    sectors,
    labels,
    bounds: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
  };
}

/** The angle between neighbouring slots on a circle of this radius. */
const slotAngle = (radius: number, spacing: number) => 2 * Math.asin(Math.min(1, spacing / (2 * radius)));

/**
 * Sector labels just inside the outer ring, on each sector's middle, the text running
 * towards the centre; a label that would meet one placed before goes outside the outer
 * ring instead, running outwards, as far out as it takes to be clear.
 */
function placeLabels(
  sectors: readonly Sector[],
  outer: number,
  texts: ReadonlyMap<string, string> | undefined,
): SectorLabel[] {
  const placed = new Map<string, SectorLabel>();
  const isFree = (box: Rect) => {
    const padded: Rect = {
      x: box.x - LABEL_GAP / 2,
      y: box.y - LABEL_GAP / 2,
      width: box.width + LABEL_GAP,
      height: box.height + LABEL_GAP,
    };
    return ![...placed.values()].some((other) => rectsOverlap(padded, other.box));
  };
  // The widest sectors first: they have the most room, and keep their label at the edge.
  const byWidth = [...sectors].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  for (const sector of byWidth) {
    const width = labelWidth(texts?.get(sector.code) ?? sector.code);
    const mid = (sector.start + sector.end) / 2;
    const at = (r: number, inwards: boolean) => labelAt(sector.code, mid, r, width, inwards);
    const inside = at(outer - LABEL_INSET, true);
    // Inside only where it clears the programme's disc too (long names on a small picture do not).
    let label: SectorLabel | null =
      isFree(inside.box) && nearest(inside.box) > CENTRE_RADIUS + LABEL_GAP ? inside : null;
    for (let r = outer + LABEL_GAP; !label; r += LABEL_LINE / 2) {
      const candidate = at(r, false);
      if (isFree(candidate.box)) label = candidate;
    }
    placed.set(sector.code, label);
  }
  return sectors.map((s) => placed.get(s.code) as SectorLabel);
}

/** A label anchored at radius `r` on angle `mid`, its text running towards the centre or away. */
function labelAt(code: string, mid: number, r: number, width: number, inwards: boolean): SectorLabel {
  const sin = Math.sin(mid);
  const cos = Math.cos(mid);
  const right = inwards ? 'end' : 'start';
  const left = inwards ? 'start' : 'end';
  const anchor = sin > 0.2 ? right : sin < -0.2 ? left : 'middle';
  const baseline =
    cos > 0.2 ? (inwards ? 'hanging' : 'auto') : cos < -0.2 ? (inwards ? 'auto' : 'hanging') : 'middle';
  const x = r * sin;
  const y = -r * cos;
  const box: Rect = {
    x: anchor === 'start' ? x : anchor === 'end' ? x - width : x - width / 2,
    y: baseline === 'hanging' ? y : baseline === 'auto' ? y - LABEL_LINE : y - LABEL_LINE / 2,
    width,
    height: LABEL_LINE,
  };
  return { code, x, y, anchor, baseline, box };
}

/** How wide a sector label is expected to be (bold type, a generous guess per character). */
export const labelWidth = (text: string): number =>
  Math.max(1, text.length) * SECTOR_LABEL_SIZE * LABEL_CHAR_WIDTH;

/**
 * The rings a rectangle of the picture shows some of (their orders, from the inside out):
 * a projector's part of the map names them, since the ring names drawn at the top of the
 * picture are seldom in a part's view. A ring is drawn as a disc under the ones inside it
 * (client/canvas/LayoutBackdrop.tsx), so it reaches in to the next ring inwards (or to the
 * programme's disc), gap and all.
 *
 * @example
 * ringsIn(result, { x: 300, y: -900, width: 1200, height: 800 }); // [2, 3]
 */
export function ringsIn(
  result: Pick<RingsResult, 'rings' | 'centre' | 'centreRadius'>,
  rect: Rect,
): Ring['order'][] {
  const x0 = rect.x - result.centre.x;
  const y0 = rect.y - result.centre.y;
  const x1 = x0 + rect.width;
  const y1 = y0 + rect.height;
  const near = Math.hypot(Math.max(x0, -x1, 0), Math.max(y0, -y1, 0));
  const far = Math.hypot(Math.max(Math.abs(x0), Math.abs(x1)), Math.max(Math.abs(y0), Math.abs(y1)));
  const shown: Ring['order'][] = [];
  let inner = result.centreRadius;
  for (const ring of result.rings) {
    if (near < ring.outer && far > inner) shown.push(ring.order);
    inner = ring.outer;
  }
  return shown;
}
