import { useNodesInitialized, useReactFlow } from '@xyflow/react';
import { type RefObject, useEffect } from 'react';
import { useSession } from '../store/SessionContext';
import { selectLeaderViewport } from '../store/selectors';

const prefersReducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Fit options shared by the automatic fit and the "fit to content" button. */
export const FIT_OPTIONS = { padding: 0.08, maxZoom: 2 } as const;

/**
 * On a projector, type must read from the back of a room: at least 24 px on a 1920×1080
 * screen (issue 4). Projector cards set 24 px text (canvas.css), so fitting never zooms
 * out below 1; a map too big for that is centred and the facilitator pans.
 */
export const PROJECTOR_MIN_ZOOM = 1;

/** How to fit: on a projector (projector mode or the presenter) never below readable type. */
export const fitOptions = (projector: boolean) =>
  projector ? { ...FIT_OPTIONS, minZoom: PROJECTOR_MIN_ZOOM } : FIT_OPTIONS;

/**
 * Fits the map into view once its cards are measured, and again whenever the number
 * of ripples or the layout changes, until someone pans or zooms by hand (`steered`):
 * from then on the facilitator decides what the room sees. A screen following a
 * leading facilitator does not fit on its own.
 */
export function FitView({
  count,
  layoutKind,
  steered,
  projector,
}: {
  count: number;
  layoutKind: string;
  steered: RefObject<boolean>;
  projector: boolean;
}) {
  const { fitView } = useReactFlow();
  const initialized = useNodesInitialized();
  const following = useSession(selectLeaderViewport) !== null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: refit when the layout changes
  useEffect(() => {
    if (!initialized || count === 0 || steered.current || following) return;
    void fitView({ ...fitOptions(projector), duration: prefersReducedMotion() ? 0 : 300 });
  }, [initialized, count, steered, fitView, following, layoutKind, projector]);

  return null;
}
