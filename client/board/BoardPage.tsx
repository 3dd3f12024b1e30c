import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { Actor } from '../../shared/model/ripple';
import { useSessionInfo } from '../api/useSessionInfo';
import { CardSpotlight } from '../canvas/CardSpotlight';
import { RippleCanvas } from '../canvas/RippleCanvas';
import { ConnectionProblem } from '../components/ConnectionProblem';
import { KeyProblem } from '../components/KeyProblem';
import { LoadingScreen } from '../components/LoadingScreen';
import { NoticeBanner } from '../components/NoticeBanner';
import { VoteResults } from '../components/VoteResults';
import { takeScreenKey } from '../device/screenKey';
import { useT } from '../i18n/useT';
import { SETUP_PARAM, takeSearchParam } from '../routes';
import { openPanel, setProjector } from '../store/actions';
import { SessionContext, useSession, useSessionHandle } from '../store/SessionContext';
import {
  selectConnection,
  selectIsClosed,
  selectPendingCount,
  selectProjector,
  selectSessionPhase,
} from '../store/selectors';
import { useOpenScreen } from '../store/useOpenScreen';
import { BoardHeader } from './BoardHeader';
import { toggleFullscreen } from './fullscreen';
import { JoinPanel } from './JoinPanel';
import { MapPager } from './MapPager';
import { MapToolbar } from './MapToolbar';
import { ProjectorCorner } from './ProjectorCorner';
import { PromptCardOverlay } from './PromptCard';
import { ShortcutsDialog } from './ShortcutsDialog';
import { SidePanel } from './SidePanel';
import { useBoardShortcuts } from './useBoardShortcuts';
import { useRememberSession } from './useRememberSession';
import { useUndo } from './useUndo';
import './board.css';

// The projector's view during the interviews (a chunk of its own, with the interview texts).
const InterviewStage = lazy(() => import('../interview/InterviewStage'));

const FACILITATOR: Actor = { role: 'facilitator', id: 'facilitator' };

/** `/s/:id/board`: the facilitator's map on the projector. */
export default function BoardPage({ sessionId }: { sessionId: string }) {
  const t = useT();
  const [key] = useState(() => takeScreenKey('board', sessionId));
  const credentials = useState(() => (key ? { key } : null))[0];
  const info = useSessionInfo(sessionId, key);
  const handle = useOpenScreen(sessionId, credentials, FACILITATOR, t('presence.facilitator'));

  if (info.phase === 'failed') return <KeyProblem error={info.error} />;
  if (!handle) return <LoadingScreen />;
  return (
    <SessionContext value={handle}>
      <ReactFlowProvider>
        <Board info={info.phase === 'ready' ? info.info : null} sessionId={sessionId} />
      </ReactFlowProvider>
    </SessionContext>
  );
}

function Board({
  info,
  sessionId,
}: {
  info: Parameters<typeof JoinPanel>[0]['info'] | null;
  sessionId: string;
}) {
  const t = useT();
  const { doc, store } = useSessionHandle();
  const undo = useUndo(doc);
  useBoardShortcuts(store, undo);
  const projector = useSession(selectProjector);
  const closed = useSession(selectIsClosed);
  const pending = useSession(selectPendingCount);
  const phase = useSession(selectSessionPhase);

  useRememberSession(sessionId, info?.role === 'facilitator');
  useEffect(() => {
    if (takeSearchParam(SETUP_PARAM)) openPanel(store, 'setup');
  }, [store]);

  // The interviews have a panel of their own: it opens when the session enters them.
  useEffect(() => {
    if (phase === 'interviews' && store.getState().panel === 'inbox') openPanel(store, 'interview');
  }, [phase, store]);

  // Leaving full screen (Esc) leaves projector mode too.
  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement && store.getState().projector) setProjector(store, false);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [store]);

  return (
    <div className={projector ? 'board board--projector' : 'board'}>
      {!projector && <BoardHeader undo={undo} />}
      <BoardConnectionProblem />
      {closed && !projector && <p className="closed-banner">{t('phase.closedBanner')}</p>}
      <div className="board__body">
        <main className="board__canvas">
          {projector && phase === 'interviews' ? (
            <Suspense fallback={null}>
              <InterviewStage />
            </Suspense>
          ) : (
            <RippleCanvas readOnly={projector} />
          )}
          {!projector && <MapToolbar editable={!closed} />}
          {!projector && <PromptCardOverlay />}
          {projector && <VoteResults overlay />}
          <CardSpotlight />
        </main>
        {projector && (
          // Beside the map, not over it: the join corner, the prompt card and the controls
          // never cover a card, and "fit to content" frames the map in the space left.
          <aside className="projector-rail" aria-label={t('projector.rail')}>
            <ProjectorCorner info={info} />
            <PromptCardOverlay closable />
            <MapPager />
            <div className="projector-rail__controls">
              <MapToolbar editable={false} />
              {pending > 0 && (
                <span className="count-badge count-badge--large">
                  {t('projector.waiting', { count: pending })}
                </span>
              )}
              <button
                type="button"
                className="button button--small projector-chrome"
                onClick={() => {
                  setProjector(store, false);
                  toggleFullscreen(false);
                }}
              >
                {t('projector.exit')}
              </button>
            </div>
          </aside>
        )}
        {!projector && (
          <aside className="board__side">
            {info && <JoinPanel info={info} showShare />}
            <SidePanel sessionId={sessionId} />
          </aside>
        )}
      </div>
      <ShortcutsDialog />
      <NoticeBanner />
    </div>
  );
}

function BoardConnectionProblem() {
  return <ConnectionProblem connection={useSession(selectConnection)} />;
}
