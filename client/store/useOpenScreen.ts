import { useEffect, useState } from 'react';
import type { Actor } from '../../shared/model/ripple';
import { connectSession, type SessionCredentials } from '../sync/connectSession';
import { setConnection } from './actions';
import { facilitatorColor, trackPresence } from './presence';
import type { SessionHandle } from './SessionContext';
import { createSessionStore } from './sessionStore';

/**
 * Opens a session for the board and the presenter while the calling component is mounted:
 * the socket, the document, the store and presence (awareness, published as `actor`'s
 * role), torn down together on unmount. Null until opened or without credentials.
 */
export function useOpenScreen(
  sessionId: string,
  credentials: SessionCredentials | null,
  actor: Actor,
  name: string,
): SessionHandle | null {
  const [handle, setHandle] = useState<SessionHandle | null>(null);
  const credentialsKey = credentials ? JSON.stringify(credentials) : null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: credentials are compared by value through their key
  useEffect(() => {
    if (!credentials) return;
    let store: ReturnType<typeof createSessionStore>['store'] | null = null;
    const early: Parameters<typeof setConnection>[1][] = [];
    const connection = connectSession(sessionId, credentials, (state) => {
      if (store) setConnection(store, state);
      else early.push(state);
    });
    const created = createSessionStore(connection.doc);
    store = created.store;
    for (const state of early) setConnection(store, state);
    const stopPresence = trackPresence(connection.awareness, store, {
      name,
      role: actor.role,
      color: facilitatorColor(connection.awareness.clientID),
    });
    setHandle({ doc: connection.doc, actor, store, awareness: connection.awareness });
    return () => {
      stopPresence();
      created.dispose();
      connection.destroy();
      setHandle(null);
    };
  }, [sessionId, credentialsKey, actor.role, actor.id, name]);

  return handle;
}
