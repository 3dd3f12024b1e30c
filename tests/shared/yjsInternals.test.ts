import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  avoidViewClientId,
  claimTransaction,
  hasGaps,
  inTransaction,
  isSharedType,
  isViewClientId,
  mapKeyCount,
  placeOf,
  viewClientId,
  writerOf,
} from '../../shared/doc/yjsInternals';

/** One test per reach into Yjs internals: a Yjs upgrade that moves one fails here first. */
describe('the Yjs internals Kringen relies on', () => {
  it('hasGaps: an update whose causes never arrived waits as pending, and is gone once they do', () => {
    const source = new Y.Doc();
    const map = source.getMap('m');
    map.set('a', 1);
    const first = Y.encodeStateAsUpdate(source);
    const vector = Y.encodeStateVector(source);
    map.set('b', 2);
    const second = Y.encodeStateAsUpdate(source, vector);
    const doc = new Y.Doc();
    expect(hasGaps(doc)).toBe(false);
    Y.applyUpdate(doc, second);
    expect(hasGaps(doc)).toBe(true);
    Y.applyUpdate(doc, first);
    expect(hasGaps(doc)).toBe(false);
    expect(doc.getMap('m').toJSON()).toEqual({ a: 1, b: 2 });
  });

  it('inTransaction: true inside a transaction only', () => {
    const doc = new Y.Doc();
    expect(inTransaction(doc)).toBe(false);
    let inside = false;
    doc.transact(() => {
      inside = inTransaction(doc);
    });
    expect(inside).toBe(true);
  });

  it('mapKeyCount: counts deleted keys too, never fewer than the live ones', () => {
    const map = new Y.Doc().getMap<number>('m');
    map.set('a', 1);
    map.set('b', 2);
    map.delete('a');
    expect(map.size).toBe(1);
    expect(mapKeyCount(map)).toBe(2);
  });

  it('placeOf and isSharedType: a nested map knows its parent and key; a root has no place', () => {
    const doc = new Y.Doc();
    const root = doc.getMap<Y.Map<unknown>>('ripples');
    const inner = new Y.Map<unknown>();
    root.set('r1', inner);
    expect(placeOf(root)).toBeNull();
    const place = placeOf(inner);
    expect(place?.key).toBe('r1');
    expect(place?.parent).toBe(root);
    expect(isSharedType(root)).toBe(true);
    expect(isSharedType({ _item: null })).toBe(false);
    expect(isSharedType(null)).toBe(false);
    const list = doc.getArray<Y.Map<unknown>>('list');
    const inList = new Y.Map<unknown>();
    list.push([inList]);
    expect(placeOf(inList)?.key).toBeNull();
  });

  it("claimTransaction: the server's follow-up is local, and keeps its client id unless the update wrote under it", () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    client.getMap('m').set('x', 1);
    const own = server.clientID;
    let local = false;
    server.on('afterTransaction', (transaction: Y.Transaction) => {
      local = transaction.local;
    });
    const apply = (update: Uint8Array) =>
      server.transact((transaction) => {
        const before = Y.getState(server.store, server.clientID);
        Y.applyUpdate(server, update);
        claimTransaction(server, transaction, before);
        server.getMap('m').set('suggested', true);
      });
    apply(Y.encodeStateAsUpdate(client));
    expect(local).toBe(true);
    expect(server.clientID).toBe(own);
    // A client writing under the server's own id: the server takes a new one, as Yjs would.
    const impostor = new Y.Doc();
    Y.applyUpdate(impostor, Y.encodeStateAsUpdate(server));
    impostor.clientID = server.clientID;
    impostor.getMap('m').set('y', 2);
    apply(Y.encodeStateAsUpdate(impostor, Y.encodeStateVector(server)));
    expect(server.clientID).not.toBe(own);
  });

  it('writerOf names who last set a key of a map, also once it is removed, and null for a key never set', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getMap('m').set('k', 1);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    b.getMap('m').set('k', 2);
    expect(writerOf(b.getMap('m'), 'k')).toBe(b.clientID);
    b.getMap('m').delete('k');
    expect(writerOf(b.getMap('m'), 'k')).toBe(b.clientID);
    expect(writerOf(b.getMap('m'), 'never')).toBeNull();
  });

  it('view client ids have their own shape, and a phone document never takes one', () => {
    for (let i = 0; i < 100; i++) expect(isViewClientId(viewClientId())).toBe(true);
    const phone = new Y.Doc();
    phone.clientID = viewClientId();
    avoidViewClientId(phone);
    expect(isViewClientId(phone.clientID)).toBe(false);
    // A document's client id is what its writes carry.
    phone.getMap('m').set('k', 1);
    expect(writerOf(phone.getMap('m'), 'k')).toBe(phone.clientID);
  });
});
