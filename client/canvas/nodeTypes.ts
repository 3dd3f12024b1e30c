import type { NodeTypes } from '@xyflow/react';
import { RippleNode } from './RippleNode';

/** A module constant: React Flow remounts every node when this object changes identity. */
export const nodeTypes: NodeTypes = { ripple: RippleNode };
