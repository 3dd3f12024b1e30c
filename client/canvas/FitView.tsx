import { useNodesInitialized, useReactFlow } from '@xyflow/react';
import { type RefObject, useEffect } from 'react';

const prefersReducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * Fits the map into view once its cards are measured, and again whenever the number
 * of ripples changes, until someone pans or zooms by hand (`steered`): from then on
 * the facilitator decides what the room sees.
 */
export function FitView({ count, steered }: { count: number; steered: RefObject<boolean> }) {
  const { fitView } = useReactFlow();
  const initialized = useNodesInitialized();

  useEffect(() => {
    if (!initialized || count === 0 || steered.current) return;
    void fitView({ padding: 0.15, maxZoom: 1.25, duration: prefersReducedMotion() ? 0 : 300 });
  }, [initialized, count, steered, fitView]);

  return null;
}
