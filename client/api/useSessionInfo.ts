import { useEffect, useState } from 'react';
import { fetchSessionInfo, type SessionInfo } from './api';

export type SessionInfoState =
  | { phase: 'loading' }
  | { phase: 'ready'; info: SessionInfo }
  | { phase: 'failed'; error: string };

/** The join code and links of a session, for the screens that show them (board, presenter). */
export function useSessionInfo(sessionId: string, key: string | null): SessionInfoState {
  const [state, setState] = useState<SessionInfoState>({ phase: 'loading' });
  useEffect(() => {
    if (!key) return;
    let current = true;
    setState({ phase: 'loading' });
    void fetchSessionInfo(sessionId, key).then((result) => {
      if (!current) return;
      setState(result.ok ? { phase: 'ready', info: result.value } : { phase: 'failed', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [sessionId, key]);
  return key ? state : { phase: 'failed', error: 'unauthorized' };
}
