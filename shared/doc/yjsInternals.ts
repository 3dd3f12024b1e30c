import * as random from 'lib0/random';
import * as Y from 'yjs';

/**
 * Every place Kringen reads or sets something Yjs does not document as public, in one file:
 * a Yjs upgrade looks here first, and tests/shared/yjsInternals.test.ts pins each reach.
 * (The client's reach into y-websocket's provider is client/sync/providerInternals.ts.)
 */

/** True while `doc` holds changes whose causes it has not received (Yjs's pending structs and deletes). */
export function hasGaps(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** Whether a transaction on `doc` is running right now. */
export function inTransaction(doc: Y.Doc): boolean {
  return doc._transaction !== null;
}

/** The keys a map has ever held, deleted ones included: an upper bound on its size, without iterating. */
export function mapKeyCount<T>(map: Y.Map<T>): number {
  return map._map.size;
}

/** Whether `value` is a Yjs shared type (a map, array, text…). */
export function isSharedType(value: unknown): value is Y.AbstractType<unknown> {
  return value !== null && typeof value === 'object' && '_item' in value && '_map' in value;
}

/**
 * Where a shared type sits: the type it is nested in and its key there (null inside an array
 * or text), or null for a root type.
 */
export function placeOf(
  type: Pick<Y.AbstractType<unknown>, '_item'>,
): { parent: unknown; key: string | null } | null {
  const item = type._item;
  return item === null ? null : { parent: item.parent, key: item.parentSub };
}

/**
 * Makes the server's own follow-up, written inside the transaction that applied a client's
 * update, a local change of the document. `Y.applyUpdate` marks its transaction remote, and
 * Yjs gives a document a new client id whenever a remote transaction advances the document's
 * own id (it assumes another client uses it): with the follow-up in it, that was every
 * ripple. Only when the client's update itself wrote under the document's id (`clockBefore`
 * is that id's clock before applying) does the document take a new id, as Yjs would.
 */
export function claimTransaction(doc: Y.Doc, transaction: Y.Transaction, clockBefore: number): void {
  if (Y.getState(doc.store, doc.clientID) !== clockBefore) doc.clientID = random.uint32();
  transaction.local = true;
}

/**
 * Phone views (shared/doc/phoneView.ts) are written by the server under client ids of one
 * shape, so that what a phone sends back can be told apart: an entry whose winning item has
 * such an id is the server's (perhaps from an earlier view, before a restart), not the
 * phone's change. Phones never write under such an id (`avoidViewClientId`).
 */
const VIEW_CLIENT_MASK = 0x3ff;

export const isViewClientId = (clientId: number): boolean =>
  (clientId & VIEW_CLIENT_MASK) === VIEW_CLIENT_MASK;

/** A fresh client id of the view shape. */
export const viewClientId = (): number => (random.uint32() | VIEW_CLIENT_MASK) >>> 0;

/** Gives `doc` another client id if its own has the view shape (a phone's document, before it writes). */
export function avoidViewClientId(doc: Y.Doc): void {
  while (isViewClientId(doc.clientID)) doc.clientID = random.uint32();
}

/**
 * Who last set `key` of `map`: the client id of the item that holds it (or held it, when the
 * key was removed since), or null when the key was never set in this map.
 */
export function writerOf(map: Y.Map<unknown>, key: string): number | null {
  return map._map.get(key)?.id.client ?? null;
}
