import type { Phase, SessionMeta, TimelineLanes } from '../model/ripple';
import { type CardHeights, heightOf, NODE_GAP, NODE_SIZE } from './geometry';
import { monthIndex, monthName, monthOfTime, timeValue } from './months';
import type { LayoutRipple, Positions } from './types';

/** Width of one month on the axis: two cards fit side by side in a busy month. */
export const MONTH_WIDTH = 180;
const LANE_PAD = 24;
const TRAY_COLUMNS = 2;
/** The band at the top of the tray, above its cards, where its name goes. */
export const TRAY_HEAD = 2 * LANE_PAD;

export interface TimelineTick {
  x: number;
  /** YYYY-MM */
  month: string;
}

export interface PhaseBand {
  id: string;
  label: string;
  x0: number;
  x1: number;
}

export interface TimelineLane {
  /** 'activities', an order ('1', '2', '3'), a code id or 'none', or an intended value. */
  key: string;
  y0: number;
  y1: number;
}

export interface TimelineResult {
  positions: Positions;
  axis: { x0: number; x1: number; y: number; ticks: TimelineTick[]; phaseBands: PhaseBand[] };
  lanes: TimelineLane[];
  /** Ripples with no usable date, in the "not yet dated" tray left of the axis. */
  tray: { ids: string[]; x: number; y: number; width: number; height: number };
}

export interface TimelineOptions {
  lanes: TimelineLanes;
  /** The session codebook's code ids, in display order (for lanes by code). */
  codeIds: readonly string[];
  /** Cards taller than the standard (cardSize.ts), by ripple id: a row is as tall as its tallest card. */
  heights?: CardHeights;
}

type Meta = Pick<SessionMeta, 'spanStart' | 'spanEnd' | 'phases' | 'createdAt'>;

/** A phase's months, when it has them. */
function phaseSpan(phase: Phase): { start: number; end: number } | null {
  const start = phase.start ? monthIndex(phase.start) : null;
  const end = phase.end ? monthIndex(phase.end) : start;
  if (start === null || end === null) return null;
  return { start: Math.min(start, end), end: Math.max(start, end) };
}

/** Where on the time axis (in months) a ripple happened, or null when it waits in the tray. */
function timeOf(ripple: LayoutRipple, phases: ReadonlyMap<string, Phase>): number | null {
  const when = ripple.when;
  if (!when) return null;
  if (when.kind === 'phase') {
    const phase = phases.get(when.value);
    const span = phase ? phaseSpan(phase) : null;
    return span ? (span.start + span.end + 1) / 2 : null;
  }
  return timeValue(when.value);
}

function laneKeys(options: TimelineOptions): string[] {
  switch (options.lanes) {
    case 'order':
      return ['1', '2', '3'];
    case 'code':
      return [...options.codeIds, 'none'];
    case 'intended':
      return ['intended', 'unintended', 'unknown'];
  }
}

function laneOf(ripple: LayoutRipple, options: TimelineOptions): string {
  if (ripple.kind === 'activity') return 'activities';
  switch (options.lanes) {
    case 'order':
      return String(Math.min(ripple.order, 3));
    case 'code':
      return ripple.code && options.codeIds.includes(ripple.code) ? ripple.code : 'none';
    case 'intended':
      return ripple.intended;
  }
}

/**
 * The timeline (the variant used in the report): a horizontal axis over the session's
 * time span with month ticks and phase bands; each dated ripple sits at the x of when it
 * happened, in the swimlane of its order, code or intendedness. Activities sit in the row
 * right under the axis, the effects they led to in the lanes below. Ripples with no date
 * wait in a tray left of the axis. Cards in a lane that would overlap take the next row;
 * a row is as tall as its tallest card.
 *
 * @example
 * const { positions, axis, tray } = timelineLayout(ripples, meta, { lanes: 'order', codeIds: [] });
 * monthAtX(axis, positions.get('r1').x + NODE_SIZE.width / 2); // '2024-03'
 */
export function timelineLayout(
  ripples: readonly LayoutRipple[],
  meta: Meta,
  options: TimelineOptions,
): TimelineResult {
  const phases = new Map(meta.phases.map((p) => [p.id, p]));
  const times = new Map<string, number>();
  for (const r of ripples) {
    const t = timeOf(r, phases);
    if (t !== null) times.set(r.id, t);
  }
  // The span: the session's, widened to every dated ripple and phase, else the year before the session.
  let first = meta.spanStart ? monthIndex(meta.spanStart) : null;
  let last = meta.spanEnd ? monthIndex(meta.spanEnd) : null;
  const widen = (m: number) => {
    first = first === null ? m : Math.min(first, m);
    last = last === null ? m : Math.max(last, m);
  };
  for (const t of times.values()) widen(Math.floor(t));
  for (const p of meta.phases) {
    const span = phaseSpan(p);
    if (span) {
      widen(span.start);
      widen(span.end);
    }
  }
  const lastMonth = last ?? monthOfTime(meta.createdAt);
  const firstMonth = Math.min(first ?? lastMonth - 11, lastMonth);
  const x0 = 0;
  const xOf = (month: number) => x0 + (month - firstMonth) * MONTH_WIDTH;
  const x1 = xOf(lastMonth + 1);
  const ticks: TimelineTick[] = [];
  for (let m = firstMonth; m <= lastMonth + 1; m++) ticks.push({ x: xOf(m), month: monthName(m) });
  const phaseBands: PhaseBand[] = [];
  for (const p of meta.phases) {
    const span = phaseSpan(p);
    if (span) phaseBands.push({ id: p.id, label: p.label, x0: xOf(span.start), x1: xOf(span.end + 1) });
  }

  // Lanes, top to bottom: activities on the axis, then the chosen grouping.
  const keys = ['activities', ...laneKeys(options)];
  const byLane = new Map<string, { id: string; left: number }[]>(keys.map((k) => [k, []]));
  const tray: string[] = [];
  for (const r of ripples) {
    const t = times.get(r.id);
    if (t === undefined) {
      tray.push(r.id);
      continue;
    }
    byLane.get(laneOf(r, options))?.push({ id: r.id, left: xOf(t) - NODE_SIZE.width / 2 });
  }
  const positions: Positions = new Map();
  const axisY = 0;
  let y = axisY + LANE_PAD;
  const lanes: TimelineLane[] = [];
  for (const key of keys) {
    const items = (byLane.get(key) ?? []).sort((a, b) => a.left - b.left || a.id.localeCompare(b.id));
    if (key === 'activities' && items.length === 0) continue;
    // Greedy interval packing: each card takes the first row whose last card ends before it.
    const rowEnds: number[] = [];
    const rowHeights: number[] = [];
    const rowOf: { id: string; left: number; row: number }[] = [];
    for (const item of items) {
      let row = rowEnds.findIndex((end) => end + NODE_GAP <= item.left);
      if (row === -1) {
        row = rowEnds.length;
        rowEnds.push(0);
        rowHeights.push(0);
      }
      rowEnds[row] = item.left + NODE_SIZE.width;
      rowHeights[row] = Math.max(rowHeights[row] as number, heightOf(options.heights, item.id));
      rowOf.push({ ...item, row });
    }
    const rowTops = stack(rowHeights, y + LANE_PAD);
    for (const item of rowOf) positions.set(item.id, { x: item.left, y: rowTops[item.row] as number });
    const rowsHeight =
      rowHeights.length === 0 ? NODE_SIZE.height : sum(rowHeights) + NODE_GAP * (rowHeights.length - 1);
    const height = 2 * LANE_PAD + rowsHeight;
    lanes.push({ key, y0: y, y1: y + height });
    y += height;
  }

  // The tray: a grid left of the axis, top-aligned with the lanes.
  const trayWidth = TRAY_COLUMNS * (NODE_SIZE.width + NODE_GAP) + NODE_GAP;
  const trayX = x0 - trayWidth - 2 * MONTH_WIDTH;
  const trayY = axisY + LANE_PAD;
  tray.sort();
  const trayRowHeights: number[] = [];
  tray.forEach((id, i) => {
    const row = Math.floor(i / TRAY_COLUMNS);
    trayRowHeights[row] = Math.max(trayRowHeights[row] ?? 0, heightOf(options.heights, id));
  });
  const trayTops = stack(trayRowHeights, trayY + TRAY_HEAD);
  tray.forEach((id, i) => {
    positions.set(id, {
      x: trayX + NODE_GAP + (i % TRAY_COLUMNS) * (NODE_SIZE.width + NODE_GAP),
      y: trayTops[Math.floor(i / TRAY_COLUMNS)] as number,
    });
  });
  const trayRows =
    trayRowHeights.length === 0
      ? NODE_SIZE.height + NODE_GAP
      : sum(trayRowHeights) + NODE_GAP * trayRowHeights.length;
  return {
    positions,
    axis: { x0, x1, y: axisY, ticks, phaseBands },
    lanes,
    tray: { ids: tray, x: trayX, y: trayY, width: trayWidth, height: LANE_PAD * 3 + trayRows },
  };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The top of each row when rows of these heights are stacked from `top`, a gap apart. */
function stack(heights: readonly number[], top: number): number[] {
  const tops: number[] = [];
  let y = top;
  for (const h of heights) {
    tops.push(y);
    y += h + NODE_GAP;
  }
  return tops;
}

/**
 * The month under an x on the axis (the centre of a dropped card), or null left of the
 * axis (back to the tray). Clamped to the axis's last month on the right.
 */
export function monthAtX(axis: TimelineResult['axis'], x: number): string | null {
  if (x < axis.x0 || axis.ticks.length === 0) return null;
  const firstTick = axis.ticks[0] as TimelineTick;
  const firstMonth = monthIndex(firstTick.month) as number;
  const months = axis.ticks.length - 2;
  const offset = Math.min(Math.floor((x - axis.x0) / MONTH_WIDTH), Math.max(0, months));
  return monthName(firstMonth + offset);
}

/**
 * The day under an x on the axis (the centre of a dropped card), as `YYYY-MM-DD`, or null
 * left of the axis (back to the tray): the inverse of where the layout puts a date, so a
 * card dropped where a date sits gets that date. Clamped to the axis's last month on the
 * right and to the month's last day.
 *
 * @example
 * dateAtX(axis, axis.x0 + 2.5 * MONTH_WIDTH); // the middle of the third month: '2024-03-16'
 */
export function dateAtX(axis: TimelineResult['axis'], x: number): string | null {
  const month = monthAtX(axis, x);
  if (month === null) return null;
  const index = monthIndex(month) as number;
  const firstMonth = monthIndex((axis.ticks[0] as TimelineTick).month) as number;
  const within = (x - axis.x0) / MONTH_WIDTH - (index - firstMonth);
  const year = Math.floor(index / 12);
  const days = new Date(Date.UTC(year, index - year * 12 + 1, 0)).getUTCDate();
  // timeValue puts day d at (d - 0.5) / 31 of its month.
  const day = Math.min(days, Math.max(1, Math.floor(Math.min(within, 1) * 31) + 1));
  return `${month}-${String(day).padStart(2, '0')}`;
}
