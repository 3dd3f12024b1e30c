import { ViewportPortal } from '@xyflow/react';
import { memo } from 'react';
import { useSession } from '../store/SessionContext';
import { selectMapBounds } from '../store/selectors';
import { useReadableZoom } from './detailZoom';

/** How far the dots reach beyond the cards, in map units (a few screens at any readable zoom). */
const REACH = 12_000;
/** The distance between dots, in map units (canvas.css `.map-grid` draws them so). */
const GRID_GAP = 24;

/**
 * The free map's dotted ground, drawn in the map's own coordinates, so panning moves it with
 * the cards and repaints nothing. React Flow's `<Background>` is a pattern under the map that
 * is redrawn at every pan frame, and every repaint re-layers the whole page: with 1,000 cards
 * that made pan frames late (bench/boardRender.ts). Zoomed out below reading size
 * the dots would be a grey blur: then there are none.
 */
export const MapGrid = memo(function MapGrid() {
  const bounds = useSession(selectMapBounds);
  const readable = useReadableZoom();
  if (!readable) return null;
  const x = bounds ? Math.floor((bounds.x - REACH) / GRID_GAP) * GRID_GAP : -REACH;
  const y = bounds ? Math.floor((bounds.y - REACH) / GRID_GAP) * GRID_GAP : -REACH;
  const width = (bounds?.width ?? 0) + 2 * REACH;
  const height = (bounds?.height ?? 0) + 2 * REACH;
  return (
    <ViewportPortal>
      <div className="map-grid" aria-hidden="true" style={{ left: x, top: y, width, height }} />
    </ViewportPortal>
  );
});
