export {
  CARD_TEXT_WIDTH,
  type CardChip,
  type CardContent,
  cardHeight,
  lineCount,
  textWidth,
} from './cardSize';
export { freeLayout } from './freeLayout';
export {
  type CardHeights,
  heightOf,
  NODE_GAP,
  NODE_SIZE,
  type Rect,
  rectsOverlap,
  rectUnion,
  resolveOverlaps,
} from './geometry';
export { monthIndex, monthName, timeValue } from './months';
export {
  CENTRE_RADIUS,
  EMPTY_RING_DEPTH,
  labelWidth,
  type Ring,
  type RingsOptions,
  type RingsResult,
  ringsIn,
  ringsLayout,
  SECTOR_LABEL_SIZE,
  type Sector,
  type SectorLabel,
} from './ringsLayout';
export {
  dateAtX,
  MONTH_WIDTH,
  monthAtX,
  type PhaseBand,
  type TimelineLane,
  type TimelineResult,
  type TimelineTick,
  TRAY_HEAD,
  timelineLayout,
} from './timelineLayout';
export type { LayoutRipple, Positions } from './types';
