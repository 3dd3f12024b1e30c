import * as Y from 'yjs';
import { changesOfTransaction, type DocChange } from '../../shared/doc/changes';
import type { DocOrigin } from '../../shared/doc/origins';
import { authorize } from '../../shared/doc/permissions';
import type { PriorState } from '../../shared/doc/priorState';
import { ripplesToSuggest, updateSuggestions } from '../../shared/doc/suggestions';
import { claimTransaction, hasGaps } from '../../shared/doc/yjsInternals';
import type { Actor } from '../../shared/model/ripple';
import type { CloseName } from '../../shared/protocol/closeCodes';
import type { UpdateStore } from '../storage/UpdateStore';
import { checkQuota, type RoomQuota } from './checkQuota';

export interface ClientUpdate {
  /** The room's document; the update is applied to it. */
  doc: Y.Doc;
  /** What the document held before this update, for the rules (refreshed when it is accepted). */
  prior: PriorState;
  actor: Actor;
  /**
   * The change: a client's Yjs update, or (from a phone's view) a function that writes the
   * phone's change into the document as the server.
   */
  change: Uint8Array | ((doc: Y.Doc) => void);
  quota: RoomQuota;
  /** The transaction's origin: the connection whose update this is. */
  origin: DocOrigin;
  store: UpdateStore;
  room: string;
  now: number;
}

/** What became of a client's update. */
export type Outcome =
  /** Stored as `update` (the client's change and the server's follow-up, one update) under `seq`. */
  | { kind: 'stored'; update: Uint8Array; seq: number; followedUp: boolean; changes: DocChange[] }
  /** Nothing new (a reconnecting client's step 2 often holds only what the room has). */
  | { kind: 'nothing' }
  /** Part of it waits for changes the server never received; the document holds what came before. */
  | { kind: 'gaps' }
  /** Not allowed, or not valid: the document holds it, and must be reloaded. */
  | { kind: 'refused'; name: CloseName; detail: string }
  /** Allowed but not stored: the document holds it, and must be reloaded. */
  | { kind: 'unstored'; error: unknown };

/**
 * One step of the update path: apply a client's update, look for gaps, judge it against the
 * sender's role and the room's limits, add the server's follow-up (suggested codes) in the
 * same transaction, and store the result. One update to store and one message to send.
 * Whatever it returns but 'stored' or 'nothing', the caller must reload the document: it
 * holds something nobody may see. Nothing here sends anything.
 */
export async function applyClientUpdate(input: ClientUpdate): Promise<Outcome> {
  const { doc, prior, actor } = input;
  const held: Uint8Array[] = [];
  const hold = (update: Uint8Array) => held.push(update);
  // Set inside the transaction's callback, where the compiler does not follow assignments.
  const result: { outcome: Outcome | null; followedUp: boolean } = { outcome: null, followedUp: false };
  let changes: DocChange[] = [];
  doc.on('update', hold);
  try {
    doc.transact((transaction) => {
      const ownClock = Y.getState(doc.store, doc.clientID);
      const { change } = input;
      if (typeof change === 'function') change(doc);
      else Y.applyUpdate(doc, change);
      // Checked after applying, not before: a check beforehand decoded every update a
      // second time for a case that is rare.
      if (hasGaps(doc)) {
        result.outcome = { kind: 'gaps' };
        return;
      }
      changes = changesOfTransaction(doc, transaction);
      const verdict = authorize(actor, changes, prior, doc);
      if (!verdict.ok) {
        result.outcome = {
          kind: 'refused',
          name: verdict.error.reason === 'forbidden' ? 'forbidden' : 'invalid',
          detail: verdict.error.detail,
        };
        return;
      }
      const overQuota = checkQuota(changes, prior, doc, input.quota);
      if (overQuota) {
        result.outcome = { kind: 'refused', ...overQuota };
        return;
      }
      const toSuggest = ripplesToSuggest(doc, changes);
      if (toSuggest.length === 0) return;
      if (!transaction.local) claimTransaction(doc, transaction, ownClock);
      // The prior state's meta is the session's unless this update changed it.
      const meta = changes.some(({ path }) => path[0] === 'meta') ? undefined : prior.meta;
      const examples = () => prior.examples(changes);
      result.followedUp = updateSuggestions(doc, toSuggest, meta, examples) > 0;
      if (result.followedUp) changes = changesOfTransaction(doc, transaction);
    }, input.origin);
    if (result.outcome) return result.outcome;
    prior.refresh(changes);
  } catch (error) {
    return { kind: 'refused', name: 'malformed', detail: `undecodable update (${(error as Error).message})` };
  } finally {
    doc.off('update', hold);
  }
  const update = held[0];
  if (update === undefined) return { kind: 'nothing' };
  try {
    const seq = await input.store.append(input.room, update, input.now);
    return { kind: 'stored', update, seq, followedUp: result.followedUp, changes };
  } catch (error) {
    return { kind: 'unstored', error };
  }
}
