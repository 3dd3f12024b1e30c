import { useNodesInitialized, useReactFlow } from '@xyflow/react';
import { type RefObject, useEffect } from 'react';
import { useSession } from '../store/SessionContext';
import { selectLeaderViewport } from '../store/selectors';

const prefersReducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Fit options shared by the automatic fit and the "fit to content" button. */
export const FIT_OPTIONS = { padding: 0.08, maxZoom: 2 } as const;

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
}: {
  count: number;
  layoutKind: string;
  steered: RefObject<boolean>;
}) {
  const { fitView } = useReactFlow();
  const initialized = useNodesInitialized();
  const following = useSession(selectLeaderViewport) !== null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: refit when the layout changes
  useEffect(() => {
    if (!initialized || count === 0 || steered.current || following) return;
    void fitView({ ...FIT_OPTIONS, duration: prefersReducedMotion() ? 0 : 300 });
  }, [initialized, count, steered, fitView, following, layoutKind]);

  return null;
}
