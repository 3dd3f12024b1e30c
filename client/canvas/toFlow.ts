import { type Edge, MarkerType, type Node } from '@xyflow/react';
import type { RippleView } from '../../shared/doc/viewModel';
import type { Link, Position } from '../../shared/model/ripple';

/** What a ripple card shows. Only plain values from the document: no callbacks (STYLE.md §10). */
export interface RippleNodeData extends Record<string, unknown> {
  text: string;
  /** Null when the author stays anonymous or chose not to be shown. */
  author: string | null;
  order: number;
  codeLabel: string | null;
  codeColor: string | null;
}

export type RippleNode = Node<RippleNodeData, 'ripple'>;

/** Inline so a PNG export of the SVG keeps the lines (stylesheets do not travel with it). */
export const LINK_COLOR = '#23395b';
const LINK_STYLE = { stroke: LINK_COLOR, strokeWidth: 2 } as const;
const LINK_MARKER = { type: MarkerType.ArrowClosed, color: LINK_COLOR, width: 22, height: 22 } as const;

export interface CodeLook {
  label: string;
  color: string;
}

export function toRippleNodes(
  ripples: readonly RippleView[],
  positions: ReadonlyMap<string, Position>,
  codeLook: (code: string) => CodeLook | null,
  describe: (ripple: RippleView) => string,
): RippleNode[] {
  return ripples.map((ripple) => {
    const look = ripple.code ? codeLook(ripple.code) : null;
    return {
      id: ripple.id,
      type: 'ripple',
      position: positions.get(ripple.id) ?? { x: 0, y: 0 },
      ariaLabel: describe(ripple),
      ariaRole: 'group',
      data: {
        text: ripple.text,
        author: ripple.showAuthor && ripple.authorName ? ripple.authorName : null,
        order: ripple.order,
        codeLabel: look?.label ?? null,
        codeColor: look?.color ?? null,
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
  return next.map((node) => {
    const old = byId.get(node.id);
    if (!old) return node;
    const position = old.dragging ? old.position : node.position;
    const same =
      old.position.x === position.x &&
      old.position.y === position.y &&
      old.ariaLabel === node.ariaLabel &&
      sameData(old.data, node.data);
    if (same) return old;
    return { ...old, position, ariaLabel: node.ariaLabel, data: node.data };
  });
}

export function mergeEdges(prev: readonly Edge[], next: readonly Edge[]): Edge[] {
  const byId = new Map(prev.map((edge) => [edge.id, edge]));
  return next.map((edge) => {
    const old = byId.get(edge.id);
    if (!old) return edge;
    return old.ariaLabel === edge.ariaLabel ? old : { ...old, ariaLabel: edge.ariaLabel };
  });
}

function sameData(a: RippleNodeData, b: RippleNodeData): boolean {
  return (
    a.text === b.text &&
    a.author === b.author &&
    a.order === b.order &&
    a.codeLabel === b.codeLabel &&
    a.codeColor === b.codeColor
  );
}
