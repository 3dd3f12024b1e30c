import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense, useState } from 'react';
import type { Actor } from '../../shared/model/ripple';
import { useSessionInfo } from '../api/useSessionInfo';
import { MapPager } from '../board/MapPager';
import { MapToolbar } from '../board/MapToolbar';
import { ProjectorCorner } from '../board/ProjectorCorner';
import { PromptCardOverlay } from '../board/PromptCard';
import { CardSpotlight } from '../canvas/CardSpotlight';
import { RippleCanvas } from '../canvas/RippleCanvas';
import { ConnectionProblem } from '../components/ConnectionProblem';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { KeyProblem } from '../components/KeyProblem';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { LoadingScreen } from '../components/LoadingScreen';
import { VoteResults } from '../components/VoteResults';
import { takeScreenKey } from '../device/screenKey';
import { useT } from '../i18n/useT';
import { SessionContext, useSession } from '../store/SessionContext';
import { selectConnection, selectSessionPhase, selectTitle } from '../store/selectors';
import { useOpenScreen } from '../store/useOpenScreen';
import '../board/board.css';

const InterviewStage = lazy(() => import('../interview/InterviewStage'));

/** This screen never writes, whichever key it holds (it may borrow the board's on the same laptop). */
const VIEWER: Actor = { role: 'viewer', id: 'viewer' };

/**
 * `/s/:id/present`: the map, large and read-only, for a second screen: what the board's
 * projector mode shows, following the leading facilitator's view.
 */
export default function PresenterPage({ sessionId }: { sessionId: string }) {
  const t = useT();
  const [key] = useState(() => takeScreenKey('present', sessionId));
  const credentials = useState(() => (key ? { key } : null))[0];
  const info = useSessionInfo(sessionId, key);
  const handle = useOpenScreen(sessionId, credentials, VIEWER, t('presence.presenter'));

  if (info.phase === 'failed') return <KeyProblem error={info.error} />;
  if (!handle) return <LoadingScreen />;
  return (
    <SessionContext value={handle}>
      <ReactFlowProvider>
        <div className="presenter board--projector">
          <PresenterHeader />
          <div className="presenter__body">
            <main className="presenter__canvas">
              <PresenterMain />
              <VoteResults overlay />
              <CardSpotlight />
            </main>
            <aside className="projector-rail" aria-label={t('projector.rail')}>
              <ProjectorCorner info={info.phase === 'ready' ? info.info : null} />
              <PromptCardOverlay closable />
              <MapPager />
              <div className="projector-rail__controls">
                <MapToolbar editable={false} />
              </div>
            </aside>
          </div>
        </div>
      </ReactFlowProvider>
    </SessionContext>
  );
}

/** The map, or during the interviews the questions and the shared timer. */
function PresenterMain() {
  const phase = useSession(selectSessionPhase);
  if (phase !== 'interviews') return <RippleCanvas readOnly />;
  return (
    <Suspense fallback={null}>
      <InterviewStage />
    </Suspense>
  );
}

function PresenterHeader() {
  const t = useT();
  const title = useSession(selectTitle);
  const connection = useSession(selectConnection);
  return (
    <header className="presenter__header">
      <h1>{title || t('board.untitled')}</h1>
      <ConnectionStatus connection={connection} />
      <LanguageSwitch />
      <ConnectionProblem connection={connection} />
    </header>
  );
}
