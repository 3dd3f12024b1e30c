import { useEffect, useId, useRef } from 'react';
import type { MessageKey } from '../i18n/nl';
import { useT } from '../i18n/useT';
import { setShortcutsOpen } from '../store/actions';
import type { DocState } from '../store/docStore';
import { useSession, useSessionHandle } from '../store/SessionContext';

/** A key as printed on keyboards, or a label that differs per language. */
const SHORTCUTS: [string | { label: MessageKey }, MessageKey][] = [
  ['Tab', 'shortcuts.tab'],
  ['Enter', 'shortcuts.enter'],
  [{ label: 'shortcuts.key.space' }, 'shortcuts.space'],
  [{ label: 'shortcuts.key.shiftClick' }, 'shortcuts.shiftClick'],
  ['← ↑ → ↓', 'shortcuts.arrows'],
  ['Shift + ← ↑ → ↓', 'shortcuts.arrowsFast'],
  ['Delete', 'shortcuts.delete'],
  ['Ctrl + Z', 'shortcuts.undo'],
  ['Ctrl + Shift + Z', 'shortcuts.redo'],
  ['P', 'shortcuts.projector'],
  ['Page Down / Page Up', 'shortcuts.pages'],
  ['?', 'shortcuts.help'],
  ['Esc', 'shortcuts.escape'],
];

const selectOpen = (s: DocState) => s.shortcutsOpen;

/** The keyboard shortcuts, as a modal dialog (`?` opens it). */
export function ShortcutsDialog() {
  const t = useT();
  const id = useId();
  const { store } = useSessionHandle();
  const open = useSession(selectOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="shortcuts"
      aria-labelledby={id}
      onClose={() => setShortcutsOpen(store, false)}
    >
      <h2 id={id}>{t('shortcuts.heading')}</h2>
      <dl>
        {SHORTCUTS.map(([keys, key]) => (
          <div key={key} className="shortcuts__row">
            <dt>
              <kbd>{typeof keys === 'string' ? keys : t(keys.label)}</kbd>
            </dt>
            <dd>{t(key)}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button" onClick={() => setShortcutsOpen(store, false)}>
        {t('common.close')}
      </button>
    </dialog>
  );
}
