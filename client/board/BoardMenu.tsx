import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n/useT';

/**
 * "Meer": the board's less frequent actions (set-up, prompt card, export, codebook,
 * shortcuts, language) behind one button, so the header stays one row on a laptop. A
 * disclosure, not an ARIA menu: its items are ordinary buttons in the tab order. Closes on
 * Escape (focus back on the button), on a press outside it, and after an item is chosen.
 */
export function BoardMenu({ children }: { children: ReactNode }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="board-menu" ref={root}>
      <button
        ref={toggle}
        type="button"
        className="button button--small"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        {t('board.more')} <span aria-hidden="true">▾</span>
      </button>
      {/* A click on any item (a button inside) closes the menu after the item's own action. */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: the items are buttons; Enter on one is a click */}
      <div id={id} className="board-menu__items" hidden={!open} onClick={() => setOpen(false)}>
        {children}
      </div>
    </div>
  );
}
