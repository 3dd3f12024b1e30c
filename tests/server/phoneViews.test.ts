import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type PhoneRead, PhoneViews } from '../../server/rooms/phoneViews';
import type { RoomPeer } from '../../server/rooms/roomTypes';
import { decodeFrame } from '../../server/ws/syncMessages';
import { changesOfTransaction, type DocChange } from '../../shared/doc/changes';
import { addRipple, editRipple, moveRipple, setRippleStatus } from '../../shared/doc/commands';
import { entryValue, SOMEONE, viewDocument, writeEntry } from '../../shared/doc/phoneView';
import { readRipple } from '../../shared/doc/read';
import { roots } from '../../shared/doc/schema';
import { avoidViewClientId, viewClientId } from '../../shared/doc/yjsInternals';
import type { Actor } from '../../shared/model/ripple';
import { boss } from '../helpers/people';

const ans: Actor = { role: 'participant', id: 'ans' };
const bert: Actor = { role: 'participant', id: 'bert' };

/** A phone as the server sees it, with its own document kept in step by hand. */
function phoneOf(actor: Actor, doc = new Y.Doc()) {
  avoidViewClientId(doc);
  let viewVector: Uint8Array = new Uint8Array([0]);
  const peer: RoomPeer = {
    actor,
    name: actor.id,
    label: actor.id,
    awarenessIds: new Set(),
    close: () => undefined,
    send(message) {
      const frame = decodeFrame(message);
      if (frame.type === 'step1') viewVector = frame.stateVector;
      else if (frame.type === 'step2' || frame.type === 'update') Y.applyUpdate(doc, frame.update, 'server');
    },
  };
  return {
    doc,
    peer,
    /** Connects to `views` the way y-websocket does: step 1 both ways, then the phone's step 2. */
    connect(views: PhoneViews, applyClaims: (read: PhoneRead) => void) {
      views.join(peer);
      peer.send(views.syncStep2For(peer, Y.encodeStateVector(doc)));
      applyClaims(views.receive(peer, Y.encodeStateAsUpdate(doc, viewVector), 'step2'));
    },
    /** Sends the phone's next change as y-websocket would. */
    change(views: PhoneViews, write: () => void): PhoneRead {
      const before = Y.encodeStateVector(doc);
      write();
      return views.receive(peer, Y.encodeStateAsUpdate(doc, before), 'update');
    },
  };
}

/** The room's side: claims written into the session as the server, then every view told. */
function roomWith(full: Y.Doc) {
  let views = new PhoneViews(() => full, 0);
  const claimsSeen: string[] = [];
  const apply = (read: PhoneRead) => {
    if (read.kind !== 'claims') throw new Error(`${read.kind}: ${read.detail}`);
    for (const { entry } of read.claims) claimsSeen.push(`${entry.root}.${entry.key}`);
    tellViews(() => {
      for (const { entry, value } of read.claims) writeEntry(full, entry, value);
    });
  };
  const tellViews = (change: () => void) => {
    const changes: DocChange[] = [];
    const listen = (transaction: Y.Transaction) => changes.push(...changesOfTransaction(full, transaction));
    full.on('afterTransaction', listen);
    change();
    full.off('afterTransaction', listen);
    views.sessionChanged(changes);
  };
  return {
    get views() {
      return views;
    },
    claimsSeen,
    apply,
    tellViews,
    /** A restart: every view is gone, and built again from the session when phones come back. */
    restart() {
      views.close();
      views = new PhoneViews(() => full, 0);
    },
  };
}

describe('PhoneViews: what a phone sends back from an earlier view', () => {
  // Which of two maps under one key wins depends on their random client ids: many rounds
  // cover both the phone's old copy winning and the new view's.
  it.each(Array.from({ length: 24 }, (_, round) => round))(
    'writes the phone’s own offline edit and sets right what it brings from a view before a restart (round %i)',
    () => {
      const full = new Y.Doc();
      addRipple(
        full,
        bert,
        { text: 'De buurtkamer is open', authorName: 'Bert', showAuthor: false },
        { id: 'b1' },
      );
      setRippleStatus(full, boss, 'b1', 'accepted');
      addRipple(full, ans, { text: 'Mijn rimpel' }, { id: 'a1' });
      const room = roomWith(full);
      const phone = phoneOf(ans);
      phone.connect(room.views, room.apply);
      expect(readRipple(phone.doc, 'b1')).toMatchObject({
        text: 'De buurtkamer is open',
        authorId: SOMEONE,
        authorName: '',
      });
      expect(readRipple(phone.doc, 'a1')).toMatchObject({ text: 'Mijn rimpel', authorId: 'ans' });
      room.tellViews(() => moveRipple(full, boss, 'b1', { x: 10, y: 20 }));
      expect(readRipple(phone.doc, 'b1')?.position).toEqual({ x: 10, y: 20 });
      expect(room.claimsSeen).toEqual([]);

      // The server restarts; meanwhile the facilitator edits Bert's ripple and Ans, offline, hers.
      room.restart();
      editRipple(full, boss, 'b1', { text: 'De buurtkamer is elke dag open' });
      moveRipple(full, boss, 'b1', { x: 30, y: 40 });
      expect(editRipple(phone.doc, ans, 'a1', { text: 'Mijn rimpel, offline aangevuld' }).ok).toBe(true);

      phone.connect(room.views, room.apply);
      // Only her own change was judged and written; Bert's ripple was set right on the phone.
      expect(room.claimsSeen).toEqual(['ripples.a1']);
      expect(readRipple(full, 'a1')?.text).toBe('Mijn rimpel, offline aangevuld');
      expect(readRipple(full, 'b1')).toMatchObject({
        text: 'De buurtkamer is elke dag open',
        authorName: 'Bert',
      });
      expect(readRipple(phone.doc, 'b1')).toMatchObject({
        text: 'De buurtkamer is elke dag open',
        position: { x: 30, y: 40 },
        authorId: SOMEONE,
      });
      expect(readRipple(phone.doc, 'a1')?.text).toBe('Mijn rimpel, offline aangevuld');
    },
  );

  it("reads a change to someone else's ripple as the phone's claim, which the rules then refuse", () => {
    const full = new Y.Doc();
    addRipple(full, bert, { text: 'De buurtkamer is open' }, { id: 'b1' });
    setRippleStatus(full, boss, 'b1', 'accepted');
    const room = roomWith(full);
    const phone = phoneOf(ans);
    phone.connect(room.views, room.apply);
    // Another's ripple is one plain value in the view: the phone can only put another in its place.
    const ripples = phone.doc.getMap('ripples');
    expect(ripples.get('b1')).not.toBeInstanceOf(Y.Map);
    const read = phone.change(room.views, () =>
      ripples.set('b1', { ...(ripples.get('b1') as object), text: 'gehackt' }),
    );
    expect(read).toMatchObject({ kind: 'claims', claims: [{ entry: { root: 'ripples', key: 'b1' } }] });
    const writeOutside = phone.change(room.views, () => phone.doc.getMap('evil').set('x', 1));
    expect(writeOutside.kind).toBe('refused');
  });

  it('sends another’s accepted ripple as one plain value, whole again when it changes; its author’s as a map', () => {
    const full = new Y.Doc();
    addRipple(full, bert, { text: 'De buurtkamer is open', authorName: 'Bert' }, { id: 'b1' });
    const room = roomWith(full);
    const phones = { ans: phoneOf(ans), bert: phoneOf(bert) };
    phones.ans.connect(room.views, room.apply);
    phones.bert.connect(room.views, room.apply);
    expect(roots(phones.ans.doc).ripples.has('b1')).toBe(false);
    room.tellViews(() => setRippleStatus(full, boss, 'b1', 'accepted'));
    const held: unknown = roots(phones.ans.doc).ripples.get('b1');
    expect(held).not.toBeInstanceOf(Y.Map);
    expect(held).toMatchObject({
      id: 'b1',
      text: 'De buurtkamer is open',
      authorId: SOMEONE,
      status: 'accepted',
    });
    expect(roots(phones.bert.doc).ripples.get('b1')).toBeInstanceOf(Y.Map);
    // The phone reads it as any ripple, and sees the facilitator's next change.
    room.tellViews(() => moveRipple(full, boss, 'b1', { x: 40, y: 60 }));
    expect(readRipple(phones.ans.doc, 'b1')).toMatchObject({ position: { x: 40, y: 60 }, authorId: SOMEONE });
    expect(readRipple(phones.bert.doc, 'b1')).toMatchObject({ position: { x: 40, y: 60 }, authorId: 'bert' });
  });

  it('a second phone of the same participant shares the view and gets the first one’s change', () => {
    const full = new Y.Doc();
    const room = roomWith(full);
    const first = phoneOf(ans);
    const second = phoneOf(ans);
    first.connect(room.views, room.apply);
    second.connect(room.views, room.apply);
    const read = first.change(room.views, () =>
      addRipple(first.doc, ans, { text: 'Van mijn telefoon' }, { id: 'a2' }),
    );
    room.apply(read);
    expect(entryValue(full, { root: 'ripples', key: 'a2' })).toMatchObject({ text: 'Van mijn telefoon' });
    expect(readRipple(second.doc, 'a2')?.text).toBe('Van mijn telefoon');
  });

  it('a co-author keeps a waiting ripple in their view; anyone else does not see it', () => {
    const full = new Y.Doc();
    addRipple(full, bert, { text: 'Verteld door Bert, opgeschreven door Ans' }, { id: 'b1' });
    full
      .getMap<Y.Map<unknown>>('ripples')
      .get('b1')
      ?.set('coAuthors', [{ id: 'ans', name: 'Ans' }]);
    expect(readRipple(viewDocument(full, 'ans'), 'b1')).toMatchObject({
      status: 'pending',
      authorId: SOMEONE,
    });
    expect(readRipple(viewDocument(full, 'cor'), 'b1')).toBeNull();
  });

  it("takes a stock client's ripple even when its random client id looks like a view's", () => {
    const full = new Y.Doc();
    const room = roomWith(full);
    const doc = new Y.Doc();
    const phone = phoneOf(ans, doc);
    // As a stock y-websocket client may draw it (one in 1024): the id it speaks for in awareness.
    doc.clientID = viewClientId();
    phone.peer.awarenessIds.add(doc.clientID);
    phone.connect(room.views, room.apply);
    room.apply(
      phone.change(room.views, () => addRipple(doc, ans, { text: 'Toch aangekomen' }, { id: 'a1' })),
    );
    expect(readRipple(full, 'a1')?.text).toBe('Toch aangekomen');
  });

  it('keeps a waiting ripple that an earlier view removed from the phone: a returning phone cannot tell it withdrew it', () => {
    const full = new Y.Doc();
    addRipple(full, ans, { text: 'Mijn rimpel wacht nog' }, { id: 'a1' });
    const room = roomWith(full);
    const phone = phoneOf(ans);
    phone.connect(room.views, room.apply);
    expect(readRipple(phone.doc, 'a1')?.text).toBe('Mijn rimpel wacht nog');
    // What the phone holds says the ripple was removed, by a writer with a view's id.
    const earlierView = new Y.Doc();
    earlierView.clientID = viewClientId();
    Y.applyUpdate(earlierView, Y.encodeStateAsUpdate(phone.doc));
    earlierView.getMap('ripples').delete('a1');
    Y.applyUpdate(phone.doc, Y.encodeStateAsUpdate(earlierView), 'server');
    expect(readRipple(phone.doc, 'a1')).toBeNull();

    room.restart();
    phone.connect(room.views, room.apply);
    expect(room.claimsSeen).toEqual([]);
    expect(readRipple(full, 'a1')?.text).toBe('Mijn rimpel wacht nog');
    expect(readRipple(phone.doc, 'a1')?.text).toBe('Mijn rimpel wacht nog');
  });
});
