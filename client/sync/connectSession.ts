import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { avoidViewClientId } from '../../shared/doc/yjsInternals';
import { EarlyOrNewWebSocket, webSocketBase } from './earlySocket';
import { hasChanges } from './hasChanges';
import { providerSender, wrapSyncFrames } from './providerInternals';

export { webSocketBase };

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

export interface ConnectOptions {
  /**
   * Keep the document in IndexedDB under this name (phones), so what was typed offline
   * survives a reload and is sent when the connection returns. Yjs updates are idempotent,
   * so sending them again after a reload delivers each change exactly once.
   */
  persistAs?: string;
  /** The awareness state others see, e.g. `{ user: { name, role: 'participant' } }`. */
  awareness?: Record<string, unknown>;
}

export interface SessionConnection {
  readonly doc: Y.Doc;
  /** Who else is here (y-protocols awareness): presence, facilitators' cursors, "everyone follows me". */
  readonly awareness: Awareness;
  /** Resolves once the copy kept on this device (if any) is in `doc`; at once without persistence. */
  readonly whenLocalLoaded: Promise<void>;
  /** Whether everything in `doc` has been handed to an open, synced socket. */
  isFlushed(): boolean;
  /** Closes the socket and frees the document. */
  destroy(): void;
  /** Closes the socket, frees the document and deletes the copy kept on this device. */
  destroyAndForget(): Promise<void>;
}

/** The parameters the server reads the credentials from. */
export const credentialParams = (credentials: SessionCredentials): Record<string, string> =>
  'key' in credentials ? { key: credentials.key } : { pid: credentials.pid, secret: credentials.secret };

/** IndexedDB can be missing or blocked (private browsing); the page then works without it. */
const LOCAL_LOAD_TIMEOUT_MS = 1500;

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
  options: ConnectOptions = {},
): SessionConnection {
  const doc = new Y.Doc();
  // The server tells a phone's own changes from its view's by client id (shared/doc/phoneView.ts).
  avoidViewClientId(doc);
  const params = credentialParams(credentials);
  const persistence = options.persistAs ? openPersistence(options.persistAs, doc) : null;
  // No BroadcastChannel: the server authorises each connection by its role, so two tabs
  // of different roles must not pass each other's changes around it.
  const provider = new WebsocketProvider(webSocketBase(), sessionId, doc, {
    params,
    disableBc: true,
    // With a local copy we connect once it is loaded, so the first sync already carries it.
    connect: !persistence,
    // Adopts the socket the page opened before this code loaded (sync/earlySocket.ts).
    WebSocketPolyfill: EarlyOrNewWebSocket,
  });
  if (options.awareness) provider.awareness.setLocalState(options.awareness);
  readServerFramesWithoutEcho(provider, doc);

  let everConnected = false;
  let refused = false;
  let destroyed = false;
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

  // Phones learn of a dropped Wi-Fi long before the socket times out (30 s without a
  // message); reconnect at once when the browser says the network is back.
  const onOffline = () => {
    if (!refused && provider.ws) provider.disconnect();
    if (!refused) provider.shouldConnect = true;
  };
  const onOnline = () => {
    if (!refused && !destroyed && !provider.wsconnected && !provider.wsconnecting) provider.connect();
  };
  if (persistence) {
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
  }

  const whenLocalLoaded = persistence
    ? Promise.race([
        persistence.whenSynced.then(() => undefined),
        new Promise<void>((resolve) => setTimeout(resolve, LOCAL_LOAD_TIMEOUT_MS)),
      ]).catch(() => undefined)
    : Promise.resolve();
  if (persistence) {
    void whenLocalLoaded.then(() => {
      if (!destroyed && !refused) provider.connect();
    });
  }

  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    refused = true;
    window.removeEventListener('offline', onOffline);
    window.removeEventListener('online', onOnline);
    provider.destroy();
    doc.destroy();
  };

  return {
    doc,
    awareness: provider.awareness,
    whenLocalLoaded,
    isFlushed: () => provider.wsconnected && provider.synced && (provider.ws?.bufferedAmount ?? 1) === 0,
    destroy,
    async destroyAndForget() {
      destroy();
      if (persistence) await persistence.clearData().catch(() => undefined);
    },
  };
}

/**
 * Yjs encodes every transaction once more for the document's 'update' listeners, and
 * y-websocket listens there for changes to send, dropping those that came from the server.
 * For a board's first sync that is a good part of the apply (bench/boardRender.ts
 * profile) spent on an echo nobody sends. So while a server frame is read the provider
 * does not listen; where it was the only listener (the board; a phone's IndexedDB copy
 * listens too), Yjs skips the encoding. A change an observer makes meanwhile (its own
 * transaction, another origin) still reaches the provider, encoded from its state before.
 */
function readServerFramesWithoutEcho(provider: WebsocketProvider, doc: Y.Doc): void {
  const send = providerSender(provider);
  const forwardLocal = (transaction: Y.Transaction) => {
    if (transaction.origin === provider || !hasChanges(transaction)) return;
    send(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(transaction.beforeState)), transaction.origin);
  };
  wrapSyncFrames(provider, (readSync) => (...args) => {
    doc.off('update', send);
    doc.on('afterTransaction', forwardLocal);
    try {
      readSync(...args);
    } finally {
      doc.off('afterTransaction', forwardLocal);
      doc.on('update', send);
    }
  });
}

function openPersistence(name: string, doc: Y.Doc): IndexeddbPersistence | null {
  try {
    if (typeof indexedDB === 'undefined') return null;
    const persistence = new IndexeddbPersistence(name, doc);
    persistence.whenSynced.catch(() => undefined);
    return persistence;
  } catch {
    return null;
  }
}
