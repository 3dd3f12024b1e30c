/**
 * The map's React Flow id (its `id` prop). React Flow puts it into every handle's
 * `data-id`, so the hand-made target handle (RippleNode.tsx) must use the same.
 */
export const FLOW_ID = 'kringen-map';
