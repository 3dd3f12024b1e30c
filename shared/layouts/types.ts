import type { Intended, Position, RippleKind, RippleWhen } from '../model/ripple';

/** What a layout needs to know about a ripple on the map (a `RippleView` fits). */
export interface LayoutRipple {
  id: string;
  when: RippleWhen | null;
  order: number;
  /** The confirmed code; suggestions do not move a card. */
  code: string | null;
  intended: Intended;
  kind: RippleKind;
  position: Position | null;
}

/** Top-left corners of the cards, by ripple id (React Flow's convention). */
export type Positions = Map<string, Position>;
