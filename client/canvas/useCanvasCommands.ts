import type { Connection, NodeChange, OnDelete, OnSelectionChangeFunc } from '@xyflow/react';
import { useEffect, useMemo, useRef } from 'react';
import { deleteRipple, editRipple, linkRipples, moveRipple } from '../../shared/doc/commands';
import { readRipple } from '../../shared/doc/read';
import { dateAtX, NODE_SIZE } from '../../shared/layouts';
import { commandErrorKey } from '../i18n/errorText';
import { setSelection, showNotice, startEditing } from '../store/actions';
import type { SessionHandle } from '../store/SessionContext';
import type { RippleNode } from './toFlow';
import type { MapLayout } from './useMapLayout';

/** Arrow keys send a position per key press; the document gets the last one after a pause. */
const MOVE_SETTLE_MS = 250;

/**
 * The board's canvas gestures, each turned into one shared command: drag a handle to
 * another card → link; drop a card (or move it with the arrow keys) → move it on the free
 * map, or date it on the timeline (left of the axis: back to the tray); Delete → delete
 * (a chosen link: RippleCanvas); double-click → edit.
 */
export function useCanvasCommands(
  { doc, actor, store }: SessionHandle,
  layout: MapLayout,
  /** Puts the cards back where the layout says (after a drop that changed nothing). */
  resync: () => void,
) {
  const resyncRef = useRef(resync);
  resyncRef.current = resync;
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    };
  }, []);

  return useMemo(() => {
    const report = (result: { ok: boolean; error?: Parameters<typeof commandErrorKey>[0] }) => {
      if (!result.ok && result.error) showNotice(store, commandErrorKey(result.error), 'error');
    };
    const place = (id: string, position: { x: number; y: number }) => {
      const current = layoutRef.current;
      if (current.kind === 'free') {
        report(moveRipple(doc, actor, id, { x: Math.round(position.x), y: Math.round(position.y) }));
        resyncRef.current();
      } else if (current.kind === 'timeline') {
        // The day the drop point means (the card's centre on the axis), or the tray.
        const date = dateAtX(current.timeline.axis, position.x + NODE_SIZE.width / 2);
        const before = readRipple(doc, id)?.when ?? null;
        if ((date === null && before === null) || (before?.kind === 'date' && before.value === date)) {
          resyncRef.current(); // back to its place on the axis
          return;
        }
        report(editRipple(doc, actor, id, { when: date === null ? null : { kind: 'date', value: date } }));
      } else resyncRef.current();
    };
    /** A finished drag or an arrow key: React Flow reports both as a position change that is not dragging. */
    const persistMoves = (changes: NodeChange<RippleNode>[]) => {
      for (const change of changes) {
        if (change.type !== 'position' || change.dragging !== false || !change.position) continue;
        const { id, position } = change;
        const existing = timers.current.get(id);
        if (existing) clearTimeout(existing);
        timers.current.set(
          id,
          setTimeout(() => {
            timers.current.delete(id);
            place(id, position);
          }, MOVE_SETTLE_MS),
        );
      }
    };
    const onConnect = (connection: Connection) =>
      report(linkRipples(doc, actor, connection.source, connection.target));
    const onDelete: OnDelete<RippleNode> = ({ nodes }) => {
      for (const node of nodes) report(deleteRipple(doc, actor, node.id));
    };
    const onNodeDoubleClick = (_event: React.MouseEvent, node: RippleNode) => startEditing(store, node.id);
    // Cards chosen: no link stays chosen. No cards: a link chosen meanwhile stays (LinkLayer).
    const onSelectionChange: OnSelectionChangeFunc<RippleNode> = ({ nodes }) =>
      setSelection(
        store,
        nodes.map((node) => node.id),
        nodes.length > 0 ? [] : store.getState().selection.links,
      );
    return { persistMoves, handlers: { onConnect, onDelete, onNodeDoubleClick, onSelectionChange } };
  }, [doc, actor, store]);
}
