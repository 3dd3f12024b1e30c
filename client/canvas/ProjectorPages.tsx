import { useStore } from '@xyflow/react';
import { useEffect, useLayoutEffect } from 'react';
import { NODE_SIZE } from '../../shared/layouts/geometry';
import { type MapPage, mapPages, type PageCard } from '../../shared/layouts/mapPages';
import { TRAY_HEAD } from '../../shared/layouts/timelineLayout';
import { setMapPages } from '../store/actions';
import { useSessionHandle } from '../store/SessionContext';
import { PAGE_PADDING, PROJECTOR_MIN_ZOOM } from './FitView';
import { layoutBounds, type MapCard } from './toCards';
import type { MapLayout } from './useMapLayout';

/**
 * How much of the pane's height the rings' part key takes at its top (PartKey.tsx, its
 * margin and the room kept below it): the parts are cut for the height that is left. A
 * sector's name as long as a codebook allows takes two lines of the key on a laptop-sized
 * projector, so the band holds two.
 */
export const PART_KEY_BAND = 140;

const selectPaneWidth = (s: { width: number }) => s.width;
const selectPaneHeight = (s: { height: number }) => s.height;

/**
 * On a projector (or presenter) screen: keeps the session store's `mapPages` to the map
 * and the pane's size, so FitView frames the part shown and MapPager turns the parts.
 * Left out of the board, which pans and zooms by hand.
 */
export function ProjectorPages({ cards, layout }: { cards: readonly MapCard[]; layout: MapLayout }) {
  const { store } = useSessionHandle();
  const width = useStore(selectPaneWidth);
  const height = useStore(selectPaneHeight);
  useLayoutEffect(
    () => setMapPages(store, projectorPages(cards, layout, { width, height })),
    [store, cards, layout, width, height],
  );
  useEffect(() => () => setMapPages(store, null), [store]);
  return null;
}

/**
 * The projector's pages (shared/layouts/mapPages.ts) for a pane of `size` pixels: at the
 * smallest readable zoom, as many cards per page as fit with the fit's padding. The rings
 * go sector by sector, clockwise from the top, each from the inner ring out; the timeline
 * goes from its first month on, after the tray of undated ripples (a part of its own, its
 * name at its top); the free map row by row. On the rings the part key (PartKey.tsx) takes
 * a band at the top, which names the sector and the rings in view, so the parts are cut
 * for the height below it. Null when the pane is not measured yet.
 */
export function projectorPages(
  cards: readonly MapCard[],
  layout: MapLayout,
  size: { width: number; height: number },
): MapPage[] | null {
  const whole = layoutBounds(cards, layout);
  if (!whole || size.width === 0 || size.height === 0) return null;
  const margin = 1 + 2 * PAGE_PADDING;
  const screen = {
    width: size.width / PROJECTOR_MIN_ZOOM / margin,
    height: size.height / PROJECTOR_MIN_ZOOM / margin,
  };
  // The key shows only on a map in parts: a map that fits the whole pane is one page.
  const band = layout.kind === 'rings' && !(whole.width <= screen.width && whole.height <= screen.height);
  const window = band
    ? {
        ...screen,
        height: Math.max(size.height - PART_KEY_BAND, size.height / 2) / PROJECTOR_MIN_ZOOM / margin,
      }
    : screen;
  const boxes = cards.map(
    (card): PageCard => ({
      id: card.id,
      group: '',
      x: card.position.x,
      y: card.position.y,
      width: NODE_SIZE.width,
      height: card.height,
    }),
  );
  if (layout.kind !== 'rings') {
    const key = layout.kind === 'timeline' ? (b: PageCard) => [b.x, b.y] : (b: PageCard) => [b.y, b.x];
    boxes.sort(
      (a, b) =>
        (key(a)[0] as number) - (key(b)[0] as number) || (key(a)[1] as number) - (key(b)[1] as number),
    );
    if (layout.kind === 'free') return mapPages(boxes, window, whole);
    // The tray of undated ripples is a part of its own, with its name at its top.
    const { tray } = layout.timeline;
    const undated = new Set(tray.ids);
    for (const b of boxes) if (undated.has(b.id)) b.group = 'tray';
    const head = { x: tray.x, y: tray.y, width: tray.width, height: TRAY_HEAD };
    return mapPages(boxes, window, whole, new Map([['tray', head]]));
  }
  const { centre, sectors } = layout.rings;
  const polar = (b: PageCard) => {
    const dx = b.x + b.width / 2 - centre.x;
    const dy = b.y + b.height / 2 - centre.y;
    const angle = (Math.atan2(dx, -dy) + 2 * Math.PI) % (2 * Math.PI);
    return { angle, radius: Math.hypot(dx, dy) };
  };
  const sectorAt = (angle: number) =>
    Math.max(
      0,
      sectors.findIndex((s) => angle >= s.start && angle < s.end),
    );
  const order = new Map(
    boxes.map((b) => {
      const { angle, radius } = polar(b);
      return [b.id, { sector: sectorAt(angle), radius, angle }];
    }),
  );
  for (const b of boxes) b.group = sectors[order.get(b.id)?.sector ?? 0]?.code ?? '';
  boxes.sort((a, b) => {
    const p = order.get(a.id) as { sector: number; radius: number; angle: number };
    const q = order.get(b.id) as { sector: number; radius: number; angle: number };
    return p.sector - q.sector || p.radius - q.radius || p.angle - q.angle;
  });
  return mapPages(boxes, window, whole);
}
