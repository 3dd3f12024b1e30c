import { useEffect, useState } from 'react';
import type { Actor } from '../../shared/model/ripple';
import { connectSession, type SessionCredentials } from '../sync/connectSession';
import { setConnection } from './actions';
import type { SessionHandle } from './SessionContext';
import { createSessionStore } from './sessionStore';

/**
 * Opens a session for as long as the calling component is mounted: the socket, the
 * document and the store, torn down together on unmount. Null until opened (or when
 * there are no credentials yet).
 */
export function useOpenSession(
  sessionId: string,
  credentials: SessionCredentials | null,
  actor: Actor | null,
): SessionHandle | null {
  const [handle, setHandle] = useState<SessionHandle | null>(null);
  // Compared by value: a new object with the same credentials must not reconnect.
  const credentialsKey = credentials ? JSON.stringify(credentials) : null;
  const actorKey = actor ? `${actor.role}:${actor.id}` : null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: credentials and actor are compared by value through their keys
  useEffect(() => {
    if (!credentials || !actor) return;
    let store: ReturnType<typeof createSessionStore>['store'] | null = null;
    const pending: Parameters<typeof setConnection>[1][] = [];
    const connection = connectSession(sessionId, credentials, (state) => {
      if (store) setConnection(store, state);
      else pending.push(state);
    });
    const created = createSessionStore(connection.doc);
    store = created.store;
    for (const state of pending) setConnection(store, state);
    setHandle({ doc: connection.doc, actor, store });
    return () => {
      created.dispose();
      connection.destroy();
      setHandle(null);
    };
  }, [sessionId, credentialsKey, actorKey]);

  return handle;
}
