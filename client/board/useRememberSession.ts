import { useEffect } from 'react';
import { rememberMySession } from '../session/mySessions';
import { useSession } from '../store/SessionContext';
import type { SessionState } from '../store/sessionStore';

const selectTitle = (s: SessionState) => s.view.meta.title;
const selectCreatedAt = (s: SessionState) => s.view.meta.createdAt;
const selectClosed = (s: SessionState) => s.view.meta.sessionPhase === 'closed';
const selectRippleCount = (s: SessionState) => s.view.ripples.filter((r) => r.status !== 'hidden').length;

/**
 * Keeps this session in the device's "Mijn sessies" while its board is open, once the
 * server has confirmed the key is a facilitator's (`confirmed`).
 */
export function useRememberSession(sessionId: string, confirmed: boolean): void {
  const title = useSession(selectTitle);
  const createdAt = useSession(selectCreatedAt);
  const closed = useSession(selectClosed);
  const ripples = useSession(selectRippleCount);
  useEffect(() => {
    if (!confirmed) return;
    rememberMySession({ id: sessionId, title, createdAt, ripples, closed, openedAt: Date.now() });
  }, [confirmed, sessionId, title, createdAt, ripples, closed]);
}
