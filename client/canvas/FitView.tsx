import { useNodesInitialized, useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';

const prefersReducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * Fits the map into view once its cards are measured: on the board the first time
 * ripples appear (after that the facilitator steers), on the presenter whenever the
 * number of ripples changes.
 */
export function FitView({ count, always }: { count: number; always: boolean }) {
  const { fitView } = useReactFlow();
  const initialized = useNodesInitialized();
  const fitted = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refit when the number of ripples changes
  useEffect(() => {
    if (!initialized || count === 0) return;
    if (fitted.current && !always) return;
    fitted.current = true;
    void fitView({ padding: 0.15, maxZoom: 1.25, duration: prefersReducedMotion() ? 0 : 300 });
  }, [initialized, count, always, fitView]);

  return null;
}
