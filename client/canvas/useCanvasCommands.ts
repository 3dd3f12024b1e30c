import { useMemo, useRef } from 'react';
import {
  type CommandResult,
  deleteRipple,
  editRipple,
  linkRipples,
  moveRipples,
} from '../../shared/doc/commands';
import { readRipple } from '../../shared/doc/read';
import { dateAtX, NODE_SIZE } from '../../shared/layouts';
import type { Position } from '../../shared/model/ripple';
import { commandErrorKey } from '../i18n/errorText';
import { showNotice } from '../store/actions';
import type { SessionHandle } from '../store/SessionContext';
import type { MapLayout } from './useMapLayout';

export interface CanvasCommands {
  /**
   * Cards dropped (by hand or with the arrow keys): moved on the free map, dated on the
   * timeline (left of the axis: back to the tray), put back where they were on the rings.
   */
  place(positions: ReadonlyMap<string, Position>): void;
  /** A line drawn from one card to another: "this led to that". */
  link(from: string, to: string): void;
  remove(ids: readonly string[]): void;
}

/**
 * The map's gestures as shared commands (shared/doc/commands.ts), each reporting a refusal
 * (a cycle, a closed session) as a notice.
 */
export function useCanvasCommands(
  { doc, actor, store }: SessionHandle,
  layout: MapLayout,
  /** Puts the cards back where the layout says (after a drop that changed nothing). */
  resync: () => void,
): CanvasCommands {
  const resyncRef = useRef(resync);
  resyncRef.current = resync;
  const layoutRef = useRef(layout);
  layoutRef.current = layout;

  return useMemo(() => {
    /** True when the command went through; a refusal is shown to the facilitator. */
    const report = (result: CommandResult<unknown>) => {
      if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
      return result.ok;
    };
    const dateOne = (axis: Parameters<typeof dateAtX>[0], id: string, position: Position) => {
      // The day the drop point means (the card's centre on the axis), or the tray.
      const date = dateAtX(axis, position.x + NODE_SIZE.width / 2);
      const before = readRipple(doc, id)?.when ?? null;
      if ((date === null && before === null) || (before?.kind === 'date' && before.value === date))
        return false;
      return report(
        editRipple(doc, actor, id, { when: date === null ? null : { kind: 'date', value: date } }),
      );
    };
    return {
      place(positions) {
        const current = layoutRef.current;
        let changed = false;
        if (current.kind === 'free') {
          const rounded = new Map(
            [...positions].map(([id, p]) => [id, { x: Math.round(p.x), y: Math.round(p.y) }] as const),
          );
          changed = report(moveRipples(doc, actor, rounded));
        } else if (current.kind === 'timeline') {
          for (const [id, position] of positions)
            changed = dateOne(current.timeline.axis, id, position) || changed;
        }
        // The document's change brings the new places; without one, the cards go back.
        if (!changed) resyncRef.current();
      },
      link: (from, to) => void report(linkRipples(doc, actor, from, to)),
      remove(ids) {
        for (const id of ids) report(deleteRipple(doc, actor, id));
      },
    };
  }, [doc, actor, store]);
}
