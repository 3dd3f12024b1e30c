import { useEffect } from 'react';
import { setProjector, setShortcutsOpen } from '../store/actions';
import type { DocStore } from '../store/docStore';
import { isTyping } from '../util/isTyping';
import { toggleFullscreen } from './fullscreen';
import type { UndoState } from './useUndo';

/**
 * The board's keyboard: Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or Ctrl+Y redo, P projector mode,
 * ? the shortcuts panel, Escape closes it (Page Down and Page Up turn the projector's parts:
 * MapPager.tsx). Keys typed into a field are left alone.
 */
export function useBoardShortcuts(store: DocStore, undo: UndoState): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.key.toLowerCase() === 'z' && !isTyping(event.target)) {
        event.preventDefault();
        if (event.shiftKey) undo.redo();
        else undo.undo();
        return;
      }
      if (mod && event.key.toLowerCase() === 'y' && !isTyping(event.target)) {
        event.preventDefault();
        undo.redo();
        return;
      }
      if (mod || event.altKey || isTyping(event.target)) return;
      if (event.key === '?') setShortcutsOpen(store, !store.getState().shortcutsOpen);
      else if (event.key === 'Escape' && store.getState().shortcutsOpen) setShortcutsOpen(store, false);
      else if (event.key.toLowerCase() === 'p') {
        const next = !store.getState().projector;
        setProjector(store, next);
        toggleFullscreen(next);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, undo]);
}
