import { ViewportPortal } from '@xyflow/react';
import { memo, useId, useMemo, useRef } from 'react';
import { INTO, linkPath } from '../../shared/layouts/linkRoute';
import type { Link } from '../../shared/model/ripple';
import { useReadableZoom } from './detailZoom';
import { type Routes, routeLinks } from './linkRoutes';
import type { MapCard } from './toCards';

/** Inline, so the lines keep their colour wherever the SVG is copied (stylesheets stay behind). */
export const LINK_COLOR = '#23395b';
const LINK_WIDTH = 2.5;
/** How far from the line a click still picks it. */
const HIT_WIDTH = 20;

/**
 * The links between cards: one SVG in the map's coordinates, drawn under the cards.
 *
 * Not React Flow edges: React Flow gives every edge an `<svg>` of its own, a component and
 * a store subscription that runs on every pan frame. On a map with 1,200 links that was
 * a large share of the first render and 1,200 selectors per frame while panning
 * (bench/boardRender.ts). Here one component draws every link from the cards' positions,
 * and a link's path is re-rendered only when one of its two cards moves (while dragging
 * too: `cards` are the cards as shown, positions included).
 *
 * With `onSelect` (the board) a click on a line selects it; Delete then unlinks (see
 * RippleCanvas). The keyboard way to see and remove links is the ripple's link list in
 * the edit panel (board/RippleLinks.tsx), so the lines are hidden from assistive
 * technology instead of being 1,200 tab stops in front of the cards.
 */
export const LinkLayer = memo(function LinkLayer({
  cards,
  links,
  selected,
  onSelect,
}: {
  cards: readonly MapCard[];
  links: readonly Link[];
  selected: readonly string[];
  onSelect: ((linkId: string) => void) | null;
}) {
  const markerId = `link-arrow-${useId().replace(/:/g, '')}`;
  const chosen = useMemo(() => new Set(selected), [selected]);
  const readable = useReadableZoom();
  // Zoomed out too far to read, a line is too thin to pick: no hit areas, and all lines are
  // one path with their arrowheads in a second (two elements instead of 1,200 components:
  // less to build, style and paint on a big map's first render).
  const pickable = readable && onSelect !== null;
  // A line picks, of the sides facing its effect, the ones that keep it clear of other cards,
  // or goes round them; routes still good are kept from the last render (linkRoutes.ts).
  const last = useRef<Routes | null>(null);
  const routes = useMemo(() => {
    last.current = routeLinks(cards, links, last.current);
    return last.current;
  }, [cards, links]);
  const overview = useMemo(() => (readable ? null : overviewPaths(links, routes)), [readable, links, routes]);

  const onClick = onSelect
    ? (event: React.MouseEvent) => {
        const id = (event.target as Element).getAttribute('data-link');
        if (id) onSelect(id);
      }
    : undefined;

  return (
    <ViewportPortal>
      {/* A click picks a line; the keyboard way to links is the edit panel's link list. */}
      <svg className={pickable ? 'links links--selectable' : 'links'} aria-hidden="true" onClick={onClick}>
        <defs>
          <marker
            id={markerId}
            markerWidth="22"
            markerHeight="22"
            viewBox="-10 -10 20 20"
            markerUnits="strokeWidth"
            orient="auto-start-reverse"
            refX="0"
            refY="0"
          >
            <polyline
              stroke={LINK_COLOR}
              fill={LINK_COLOR}
              strokeWidth="1"
              strokeLinecap="round"
              strokeLinejoin="round"
              points="-5,-4 0,0 -5,4 -5,-4"
            />
          </marker>
        </defs>
        {overview && (
          <>
            <path
              className="link link--overview"
              d={overview.lines}
              fill="none"
              stroke={LINK_COLOR}
              strokeWidth={LINK_WIDTH}
            />
            <path
              d={overview.arrows}
              fill={LINK_COLOR}
              stroke={LINK_COLOR}
              strokeWidth={1}
              strokeLinejoin="round"
            />
          </>
        )}
        {links.map((link) => {
          // Zoomed out, only a chosen line is drawn on its own (to show that it is chosen).
          if (overview && !chosen.has(link.id)) return null;
          const route = routes.byLink.get(link.id);
          if (!route) return null;
          return (
            <LinkPath
              key={link.id}
              id={link.id}
              d={linkPath(route.ends)}
              selected={chosen.has(link.id)}
              hit={pickable}
              marker={markerId}
            />
          );
        })}
      </svg>
    </ViewportPortal>
  );
});

/** The arrowhead's length and half-width in map units: the marker's, at LINK_WIDTH. */
const ARROW_LENGTH = 13.75;
const ARROW_HALF = 11;

/** Every line as one path and every arrowhead as another, for the zoomed-out map. */
function overviewPaths(links: readonly Link[], routes: Routes): { lines: string; arrows: string } {
  const lines: string[] = [];
  const arrows: string[] = [];
  for (const link of links) {
    const ends = routes.byLink.get(link.id)?.ends;
    if (!ends) continue;
    lines.push(linkPath(ends, ARROW_LENGTH));
    const { x: dx, y: dy } = INTO[ends.target];
    const bx = ends.tx - dx * ARROW_LENGTH;
    const by = ends.ty - dy * ARROW_LENGTH;
    arrows.push(
      `M${bx - dy * ARROW_HALF},${by + dx * ARROW_HALF}L${ends.tx},${ends.ty}L${bx + dy * ARROW_HALF},${by - dx * ARROW_HALF}Z`,
    );
  }
  return { lines: lines.join(''), arrows: arrows.join('') };
}

const LinkPath = memo(function LinkPath({
  id,
  d,
  selected,
  hit,
  marker,
}: {
  id: string;
  /** The path (linkPath): a string, so the line re-renders only when its route changes. */
  d: string;
  selected: boolean;
  hit: boolean;
  marker: string;
}) {
  const line = (className?: string, linkId?: string) => (
    <path
      className={className}
      data-link-id={linkId}
      d={d}
      fill="none"
      stroke={LINK_COLOR}
      strokeWidth={LINK_WIDTH}
      markerEnd={`url(#${marker})`}
    />
  );
  const classes = selected ? 'link link--selected' : 'link';
  // Without a hit area the line is one element, not a group of two.
  if (!hit) return line(classes, id);
  return (
    <g className={classes} data-link-id={id}>
      {line()}
      <path
        className="link__hit nopan"
        data-link={id}
        d={d}
        fill="none"
        stroke="transparent"
        strokeWidth={HIT_WIDTH}
      />
    </g>
  );
});
