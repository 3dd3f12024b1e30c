import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** What the server checks at the socket: a screen key, or a phone's participant id and secret. */
export type SessionCredentials = { key: string } | { pid: string; secret: string };

/**
 * The connection as a person should hear about it:
 * - connecting: the first attempt, nothing shown yet
 * - online: connected; `synced` once the server's copy has arrived
 * - offline: the connection dropped; y-websocket retries with backoff
 * - refused: the server closed with a 44xx code and we stopped retrying
 */
export type ConnectionState =
  | { phase: 'connecting' }
  | { phase: 'online'; synced: boolean }
  | { phase: 'offline' }
  | { phase: 'refused'; code: number };

export interface SessionConnection {
  readonly doc: Y.Doc;
  /** Closes the socket and frees the document. */
  destroy(): void;
}

export function webSocketBase(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

/**
 * Opens one session document over y-websocket and reports the connection state.
 *
 * @example
 * const connection = connectSession('abc123', { key }, (state) => console.log(state.phase));
 * // later
 * connection.destroy();
 */
export function connectSession(
  sessionId: string,
  credentials: SessionCredentials,
  onState: (state: ConnectionState) => void,
): SessionConnection {
  const doc = new Y.Doc();
  const params: Record<string, string> =
    'key' in credentials ? { key: credentials.key } : { pid: credentials.pid, secret: credentials.secret };
  // No BroadcastChannel: the server authorises each connection by its role, so two tabs
  // of different roles must not pass each other's changes around it.
  const provider = new WebsocketProvider(webSocketBase(), sessionId, doc, { params, disableBc: true });

  let everConnected = false;
  let refused = false;
  const report = (state: ConnectionState) => {
    if (!refused) onState(state);
  };

  provider.on('status', ({ status }) => {
    if (status === 'connected') {
      everConnected = true;
      report({ phase: 'online', synced: provider.synced });
    } else if (status === 'disconnected' || everConnected) {
      report({ phase: 'offline' });
    } else {
      report({ phase: 'connecting' });
    }
  });
  provider.on('sync', (synced) => {
    if (provider.wsconnected) report({ phase: 'online', synced });
  });
  provider.on('closed', ({ code }) => {
    report({ phase: 'refused', code });
    refused = true;
  });

  return {
    doc,
    destroy() {
      refused = true;
      provider.destroy();
      doc.destroy();
    },
  };
}
