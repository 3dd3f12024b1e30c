import { ConnectionStatus } from '../components/ConnectionStatus';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useT } from '../i18n/useT';
import { openPanel } from '../store/actions';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectConnection, selectPanel, selectPendingCount, selectTitle } from '../store/selectors';

export function BoardHeader() {
  const t = useT();
  const { store } = useSessionHandle();
  const title = useSession(selectTitle);
  const connection = useSession(selectConnection);
  const pending = useSession(selectPendingCount);
  const panel = useSession(selectPanel);

  return (
    <header className="board__header">
      <div className="board__title">
        <span className="brand">Kringen</span>
        <h1>{title || t('board.untitled')}</h1>
      </div>
      <ConnectionStatus connection={connection} />
      <nav className="board__actions" aria-label={t('board.actions')}>
        <button
          type="button"
          className="button"
          aria-pressed={panel === 'add'}
          onClick={() => openPanel(store, 'add')}
        >
          {t('board.addRipple')}
        </button>
        <button
          type="button"
          className={pending > 0 ? 'button button--attention' : 'button'}
          aria-pressed={panel === 'inbox'}
          onClick={() => openPanel(store, 'inbox')}
        >
          {t('board.inbox')}{' '}
          <span className="count-badge" aria-hidden="true">
            {pending}
          </span>
          <span className="visually-hidden">{t('board.inboxWaiting', { count: pending })}</span>
        </button>
        <LanguageSwitch />
      </nav>
    </header>
  );
}
