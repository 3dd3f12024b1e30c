import { useState } from 'react';
import type { Actor } from '../../shared/model/ripple';
import { JoinPanel } from '../board/JoinPanel';
import { RippleCanvas } from '../canvas/RippleCanvas';
import { ConnectionProblem } from '../components/ConnectionProblem';
import { ConnectionStatus } from '../components/ConnectionStatus';
import { KeyProblem } from '../components/KeyProblem';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useT } from '../i18n/useT';
import { takeScreenKey } from '../session/screenKey';
import { useSessionInfo } from '../session/useSessionInfo';
import { SessionContext, useSession } from '../store/SessionContext';
import { selectConnection, selectTitle } from '../store/selectors';
import { useOpenSession } from '../store/useOpenSession';
import '../board/board.css';

/** This screen never writes, whichever key it holds (it may borrow the board's on the same laptop). */
const VIEWER: Actor = { role: 'viewer', id: 'viewer' };

/** `/s/:id/present`: the map, large and read-only, with the way in for phones. */
export default function PresenterPage({ sessionId }: { sessionId: string }) {
  const [key] = useState(() => takeScreenKey('present', sessionId));
  const credentials = useState(() => (key ? { key } : null))[0];
  const info = useSessionInfo(sessionId, key);
  const handle = useOpenSession(sessionId, credentials, VIEWER);

  if (info.phase === 'failed') return <KeyProblem error={info.error} />;
  if (!handle) return null;
  return (
    <SessionContext value={handle}>
      <div className="presenter">
        <PresenterHeader />
        <div className="presenter__body">
          <main className="presenter__canvas">
            <RippleCanvas readOnly />
          </main>
          {info.phase === 'ready' && (
            <aside className="presenter__side">
              <JoinPanel info={info.info} large />
            </aside>
          )}
        </div>
      </div>
    </SessionContext>
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
