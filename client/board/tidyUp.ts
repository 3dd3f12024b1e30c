import { NODE_GAP, NODE_SIZE } from '../../shared/layouts';
import type { Link } from '../../shared/model/ripple';

/**
 * "Tidy up" for the free map: a layered tree, causes left of their effects, by ELK
 * (elkjs). Its bundle is large, so it loads only when the button is pressed. The result
 * is written back as positions (one `moveRipples` transaction, undoable), and the free
 * layout still nudges apart anything that would touch.
 */
export async function tidyPositions(
  rippleIds: readonly string[],
  links: readonly Link[],
): Promise<Map<string, { x: number; y: number }>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  const ids = new Set(rippleIds);
  const graph = await elk.layout({
    id: 'map',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': String(NODE_GAP * 1.5),
      'elk.layered.spacing.nodeNodeBetweenLayers': String(NODE_GAP * 4),
      'elk.separateConnectedComponents': 'true',
      'elk.spacing.componentComponent': String(NODE_GAP * 3),
    },
    children: rippleIds.map((id) => ({ id, width: NODE_SIZE.width, height: NODE_SIZE.height })),
    edges: links
      .filter((l) => ids.has(l.from) && ids.has(l.to))
      .map((l) => ({ id: l.id, sources: [l.from], targets: [l.to] })),
  });
  const out = new Map<string, { x: number; y: number }>();
  for (const child of graph.children ?? []) out.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  return out;
}
