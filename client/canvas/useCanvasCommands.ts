import type { Connection, Edge, OnDelete, OnNodeDrag, OnSelectionChangeFunc } from '@xyflow/react';
import { useMemo } from 'react';
import { deleteRipple, linkRipples, moveRipple, unlinkRipples } from '../../shared/doc/commands';
import { commandErrorKey } from '../i18n/errorText';
import { setSelection, showNotice, startEditing } from '../store/actions';
import type { SessionHandle } from '../store/SessionContext';
import type { RippleNode } from './toFlow';

/**
 * The board's canvas gestures, each turned into one shared command: drag a handle to
 * another card → link; drop a card → move; Delete → delete or unlink; double-click → edit.
 */
export function useCanvasCommands({ doc, actor, store }: SessionHandle) {
  return useMemo(() => {
    const onConnect = (connection: Connection) => {
      const result = linkRipples(doc, actor, connection.source, connection.target);
      if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
    };
    const onNodeDragStop: OnNodeDrag<RippleNode> = (_event, _node, dragged) => {
      for (const node of dragged) {
        moveRipple(doc, actor, node.id, { x: Math.round(node.position.x), y: Math.round(node.position.y) });
      }
    };
    const onDelete: OnDelete<RippleNode, Edge> = ({ nodes, edges }) => {
      const removed = new Set(nodes.map((node) => node.id));
      for (const node of nodes) deleteRipple(doc, actor, node.id);
      // Links of a deleted ripple went with it; only unlink the others.
      for (const edge of edges) {
        if (!removed.has(edge.source) && !removed.has(edge.target))
          unlinkRipples(doc, actor, edge.source, edge.target);
      }
    };
    const onNodeDoubleClick = (_event: React.MouseEvent, node: RippleNode) => startEditing(store, node.id);
    const onSelectionChange: OnSelectionChangeFunc<RippleNode, Edge> = ({ nodes, edges }) =>
      setSelection(
        store,
        nodes.map((node) => node.id),
        edges.map((edge) => edge.id),
      );
    return { onConnect, onNodeDragStop, onDelete, onNodeDoubleClick, onSelectionChange };
  }, [doc, actor, store]);
}
