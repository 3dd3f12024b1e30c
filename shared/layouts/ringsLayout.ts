import { NODE_GAP, NODE_SIZE } from './geometry';
import type { LayoutRipple, Positions } from './types';

/** Radius of the disc in the middle that names the programme. */
export const CENTRE_RADIUS = 200;
/**
 * Two cards whose centres are at least a card's diagonal apart cannot overlap, whatever
 * their angle; every slot of the rings keeps that distance to every other slot.
 */
const SPACING = Math.hypot(NODE_SIZE.width, NODE_SIZE.height) + NODE_GAP;
const RING_GAP = 40;

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

export interface RingsResult {
  positions: Positions;
  /** The centre of the picture; positions are top-left corners around it. */
  centre: { x: number; y: number };
  centreRadius: number;
  rings: Ring[];
  sectors: Sector[];
}

const ringOf = (order: number): 1 | 2 | 3 => (order <= 1 ? 1 : order === 2 ? 2 : 3);

/** The angle between neighbouring slots on a circle of this radius. */
const slotAngle = (radius: number) => 2 * Math.asin(Math.min(1, SPACING / (2 * radius)));

/**
 * The classic REM picture: the programme in the middle, a ring for first-, second- and
 * third-or-later-order ripples, one sector per code (its share of the circle grows with
 * its ripples, with a floor). Within a ring, a sector fills circles of slots from the
 * inside out; circles sit `SPACING` apart and slots `SPACING` apart along each circle,
 * so no two cards overlap.
 *
 * @example
 * const { positions, rings, sectors } = ringsLayout(ripples, ['needs', 'vision']);
 */
export function ringsLayout(ripples: readonly LayoutRipple[], codeIds: readonly string[]): RingsResult {
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
  const sorted = [...ripples].sort((a, b) => a.id.localeCompare(b.id));
  for (const r of sorted) {
    const key = `${ringOf(r.order)}|${sectorOf(r)}`;
    const list = groups.get(key);
    if (list) list.push(r.id);
    else groups.set(key, [r.id]);
  }

  const positions: Positions = new Map();
  const rings: Ring[] = [];
  let inner = CENTRE_RADIUS + RING_GAP;
  for (const order of [1, 2, 3] as const) {
    const first = inner + SPACING / 2;
    let circles = 1;
    for (const sector of sectors) {
      const ids = groups.get(`${order}|${sector.code}`) ?? [];
      let next = 0;
      for (let c = 0; next < ids.length; c++) {
        const radius = first + c * SPACING;
        const step = slotAngle(radius);
        const slots = Math.floor((sector.end - sector.start) / step);
        // Half a step of margin at both sector edges keeps neighbours across the edge a slot apart.
        const used = Math.min(slots, ids.length - next);
        const offset = (sector.end - sector.start - used * step) / 2;
        for (let s = 0; s < used; s++) {
          const a = sector.start + offset + (s + 0.5) * step;
          const id = ids[next++] as string;
          positions.set(id, {
            x: radius * Math.sin(a) - NODE_SIZE.width / 2,
            y: -radius * Math.cos(a) - NODE_SIZE.height / 2,
          });
        }
        circles = Math.max(circles, c + 1);
      }
    }
    const outer = first + (circles - 1) * SPACING + SPACING / 2;
    rings.push({ order, inner, outer });
    inner = outer + RING_GAP;
  }
  return { positions, centre: { x: 0, y: 0 }, centreRadius: CENTRE_RADIUS, rings, sectors };
}
