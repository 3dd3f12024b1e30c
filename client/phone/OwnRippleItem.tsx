import { memo, useId, useState } from 'react';
import { editRipple, withdrawRipple } from '../../shared/doc/commands';
import { canEditRipple, canWithdrawRipple } from '../../shared/doc/permissions';
import type { RippleView } from '../../shared/doc/viewModel';
import { LIMITS } from '../../shared/model/limits';
import type { RippleStatus } from '../../shared/model/ripple';
import { commandErrorKey } from '../i18n/errorText';
import type { MessageKey } from '../i18n/nl';
import { useT } from '../i18n/useT';
import { showNotice } from '../store/actions';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectMeta } from '../store/selectors';

const STATUS_TEXT: Record<RippleStatus, MessageKey> = {
  pending: 'status.pending',
  accepted: 'status.accepted',
  hidden: 'status.hidden',
};

type Mode = 'view' | 'edit' | 'confirm-withdraw';

/** One own ripple: its text and status; while it waits, it can still be changed or taken back. */
export const OwnRippleItem = memo(function OwnRippleItem({
  ripple,
  authorName,
  unsent,
}: {
  ripple: RippleView;
  authorName: string;
  /** Changed on this phone and not sent yet (no connection). */
  unsent: boolean;
}) {
  const t = useT();
  const id = useId();
  const { doc, actor, store } = useSessionHandle();
  const [mode, setMode] = useState<Mode>('view');
  const [draft, setDraft] = useState(ripple.text);

  function save(event: React.FormEvent) {
    event.preventDefault();
    const text = draft.trim();
    if (text === '') return;
    const result = editRipple(doc, actor, ripple.id, { text, authorName });
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
    else setMode('view');
  }

  function withdraw() {
    const result = withdrawRipple(doc, actor, ripple.id);
    showNotice(
      store,
      result.ok ? 'phone.withdrawn' : commandErrorKey(result.error),
      result.ok ? 'info' : 'error',
    );
  }

  const meta = useSession(selectMeta);
  const editable = canEditRipple(actor, ripple, meta);
  // Told by someone else too: the facilitator merged this phone's ripple into theirs.
  const merged = ripple.authorId !== actor.id;
  return (
    <li className={`own-ripple own-ripple--${ripple.status}`}>
      {mode === 'edit' && editable ? (
        <form onSubmit={save}>
          <label className="field">
            <span className="field__label">{t('phone.editLabel')}</span>
            <textarea
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              maxLength={LIMITS.rippleText}
              rows={3}
            />
          </label>
          <div className="button-row">
            <button type="submit" className="button button--primary">
              {t('common.save')}
            </button>
            <button type="button" className="button" onClick={() => setMode('view')}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className="own-ripple__text" id={`${id}-text`}>
            {ripple.text}
          </p>
          <p className={`status-pill status-pill--${unsent ? 'unsent' : ripple.status}`}>
            {t(unsent ? 'phone.status.unsent' : STATUS_TEXT[ripple.status])}
          </p>
          {merged && <p className="own-ripple__merged">{t('phone.merged')}</p>}
        </>
      )}
      {mode === 'view' && editable && (
        <div className="button-row">
          <button
            type="button"
            className="button"
            aria-describedby={`${id}-text`}
            onClick={() => {
              setDraft(ripple.text);
              setMode('edit');
            }}
          >
            {t('phone.edit')}
          </button>
          {canWithdrawRipple(actor, ripple, meta) && (
            <button
              type="button"
              className="button button--quiet"
              aria-describedby={`${id}-text`}
              onClick={() => setMode('confirm-withdraw')}
            >
              {t('phone.withdraw')}
            </button>
          )}
        </div>
      )}
      {mode === 'confirm-withdraw' && editable && (
        <div className="confirm">
          <p>{t('phone.withdrawQuestion')}</p>
          <div className="button-row">
            <button type="button" className="button button--danger" onClick={withdraw}>
              {t('phone.withdrawConfirm')}
            </button>
            <button type="button" className="button" onClick={() => setMode('view')}>
              {t('phone.withdrawKeep')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
});
