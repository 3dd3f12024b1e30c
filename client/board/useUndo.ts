import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { CommandOrigin } from '../../shared/doc/origins';
import { roots } from '../../shared/doc/schema';

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
  undo: () => void;
  redo: () => void;
}

/**
 * Undo and redo of this screen's own changes only: the manager tracks transactions whose
 * origin is a `CommandOrigin` (what this client's commands create); another facilitator's
 * edits arrive with the provider as origin and are never undone here.
 */
export function useUndo(doc: Y.Doc): UndoState {
  const [manager, setManager] = useState<Y.UndoManager | null>(null);
  const [, setVersion] = useState(0);
  useEffect(() => {
    const r = roots(doc);
    const undoManager = new Y.UndoManager([r.ripples, r.links, r.meta], {
      trackedOrigins: new Set([CommandOrigin]),
      captureTimeout: 400,
    });
    const bump = () => setVersion((v) => v + 1);
    undoManager.on('stack-item-added', bump);
    undoManager.on('stack-item-popped', bump);
    undoManager.on('stack-cleared', bump);
    setManager(undoManager);
    return () => {
      undoManager.destroy();
      setManager(null);
    };
  }, [doc]);
  return {
    canUndo: (manager?.undoStack.length ?? 0) > 0,
    canRedo: (manager?.redoStack.length ?? 0) > 0,
    undo: () => manager?.undo(),
    redo: () => manager?.redo(),
  };
}
