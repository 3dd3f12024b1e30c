import { type Edge, Position as HandleSide, MarkerType, type Node, type NodeHandle } from '@xyflow/react';
import type { CodePattern } from '../../shared/codebooks';
import type { RippleView } from '../../shared/doc/viewModel';
import { NODE_SIZE } from '../../shared/layouts';
import type { Intended, Link, Position, RippleKind, Valence } from '../../shared/model/ripple';

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

/** Inline so a PNG export of the SVG keeps the lines (stylesheets do not travel with it). */
export const LINK_COLOR = '#23395b';
const LINK_STYLE = { stroke: LINK_COLOR, strokeWidth: 2.5 } as const;
const LINK_MARKER = { type: MarkerType.ArrowClosed, color: LINK_COLOR, width: 22, height: 22 } as const;

/**
 * Every card has the same size (canvas.css: `.react-flow__node-ripple` is 280×168, like
 * NODE_SIZE) and its two handles sit where canvas.css puts them (16 px, centred on the
 * left and right edge). Telling React Flow up front, instead of letting it measure a
 * thousand cards with a ResizeObserver, saves a second render of every node and lets
 * the links draw in the first pass (bench/boardRender.ts: first render). Change these
 * with the CSS.
 */
const MEASURED = { width: NODE_SIZE.width, height: NODE_SIZE.height } as const;
const HANDLE = 16;
/** A handle is centred on the inner edge of the card's border: 8 px on the left, 2 px on the right. */
const BORDER_LEFT = 8;
const BORDER_RIGHT = 2;
const HANDLE_TOP = (NODE_SIZE.height - HANDLE) / 2;
const HANDLES: NodeHandle[] = [
  {
    type: 'target',
    position: HandleSide.Left,
    x: BORDER_LEFT - HANDLE / 2,
    y: HANDLE_TOP,
    width: HANDLE,
    height: HANDLE,
  },
  {
    type: 'source',
    position: HandleSide.Right,
    x: NODE_SIZE.width - BORDER_RIGHT - HANDLE / 2,
    y: HANDLE_TOP,
    width: HANDLE,
    height: HANDLE,
  },
];

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

export function toLinkEdges(links: readonly Link[], describe: (link: Link) => string): Edge[] {
  return links.map((link) => ({
    id: link.id,
    source: link.from,
    target: link.to,
    ariaLabel: describe(link),
    style: LINK_STYLE,
    markerEnd: LINK_MARKER,
  }));
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

export function mergeEdges(prev: readonly Edge[], next: readonly Edge[]): Edge[] {
  const byId = new Map(prev.map((edge) => [edge.id, edge]));
  let changed = prev.length !== next.length;
  const out = next.map((edge, index) => {
    const old = byId.get(edge.id);
    if (!old) {
      changed = true;
      return edge;
    }
    if (prev[index] !== old) changed = true;
    if (old.ariaLabel === edge.ariaLabel) return old;
    changed = true;
    return { ...old, ariaLabel: edge.ariaLabel };
  });
  return changed ? out : (prev as Edge[]);
}

function sameData(a: RippleNodeData, b: RippleNodeData): boolean {
  for (const key of Object.keys(b) as (keyof RippleNodeData)[]) if (a[key] !== b[key]) return false;
  return true;
}
