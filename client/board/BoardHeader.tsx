import { useShallow } from 'zustand/react/shallow';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useT } from '../i18n/useT';
import { openPanel, setProjector, setShortcutsOpen } from '../store/actions';
import type { DocState } from '../store/docStore';
import { useSession, useSessionHandle } from '../store/SessionContext';
import {
  selectConnection,
  selectPanel,
  selectParticipantCount,
  selectPendingCount,
  selectSessionPhase,
  selectTitle,
  selectVotingOpen,
} from '../store/selectors';
import { BoardMenu } from './BoardMenu';
import { toggleFullscreen } from './fullscreen';
import { PhaseSelect } from './PhaseSelect';
import type { UndoState } from './useUndo';

const selectFacilitators = (s: DocState) =>
  s.peers.filter((p) => p.role === 'facilitator').map((p) => `${p.clientId}|${p.color}|${p.name}`);

export function BoardHeader({ undo }: { undo: UndoState }) {
  const t = useT();
  const { store } = useSessionHandle();
  const title = useSession(selectTitle);
  const connection = useSession(selectConnection);
  const pending = useSession(selectPendingCount);
  const panel = useSession(selectPanel);
  const participants = useSession(selectParticipantCount);
  const facilitators = useSession(useShallow(selectFacilitators));
  const votingOpen = useSession(selectVotingOpen);
  const phase = useSession(selectSessionPhase);

  // During the interviews the header holds the interviews button, and the vote waits in "Meer"
  // (unless it is open): a laptop's header stays one row with the title readable.
  const votingInHeader = phase !== 'interviews' || votingOpen || panel === 'voting';
  const votingButton = (
    <button
      type="button"
      className={`button button--small${votingOpen ? ' button--attention' : votingInHeader ? '' : ' button--quiet'}`}
      aria-pressed={panel === 'voting'}
      onClick={() => openPanel(store, 'voting')}
    >
      {votingOpen ? t('voting.buttonOpen') : t('voting.button')}
    </button>
  );

  return (
    <header className="board__header">
      <div className="board__title">
        <span className="brand">Kringen</span>
        <h1 title={title || t('board.untitled')}>{title || t('board.untitled')}</h1>
      </div>
      <ConnectionStatus connection={connection} compact />
      <p className="presence">
        <span className="visually-hidden">{t('presence.label')}: </span>
        {facilitators.map((f) => {
          const [id, color, name] = f.split('|');
          return (
            <span key={id} className="presence__dot" style={{ background: color }} title={name}>
              <span className="visually-hidden">{name || t('presence.facilitator')}</span>
            </span>
          );
        })}
        <span className="presence__count">{t('presence.participants', { count: participants })}</span>
      </p>
      <PhaseSelect />
      <nav className="board__actions" aria-label={t('board.actions')}>
        <button
          type="button"
          className="button button--small button--icon"
          disabled={!undo.canUndo}
          aria-label={t('undo.undo')}
          title={t('undo.undo')}
          aria-keyshortcuts="Control+Z"
          onClick={undo.undo}
        >
          <span aria-hidden="true">↶</span>
        </button>
        <button
          type="button"
          className="button button--small button--icon"
          disabled={!undo.canRedo}
          aria-label={t('undo.redo')}
          title={t('undo.redo')}
          aria-keyshortcuts="Control+Shift+Z"
          onClick={undo.redo}
        >
          <span aria-hidden="true">↷</span>
        </button>
        <button
          type="button"
          className="button button--small"
          aria-pressed={panel === 'add'}
          aria-label={t('board.addRipple')}
          title={t('board.addRipple')}
          onClick={() => openPanel(store, 'add')}
        >
          {t('board.addRippleShort')}
        </button>
        <button
          type="button"
          className={pending > 0 ? 'button button--small button--attention' : 'button button--small'}
          aria-pressed={panel === 'inbox'}
          onClick={() => openPanel(store, 'inbox')}
        >
          {t('board.inbox')}{' '}
          <span className="count-badge" aria-hidden="true">
            {pending}
          </span>
          <span className="visually-hidden">{t('board.inboxWaiting', { count: pending })}</span>
        </button>
        {(phase === 'interviews' || panel === 'interview') && (
          <button
            type="button"
            className="button button--small"
            aria-pressed={panel === 'interview'}
            onClick={() => openPanel(store, 'interview')}
          >
            {t('interview.button')}
          </button>
        )}
        {votingInHeader && votingButton}
        <button
          type="button"
          className="button button--small button--primary"
          aria-keyshortcuts="P"
          onClick={() => {
            setProjector(store, true);
            toggleFullscreen(true);
          }}
        >
          {t('projector.enter')}
        </button>
        <BoardMenu>
          {!votingInHeader && votingButton}
          <button
            type="button"
            className="button button--small button--quiet"
            aria-pressed={panel === 'setup'}
            onClick={() => openPanel(store, 'setup')}
          >
            {t('setup.button')}
          </button>
          <button
            type="button"
            className="button button--small button--quiet"
            aria-pressed={panel === 'prompt'}
            onClick={() => openPanel(store, 'prompt')}
          >
            {t('prompt.button')}
          </button>
          <button
            type="button"
            className="button button--small button--quiet"
            aria-pressed={panel === 'export' || panel === 'analysis' || panel === 'replay'}
            onClick={() => openPanel(store, 'export')}
          >
            {t('research.button')}
          </button>
          <button
            type="button"
            className="button button--small button--quiet"
            aria-pressed={panel === 'codebook'}
            onClick={() => openPanel(store, 'codebook')}
          >
            {t('codebook.button')}
          </button>
          <button
            type="button"
            className="button button--small button--quiet"
            aria-keyshortcuts="?"
            onClick={() => setShortcutsOpen(store, true)}
          >
            {t('shortcuts.heading')}
          </button>
          <LanguageSwitch />
        </BoardMenu>
      </nav>
    </header>
  );
}
