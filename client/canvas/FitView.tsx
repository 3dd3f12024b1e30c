import { getViewportForBounds, useReactFlow, useStore, useStoreApi, type Viewport } from '@xyflow/react';
import { type RefObject, useCallback, useEffect, useRef } from 'react';
import type { MapBounds } from '../store/docStore';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectLeaderViewport, selectMapBounds, selectMapPage, selectMapPages } from '../store/selectors';

const prefersReducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Fit options shared by the automatic fit and the "fit to content" button. */
export const FIT_OPTIONS = { padding: 0.08, maxZoom: 2 } as const;
/** A projector's part of the map is framed closer: it holds as many cards as fit. */
export const PAGE_PADDING = 0.02;

/**
 * On a projector, type must read from the back of a room: at least 24 px on a 1920×1080
 * screen. A card's text is 19.2 map units (canvas.css `.ripple-card`, 1.2 rem), so fitting
 * never zooms out below 24 / 19.2; a map too big for that is centred and the facilitator
 * pans. Cards are as tall as their text (cardSize.ts), so no text is cut at that zoom.
 */
export const PROJECTOR_MIN_ZOOM = 24 / 19.2;

/**
 * Frames the whole map: the cards' rectangle (the session store's `mapBounds`, kept by
 * RippleCanvas) fitted into the pane, on a projector never below readable type. The
 * cards are not React Flow nodes (CardLayer.tsx), so React Flow's own fitView would see
 * an empty map.
 */
export function useFitMap(): (options: { projector: boolean; animate?: boolean }) => void {
  const { setViewport } = useReactFlow();
  const flow = useStoreApi();
  const { store } = useSessionHandle();
  return useCallback(
    ({ projector, animate = true }) => {
      const { mapBounds, mapPages, mapPage } = store.getState();
      // A projector showing the map in parts frames the part it is on.
      const page = projector && mapPages && mapPages.length > 1 ? mapPages[mapPage] : undefined;
      const bounds = page?.bounds ?? mapBounds;
      const { width, height, minZoom, domNode } = flow.getState();
      if (!bounds || width === 0 || height === 0) return;
      const insets = domNode ? overlayInsets(domNode) : NO_INSETS;
      const fromStart = !page && store.getState().view.meta.layout !== 'rings';
      const viewport = fittedViewport(
        bounds,
        { width, height },
        minZoom,
        projector,
        insets,
        fromStart,
        !!page,
      );
      void setViewport(viewport, { duration: animate && !prefersReducedMotion() ? 300 : 0 });
    },
    [setViewport, flow, store],
  );
}

export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}
const NO_INSETS: Insets = { top: 0, right: 0, bottom: 0, left: 0 };

/** What lies over the map's edges (the board's toolbar, zoom buttons and prompt card; a projector part's key). */
const MAP_OVERLAYS = '.map-toolbar, .react-flow__controls, .prompt-card, .part-key';
/** Room kept between an overlay and the map framed beside it. */
const OVERLAY_MARGIN = 8;

/**
 * How far in from each edge of the pane the map must stay to be clear of what lies over
 * it: each overlay takes the band along the edge it is nearest to (the toolbar at the top
 * takes a band at the top, not the whole left side). Bands that would leave less than half
 * the pane are dropped: then the overlay covers the map rather than the map shrinking away.
 */
export function overlayInsets(pane: Element): Insets {
  const box = pane.getBoundingClientRect();
  const root = pane.closest('.board__canvas, .presenter__canvas') ?? pane;
  const insets = { ...NO_INSETS };
  for (const overlay of root.querySelectorAll(MAP_OVERLAYS)) {
    const r = overlay.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= box.left || r.left >= box.right) continue;
    if (r.bottom <= box.top || r.top >= box.bottom) continue;
    const bands: [keyof Insets, number][] = [
      ['top', r.bottom - box.top],
      ['bottom', box.bottom - r.top],
      ['left', r.right - box.left],
      ['right', box.right - r.left],
    ];
    // The band that costs the least of the pane, as a share of its width or height.
    const share = ([side, band]: [keyof Insets, number]) =>
      band / (side === 'top' || side === 'bottom' ? box.height : box.width);
    const [side, band] = bands.reduce((a, b) => (share(b) < share(a) ? b : a));
    insets[side] = Math.max(insets[side], band + OVERLAY_MARGIN);
  }
  if (insets.left + insets.right > box.width / 2) insets.left = insets.right = 0;
  if (insets.top + insets.bottom > box.height / 2) insets.top = insets.bottom = 0;
  return insets;
}

/**
 * The viewport that shows `bounds` whole in a pane of `size`, clear of `insets` (see
 * FIT_OPTIONS, PROJECTOR_MIN_ZOOM). A map too big to show whole at the projector's
 * readable zoom is shown from its start (`fromStart`: the timeline's first months, the
 * free map's top left), where a reading begins, rather than from an empty middle; the
 * rings stay centred on the programme. A projector's part of the map (`paged`) is shown
 * at the readable zoom itself, so every part reads at the same size.
 */
export function fittedViewport(
  bounds: MapBounds,
  size: { width: number; height: number },
  minZoom: number,
  projector: boolean,
  insets: Insets = NO_INSETS,
  fromStart = false,
  paged = false,
): Viewport {
  const width = size.width - insets.left - insets.right;
  const height = size.height - insets.top - insets.bottom;
  const viewport = getViewportForBounds(
    bounds,
    width,
    height,
    projector ? PROJECTOR_MIN_ZOOM : minZoom,
    paged ? PROJECTOR_MIN_ZOOM : FIT_OPTIONS.maxZoom,
    paged ? PAGE_PADDING : FIT_OPTIONS.padding,
  );
  let { x, y } = viewport;
  const margin = 24;
  if (fromStart && bounds.width * viewport.zoom > width) x = margin - bounds.x * viewport.zoom;
  if (fromStart && bounds.height * viewport.zoom > height) y = margin - bounds.y * viewport.zoom;
  return { x: x + insets.left, y: y + insets.top, zoom: viewport.zoom };
}

const selectPaneSized = (s: { width: number; height: number }) => s.width > 0 && s.height > 0;

/**
 * Fits the map into view whenever the number of ripples or the layout changes, until
 * someone pans or zooms by hand (`steered`): from then on the facilitator decides what the
 * room sees. A screen following a leading facilitator does not fit on its own. The map
 * starts fitted (RippleCanvas gives React Flow a fitted starting viewport: `startFitted`),
 * so the first chance to fit is skipped.
 */
export function FitView({
  count,
  layoutKind,
  steered,
  projector,
  startFitted,
}: {
  count: number;
  layoutKind: string;
  steered: RefObject<boolean>;
  projector: boolean;
  startFitted: boolean;
}) {
  const fitMap = useFitMap();
  const sized = useStore(selectPaneSized);
  const placed = useSession(selectMapBounds) !== null;
  const following = useSession(selectLeaderViewport) !== null;
  const page = useSession(selectMapPage);
  const pages = useSession(selectMapPages)?.length ?? 0;
  const skip = useRef(startFitted);

  // Turning the projector's page shows that part, however the map was steered before.
  // biome-ignore lint/correctness/useExhaustiveDependencies: refit when the page turns or the parts change
  useEffect(() => {
    if (!projector || pages < 2 || following) return;
    steered.current = false;
    fitMap({ projector });
  }, [page, pages, projector]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refit when the layout changes
  useEffect(() => {
    if (!sized || !placed || count === 0) return;
    if (skip.current) {
      skip.current = false;
      return;
    }
    if (!steered.current && !following) fitMap({ projector });
  }, [sized, placed, count, steered, fitMap, following, layoutKind, projector]);

  return null;
}
