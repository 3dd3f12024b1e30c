import { Position as HandleSide, type Node, type NodeHandle } from '@xyflow/react';
import type { CodePattern } from '../../shared/codebooks';
import type { RippleView } from '../../shared/doc/viewModel';
import { NODE_SIZE } from '../../shared/layouts';
import type { Intended, Position, RippleKind, Valence } from '../../shared/model/ripple';

/** What a ripple card shows. Only plain values from the document: no callbacks (STYLE.md §10). */
export interface RippleNodeData extends Record<string, unknown> {
  text: string;
  /** Null when the author stays anonymous or chose not to be shown. */
  author: string | null;
  /** How many more people told the same (merged duplicates). */
  coAuthors: number;
  order: number;
  kind: RippleKind;
  intended: Intended;
  valence: Valence;
  codeLabel: string | null;
  codeColor: string | null;
  codePattern: CodePattern | null;
  /** The classifier's suggestion while no code is confirmed. */
  suggestedLabel: string | null;
  votes: number;
}

export type RippleNode = Node<RippleNodeData, 'ripple'>;

/**
 * Every card has the same size (canvas.css: `.react-flow__node-ripple` is 280×168, like
 * NODE_SIZE) and its two handles sit where canvas.css puts them (16 px, centred on the
 * left and right edge). Telling React Flow up front, instead of letting it measure a
 * thousand cards with a ResizeObserver, saves a second render of every node and a forced
 * layout per handle (bench/boardRender.ts: first render; patches/ makes React Flow skip
 * the measuring). Change these with the CSS.
 */
const MEASURED = { width: NODE_SIZE.width, height: NODE_SIZE.height } as const;
const HANDLE = 16;
/** A handle is centred on the inner edge of the card's border: 8 px on the left, 2 px on the right. */
const BORDER_LEFT = 8;
const BORDER_RIGHT = 2;
const HANDLE_TOP = (NODE_SIZE.height - HANDLE) / 2;
// `id: null` as React Flow's own <Handle> has it: the connection code finds a handle's
// element by a data-id that ends in "-null-target" (RippleNode.tsx, TargetHandle).
const HANDLES: NodeHandle[] = [
  {
    id: null,
    type: 'target',
    position: HandleSide.Left,
    x: BORDER_LEFT - HANDLE / 2,
    y: HANDLE_TOP,
    width: HANDLE,
    height: HANDLE,
  },
  {
    id: null,
    type: 'source',
    position: HandleSide.Right,
    x: NODE_SIZE.width - BORDER_RIGHT - HANDLE / 2,
    y: HANDLE_TOP,
    width: HANDLE,
    height: HANDLE,
  },
];

/**
 * Where a link leaves its cause and meets its effect, relative to the card's top-left
 * corner: the outer side of the source handle, the outer side of the target handle (as
 * React Flow's getHandlePosition puts an edge's ends, so dragging a new link lines up).
 */
export const LINK_ANCHORS = {
  source: { x: (HANDLES[1] as NodeHandle).x + HANDLE, y: HANDLE_TOP + HANDLE / 2 },
  target: { x: (HANDLES[0] as NodeHandle).x, y: HANDLE_TOP + HANDLE / 2 },
} as const;

export interface CodeLook {
  label: string;
  color: string;
  pattern: CodePattern;
}

export function toRippleNodes(
  ripples: readonly RippleView[],
  positions: ReadonlyMap<string, Position>,
  codeLook: (code: string) => CodeLook | null,
  describe: (ripple: RippleView) => string,
  draggable: boolean,
): RippleNode[] {
  return ripples.map((ripple) => {
    const look = ripple.code ? codeLook(ripple.code) : null;
    const suggested = !ripple.code && ripple.suggestedCode ? codeLook(ripple.suggestedCode) : null;
    return {
      id: ripple.id,
      type: 'ripple',
      position: positions.get(ripple.id) ?? { x: 0, y: 0 },
      ariaLabel: describe(ripple),
      ariaRole: 'group',
      draggable,
      measured: MEASURED,
      handles: HANDLES,
      data: {
        text: ripple.text,
        author: ripple.showAuthor && ripple.authorName ? ripple.authorName : null,
        coAuthors: ripple.coAuthors?.length ?? 0,
        order: ripple.order,
        kind: ripple.kind,
        intended: ripple.intended,
        valence: ripple.valence,
        codeLabel: look?.label ?? null,
        codeColor: look?.color ?? null,
        codePattern: look?.pattern ?? null,
        suggestedLabel: suggested?.label ?? null,
        votes: ripple.votes,
      },
    };
  });
}

/**
 * Carries React Flow's own state (measured size, selection, a drag in progress) over
 * to freshly derived nodes, and keeps the previous object when nothing it shows
 * changed, so memoised nodes do not re-render.
 */
export function mergeNodes(prev: readonly RippleNode[], next: readonly RippleNode[]): RippleNode[] {
  const byId = new Map(prev.map((node) => [node.id, node]));
  let changed = prev.length !== next.length;
  const out = next.map((node, index) => {
    const old = byId.get(node.id);
    if (!old) {
      changed = true;
      return node;
    }
    const position = old.dragging ? old.position : node.position;
    const same =
      old.position.x === position.x &&
      old.position.y === position.y &&
      old.ariaLabel === node.ariaLabel &&
      old.draggable === node.draggable &&
      sameData(old.data, node.data);
    if (same) {
      if (prev[index] !== old) changed = true;
      return old;
    }
    changed = true;
    return { ...old, position, ariaLabel: node.ariaLabel, draggable: node.draggable, data: node.data };
  });
  return changed ? out : (prev as RippleNode[]);
}

function sameData(a: RippleNodeData, b: RippleNodeData): boolean {
  for (const key of Object.keys(b) as (keyof RippleNodeData)[]) if (a[key] !== b[key]) return false;
  return true;
}
