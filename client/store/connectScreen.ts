import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type ConnectionState, type SessionCredentials, webSocketBase } from '../sync/connectSession';

export interface ScreenConnection {
  readonly doc: Y.Doc;
  /** Who else is here: facilitators' cursors and viewports, phones' roles (y-protocols awareness). */
  readonly awareness: Awareness;
  destroy(): void;
}

/**
 * The board's and presenter's connection: like `connectSession` (client/sync), plus the
 * awareness object, which presence, cursors and "everyone follows me" need.
 * TODO: fold into connectSession once it returns its provider's awareness.
 */
export function connectScreen(
  sessionId: string,
  credentials: SessionCredentials,
  onState: (state: ConnectionState) => void,
): ScreenConnection {
  const doc = new Y.Doc();
  const params: Record<string, string> =
    'key' in credentials ? { key: credentials.key } : { pid: credentials.pid, secret: credentials.secret };
  // No BroadcastChannel: the server authorises each connection by its role.
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
    } else if (status === 'disconnected' || everConnected) report({ phase: 'offline' });
    else report({ phase: 'connecting' });
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
    awareness: provider.awareness,
    destroy() {
      refused = true;
      provider.destroy();
      doc.destroy();
    },
  };
}
