export { freeLayout } from './freeLayout';
export { NODE_GAP, NODE_SIZE, type Rect, rectsOverlap, resolveOverlaps } from './geometry';
export { monthIndex, monthName, timeValue } from './months';
export { CENTRE_RADIUS, type Ring, type RingsResult, ringsLayout, type Sector } from './ringsLayout';
export {
  MONTH_WIDTH,
  monthAtX,
  type PhaseBand,
  type TimelineLane,
  type TimelineResult,
  type TimelineTick,
  timelineLayout,
} from './timelineLayout';
export type { LayoutRipple, Positions } from './types';
