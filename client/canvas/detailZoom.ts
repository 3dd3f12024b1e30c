import { type ReactFlowState, useStore } from '@xyflow/react';
import { useDeferredValue } from 'react';

/**
 * Below this zoom a card's text would be smaller than ~8 px on screen (1.2 rem × zoom):
 * unreadable. There the map draws less: a card shows only what reads at that size (its
 * order, code colour and pattern; the aria-label keeps the whole text) and a line cannot
 * be picked (its hit area would be 5 px wide). A map of 1,000 ripples fitted to a screen
 * is at zoom 0.05–0.3, where this halves the first render (bench/boardRender.ts).
 */
export const DETAIL_ZOOM = 0.4;
const selectReadable = (s: ReactFlowState) => s.transform[2] >= DETAIL_ZOOM;

/**
 * Whether the map is zoomed in far enough to read. Crossing the line re-renders every card,
 * so the new value comes as a deferred (interruptible) render, not inside a zoom's frame.
 */
export function useReadableZoom(): boolean {
  return useDeferredValue(useStore(selectReadable));
}
