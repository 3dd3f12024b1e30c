import { useEffect } from 'react';
import { rememberMySession } from '../device/mySessions';
import type { DocState } from '../store/docStore';
import { useSession } from '../store/SessionContext';

const selectTitle = (s: DocState) => s.view.meta.title;
const selectCreatedAt = (s: DocState) => s.view.meta.createdAt;
const selectClosed = (s: DocState) => s.view.meta.sessionPhase === 'closed';
const selectRippleCount = (s: DocState) => s.view.ripples.filter((r) => r.status !== 'hidden').length;

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
