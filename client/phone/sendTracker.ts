import type * as Y from 'yjs';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { isCommandOrigin } from '../../shared/doc/origins';
import type { ConnectionState, SessionConnection } from '../sync/connectSession';

/**
 * What the phone tells its user about their own changes, calmly:
 * - offline: no connection; changes wait on this phone (IndexedDB)
 * - connecting: the first connection is being made
 * - sending: connected, changes are on their way
 * - saved: connected and everything this phone made has been handed to the server
 * - refused: the server refused this phone (see <ConnectionProblem>)
 */
export type SendPhase = 'offline' | 'connecting' | 'sending' | 'saved' | 'refused';

export interface SendState {
  phase: SendPhase;
  /** The oldest change not yet surely sent, or null. Own ripples changed since then show "not sent yet". */
  unsentSince: number | null;
}

export type SendStore = StoreApi<SendState>;

const POLL_MS = 100;
/**
 * How long the socket must stay open after everything went out before we say "saved": the
 * server refuses a forbidden change within milliseconds, so a change it refused is never
 * reported as saved.
 */
const SETTLE_MS = 400;

/**
 * Follows local commands on `doc` and the connection, and decides when a change counts as
 * sent: the socket is open, synced (so the server has had our sync step 2 with everything
 * it lacked) and its send buffer is empty.
 */
export function trackSending(
  doc: Y.Doc,
  connection: Pick<SessionConnection, 'isFlushed'>,
  initialUnsentSince: number | null,
  persist: (since: number | null) => void,
): { store: SendStore; onConnection: (state: ConnectionState) => void; dispose: () => void } {
  const store = createStore<SendState>()(() => ({ phase: 'connecting', unsentSince: initialUnsentSince }));
  let connectionState: ConnectionState = { phase: 'connecting' };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let flushedAt: number | null = null;

  const check = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const { unsentSince } = store.getState();
    const { phase } = connectionState;
    if (phase !== 'online' || !connection.isFlushed()) flushedAt = null;
    if (phase === 'refused') return store.setState({ phase: 'refused' });
    if (phase === 'offline') return store.setState({ phase: 'offline' });
    if (phase === 'connecting')
      return store.setState({ phase: unsentSince === null ? 'connecting' : 'offline' });
    if (connection.isFlushed()) {
      flushedAt ??= Date.now();
      if (unsentSince === null || Date.now() - flushedAt >= SETTLE_MS) {
        if (unsentSince !== null) persist(null);
        return store.setState({ phase: 'saved', unsentSince: null });
      }
    }
    store.setState({ phase: 'sending' });
    timer = setTimeout(check, POLL_MS);
  };

  const onTransaction = (transaction: Y.Transaction) => {
    if (!transaction.local || !isCommandOrigin(transaction.origin)) return;
    flushedAt = null;
    if (store.getState().unsentSince === null) {
      // A little back, so the ripple stamped by this very command (a moment ago) counts as unsent.
      const since = Date.now() - 1000;
      persist(since);
      store.setState({ unsentSince: since });
    }
    // The provider sends in its own update handler, which may run after ours.
    queueMicrotask(check);
  };
  doc.on('afterTransaction', onTransaction);

  return {
    store,
    onConnection(state) {
      connectionState = state;
      check();
    },
    dispose() {
      doc.off('afterTransaction', onTransaction);
      if (timer !== null) clearTimeout(timer);
    },
  };
}
