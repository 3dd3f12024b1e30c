import { useState } from 'react';
import type { Actor } from '../../shared/model/ripple';
import { RippleCanvas } from '../canvas/RippleCanvas';
import { ConnectionProblem } from '../components/ConnectionProblem';
import { KeyProblem } from '../components/KeyProblem';
import { NoticeBanner } from '../components/NoticeBanner';
import { takeScreenKey } from '../session/screenKey';
import { useSessionInfo } from '../session/useSessionInfo';
import { SessionContext, useSession } from '../store/SessionContext';
import { selectConnection } from '../store/selectors';
import { useOpenSession } from '../store/useOpenSession';
import { BoardHeader } from './BoardHeader';
import { JoinPanel } from './JoinPanel';
import { SidePanel } from './SidePanel';
import './board.css';

const FACILITATOR: Actor = { role: 'facilitator', id: 'facilitator' };

/** `/s/:id/board`: the facilitator's map on the projector. */
export default function BoardPage({ sessionId }: { sessionId: string }) {
  const [key] = useState(() => takeScreenKey('board', sessionId));
  const credentials = useState(() => (key ? { key } : null))[0];
  const info = useSessionInfo(sessionId, key);
  const handle = useOpenSession(sessionId, credentials, FACILITATOR);

  if (info.phase === 'failed') return <KeyProblem error={info.error} />;
  if (!handle) return null;
  return (
    <SessionContext value={handle}>
      <div className="board">
        <BoardHeader />
        <BoardConnectionProblem />
        <div className="board__body">
          <main className="board__canvas">
            <RippleCanvas readOnly={false} />
          </main>
          <aside className="board__side">
            {info.phase === 'ready' && <JoinPanel info={info.info} showShare />}
            <SidePanel />
          </aside>
        </div>
        <NoticeBanner />
      </div>
    </SessionContext>
  );
}

function BoardConnectionProblem() {
  return <ConnectionProblem connection={useSession(selectConnection)} />;
}
