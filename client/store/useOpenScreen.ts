import { useEffect, useState } from 'react';
import type { Actor } from '../../shared/model/ripple';
import { type ConnectionState, connectSession, type SessionCredentials } from '../sync/connectSession';
import { setConnection } from './actions';
import { createDocStore } from './docStore';
import { facilitatorColor, trackPresence } from './presence';
import type { SessionHandle } from './SessionContext';

/**
 * How long a screen waits for the server's first answer before it shows the session
 * without it (empty, filling in when the answer arrives).
 */
const FIRST_SYNC_WAIT_MS = 2000;

/** Whether the wait for the first answer is over: it arrived, or it will not come soon. */
const isSettled = (state: ConnectionState): boolean =>
  state.phase === 'refused' || state.phase === 'offline' || (state.phase === 'online' && state.synced);

/**
 * Opens a session for the board and the presenter while the calling component is mounted:
 * the socket, the document, the store and presence (awareness, published as `actor`'s
 * role), torn down together on unmount. Null until opened or without credentials.
 *
 * The handle comes once the server's first answer is in the document (or after
 * FIRST_SYNC_WAIT_MS, or when the connection fails), so a big map is drawn once, complete,
 * instead of an empty board first and the whole map again a moment later
 * (bench/boardRender.ts: first render).
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
    let created: ReturnType<typeof createDocStore> | null = null;
    let shown = false;
    let wait: ReturnType<typeof setTimeout> | undefined;
    const early: ConnectionState[] = [];
    const show = () => {
      if (shown || !created) return;
      shown = true;
      clearTimeout(wait);
      created.flush();
      setHandle({ doc: connection.doc, actor, store: created.store, awareness: connection.awareness });
    };
    const connection = connectSession(sessionId, credentials, (state) => {
      if (created) setConnection(created.store, state);
      else early.push(state);
      if (isSettled(state)) show();
    });
    created = createDocStore(connection.doc);
    for (const state of early) setConnection(created.store, state);
    const stopPresence = trackPresence(connection.awareness, created.store, {
      name,
      role: actor.role,
      color: facilitatorColor(connection.awareness.clientID),
    });
    wait = setTimeout(show, FIRST_SYNC_WAIT_MS);
    if (early.some(isSettled)) show();
    return () => {
      clearTimeout(wait);
      stopPresence();
      created?.dispose();
      connection.destroy();
      setHandle(null);
    };
  }, [sessionId, credentialsKey, actor.role, actor.id, name]);

  return handle;
}
