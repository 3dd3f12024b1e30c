import { useEffect, useState } from 'react';
import type { Actor } from '../../shared/model/ripple';
import { CLOSE } from '../../shared/protocol/closeCodes';
import type { ParticipantIdentity } from '../device/participantIdentity';
import { clearRescued, loadRescued, saveRescued } from '../device/rescuedRipples';
import { loadUnsentSince, saveUnsentSince } from '../device/unsentChanges';
import { setConnection, showNotice } from '../store/actions';
import { createDocStore } from '../store/docStore';
import type { SessionHandle } from '../store/SessionContext';
import { type ConnectionState, connectSession } from '../sync/connectSession';
import { rescueOwnRipples, restoreRipples, startOverKeepers } from './rescue';
import { type SendStore, trackSending } from './sendTracker';

export interface PhoneSessionHandle extends SessionHandle {
  send: SendStore;
}

/** Refusals after which the phone starts over with a fresh document instead of giving up. */
const START_OVER_CODES: ReadonlySet<number> = new Set([CLOSE.forbidden.code, CLOSE.invalid.code]);
/** A refusal that keeps coming back is a bug, not a race: then we stop and show it. */
const MAX_START_OVERS = 3;

/** IndexedDB name of a phone's copy of the session: one per session and participant. */
export const phoneDocName = (sessionId: string, participantId: string) =>
  `kringen:doc:${sessionId}:${participantId}`;

/**
 * Opens a session for a phone: the document (kept in IndexedDB, so it works offline and
 * survives reloads), the socket, the store and the send tracker. When the server refuses
 * an update (4403, e.g. an edit to a ripple the facilitator accepted meanwhile), it saves
 * the own ripples' content, deletes the local copy, opens a fresh document and writes the
 * content back once the server's copy has arrived (see ./rescue.ts).
 */
export function usePhoneSession(sessionId: string, identity: ParticipantIdentity): PhoneSessionHandle | null {
  const [handle, setHandle] = useState<PhoneSessionHandle | null>(null);
  const [generation, setGeneration] = useState(0);
  const { participantId: pid, secret, name } = identity;

  useEffect(() => {
    const actor: Actor = { role: 'participant', id: pid };
    let closed = false;
    let store: ReturnType<typeof createDocStore>['store'] | null = null;
    let tracker: ReturnType<typeof trackSending> | null = null;
    const early: ConnectionState[] = [];

    const onState = (state: ConnectionState) => {
      if (closed) return;
      if (state.phase === 'refused' && START_OVER_CODES.has(state.code) && generation < MAX_START_OVERS) {
        void startOver();
        return;
      }
      if (!store || !tracker) {
        early.push(state);
        return;
      }
      setConnection(store, state);
      tracker.onConnection(state);
      if (state.phase === 'online' && state.synced) restoreRescued();
    };

    const connection = connectSession(sessionId, { pid, secret }, onState, {
      persistAs: phoneDocName(sessionId, pid),
      awareness: { user: { name, role: 'participant' } },
    });
    const created = createDocStore(connection.doc);
    store = created.store;
    tracker = trackSending(connection.doc, connection, loadUnsentSince(sessionId, pid), (since) =>
      saveUnsentSince(sessionId, pid, since),
    );
    for (const state of early) onState(state);
    setHandle({ doc: connection.doc, actor, store: created.store, send: tracker.store });

    function restoreRescued() {
      const rescued = loadRescued(sessionId, pid);
      if (rescued.length === 0 || !store) return;
      const outcome = restoreRipples(connection.doc, actor, rescued);
      clearRescued(sessionId, pid);
      if (outcome.resentAsNew > 0) showNotice(store, 'phone.resent');
      else if (generation > 0) showNotice(store, 'phone.startedOver');
    }

    async function startOver() {
      if (closed) return;
      closed = true;
      const unsentSince = tracker?.store.getState().unsentSince ?? null;
      saveRescued(sessionId, pid, rescueOwnRipples(connection.doc, actor, unsentSince));
      for (const keep of startOverKeepers) keep(connection.doc);
      created.dispose();
      tracker?.dispose();
      await connection.destroyAndForget();
      saveUnsentSince(sessionId, pid, null);
      setGeneration((g) => g + 1);
    }

    return () => {
      if (closed) return;
      closed = true;
      created.dispose();
      tracker?.dispose();
      connection.destroy();
      setHandle(null);
    };
  }, [sessionId, pid, secret, name, generation]);

  return handle;
}
