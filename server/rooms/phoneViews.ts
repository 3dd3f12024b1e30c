import * as Y from 'yjs';
import { changesOfTransaction, type DocChange } from '../../shared/doc/changes';
import { isPhone, maySendChanges } from '../../shared/doc/permissions';
import {
  allEntries,
  changedByPhone,
  entriesAfter,
  entryValue,
  returningClaim,
  SessionReads,
  type ViewCache,
  type ViewEntry,
  viewValue,
  writeViewEntry,
} from '../../shared/doc/phoneView';
import { readMeta } from '../../shared/doc/read';
import { isRootName, roots } from '../../shared/doc/schema';
import { hasGaps, isViewClientId, viewClientId } from '../../shared/doc/yjsInternals';
import { sameValue } from '../../shared/util/sameValue';
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '../ws/syncMessages';
import type { RoomPeer } from './roomTypes';

/** How long a view outlives its last connection: a phone that comes back within it keeps its history. */
const IDLE_MS = 15 * 60 * 1000;

const VIEW_ORIGIN = 'view';

/** A change a phone made to its view, to be written into the session document. */
export interface PhoneClaim {
  entry: ViewEntry;
  value: unknown;
}

/** What became of a phone's update to its view. */
export type PhoneRead =
  | { kind: 'claims'; claims: PhoneClaim[] }
  | { kind: 'refused'; detail: string }
  | { kind: 'malformed'; detail: string };

/** One participant's view document and the connections that show it. */
class PhoneView {
  readonly doc = new Y.Doc();
  readonly peers = new Set<RoomPeer>();
  /** Whether the view still lacks the participant's own entries, which wait for the phone's sync step 2. */
  ownToCome = true;
  idle: NodeJS.Timeout | null = null;

  constructor(
    readonly viewerId: string,
    private readonly queue: (peer: RoomPeer, update: Uint8Array) => void,
  ) {
    this.doc.clientID = viewClientId();
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      for (const peer of this.peers) if (peer !== origin) this.queue(peer, update);
    });
  }

  /** Writes what the view should hold for `entries` (only what differs), as the server. */
  setRight(full: Y.Doc, entries: readonly ViewEntry[], reads = new SessionReads(full)): void {
    const cache: ViewCache = { reads };
    const writes: Array<[ViewEntry, unknown]> = [];
    for (const entry of entries) {
      if (this.ownToCome && this.isOwn(full, entry)) continue;
      const value = viewValue(full, entry, this.viewerId, cache);
      if (!sameValue(entryValue(this.doc, entry), value)) writes.push([entry, value]);
    }
    // Most changes concern few views (a waiting ripple, its author's): the others stay untouched.
    if (writes.length === 0) return;
    this.doc.transact(() => {
      for (const [entry, value] of writes) writeViewEntry(this.doc, entry, value);
    }, VIEW_ORIGIN);
    // A phone's update may carry the view's own id (a crafted one): Yjs then gives the view a
    // new id, which must keep the view shape.
    if (!isViewClientId(this.doc.clientID)) this.doc.clientID = viewClientId();
  }

  /** The participant's own ripples and dots: a reconnecting phone brings its own version of them. */
  isOwn(full: Y.Doc, entry: ViewEntry): boolean {
    if (entry.root === 'votes') return entry.key.startsWith(`${this.viewerId}:`);
    if (entry.root !== 'ripples') return false;
    // A view holds others' ripples as plain values, its participant's as maps.
    const authorOf = (doc: Y.Doc) => {
      const held: unknown = roots(doc).ripples.get(entry.key);
      return held instanceof Y.Map ? held.get('authorId') : undefined;
    };
    return authorOf(full) === this.viewerId || authorOf(this.doc) === this.viewerId;
  }
}

const ownEntries = (full: Y.Doc, view: PhoneView): ViewEntry[] =>
  allEntries(full).filter((entry) => view.isOwn(full, entry));

/**
 * What each phone in a room holds: not the session document, but a view of it for that
 * participant (shared/doc/phoneView.ts), one Y.Doc per participant written by the server.
 * A stored change of the session reaches each view as the entries it changed; a phone's
 * change to its view comes back as claims, which the room judges with the participant's rules
 * and writes into the session. Views are not stored: after a restart they are built again,
 * and what a phone brings back from an earlier view is set right, not judged.
 *
 * Phones get their views' changes in batches (`batchMs`): each message is a socket write on
 * the server and a radio wake-up on the phone.
 */
export class PhoneViews {
  private readonly views = new Map<string, PhoneView>();
  private readonly outgoing = new Map<RoomPeer, Uint8Array[]>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly stepTwoCame = new WeakSet<RoomPeer>();

  constructor(
    private readonly full: () => Y.Doc,
    private readonly batchMs: number,
  ) {}

  /**
   * A phone connects: it gets (or shares) its participant's view and the view's sync step 1.
   * Presenter screens share one view, of someone with no ripples of their own, and get no
   * step 1: they have nothing to send back.
   */
  join(peer: RoomPeer): void {
    let view = this.views.get(peer.actor.id);
    if (!view) {
      view = new PhoneView(peer.actor.id, this.queue);
      view.setRight(this.full(), allEntries(this.full()));
      this.views.set(peer.actor.id, view);
    }
    if (view.idle) clearTimeout(view.idle);
    view.idle = null;
    view.peers.add(peer);
    if (maySendChanges(peer.actor)) peer.send(encodeSyncStep1(view.doc));
  }

  leave(peer: RoomPeer): void {
    this.outgoing.delete(peer);
    const view = this.views.get(peer.actor.id);
    if (!view?.peers.delete(peer) || view.peers.size > 0) return;
    view.idle = setTimeout(() => this.drop(view.viewerId), IDLE_MS);
    view.idle.unref();
  }

  /** The reply to a phone's sync step 1: what its view holds that the phone lacks. */
  syncStep2For(peer: RoomPeer, stateVector: Uint8Array): Uint8Array {
    const view = this.views.get(peer.actor.id);
    if (!view) return encodeSyncStep2(new Y.Doc(), stateVector);
    // A phone that holds nothing (new, or starting over) brings nothing of its own to wait for:
    // its ripples come with this answer, before it counts itself in step.
    if (view.ownToCome && Y.decodeStateVector(stateVector).size === 0) {
      view.ownToCome = false;
      view.setRight(this.full(), ownEntries(this.full(), view));
    }
    return encodeSyncStep2(view.doc, stateVector);
  }

  /**
   * A phone's update to its view: applied there, and read as claims (what the phone changed
   * that its view should not hold as it is). An update whose causes have not come yet waits
   * in the view (Yjs keeps it pending) for the phone's sync step 2.
   */
  receive(peer: RoomPeer, update: Uint8Array, kind: 'step2' | 'update'): PhoneRead {
    const view = this.views.get(peer.actor.id);
    if (!view) return { kind: 'refused', detail: 'no view for this phone' };
    let changes: DocChange[] = [];
    try {
      view.doc.transact((transaction) => {
        Y.applyUpdate(view.doc, update);
        changes = changesOfTransaction(view.doc, transaction);
      }, peer);
    } catch (error) {
      return { kind: 'malformed', detail: `undecodable update (${(error as Error).message})` };
    }
    if (!isViewClientId(view.doc.clientID)) view.doc.clientID = viewClientId();
    const entries = new Map<string, ViewEntry>();
    for (const { path, key } of changes) {
      const [root, ripple, ...deeper] = path;
      if (root === undefined || !isRootName(root) || deeper.length > 0 || key === null)
        return { kind: 'refused', detail: `${path.join('.')}: not part of a session document` };
      if (root !== 'ripples' && ripple !== undefined)
        return { kind: 'refused', detail: `${path.join('.')}: unexpected nesting` };
      const entryKey = ripple ?? key;
      entries.set(`${root}\u0000${entryKey}`, { root, key: entryKey });
    }
    if (kind === 'step2') this.stepTwoCame.add(peer);
    // A gap before the phone's step 2 waits for it (Yjs keeps the update pending); after it,
    // the phone sent something that builds on what it never sent.
    if (hasGaps(view.doc) && kind === 'update' && this.stepTwoCame.has(peer))
      return { kind: 'refused', detail: 'update depends on changes the server never received' };
    const own = kind === 'step2' && view.ownToCome;
    if (own) view.ownToCome = false;
    const full = this.full();
    const claims: PhoneClaim[] = [];
    const setRight: ViewEntry[] = [];
    const votingOpen = own && readMeta(full).votingOpen;
    const cache: ViewCache = { reads: new SessionReads(full) };
    for (const entry of entries.values()) {
      const expected = viewValue(full, entry, view.viewerId, cache);
      const held = entryValue(view.doc, entry);
      if (sameValue(held, expected)) continue;
      const value = !changedByPhone(view.doc, entry, expected, peer.awarenessIds)
        ? null
        : own && view.isOwn(full, entry)
          ? returningClaim(entry, held, expected, votingOpen)
          : held;
      // A claim the session takes comes back to the view whole (status, codes) as its change.
      if (value === null) setRight.push(entry);
      else claims.push({ entry, value });
    }
    // Own entries the phone did not bring (a new phone, or one that lost its storage) come now.
    if (own)
      for (const entry of ownEntries(full, view))
        if (!entries.has(`${entry.root}\u0000${entry.key}`)) setRight.push(entry);
    if (setRight.length > 0) view.setRight(full, setRight);
    return { kind: 'claims', claims };
  }

  /** The session changed (`changes`, stored or relayed): every view takes what concerns it. */
  sessionChanged(changes: readonly DocChange[]): void {
    if (this.views.size === 0) return;
    const full = this.full();
    const entries = entriesAfter(full, changes);
    if (entries.length === 0) return;
    const reads = new SessionReads(full);
    for (const view of this.views.values()) view.setRight(full, entries, reads);
  }

  /** The session was replaced (a reload): every view (but `except`'s) is compared whole. */
  sessionReplaced(except?: string): void {
    const full = this.full();
    const reads = new SessionReads(full);
    for (const view of this.views.values())
      if (view.viewerId !== except) view.setRight(full, allEntries(full, view.doc), reads);
  }

  /**
   * Forgets a participant's view, closing its connections with `close`: after a refused
   * change it holds what the session never will, so its phones start over.
   */
  drop(viewerId: string, close?: (peer: RoomPeer) => void): void {
    const view = this.views.get(viewerId);
    if (!view) return;
    this.views.delete(viewerId);
    if (view.idle) clearTimeout(view.idle);
    for (const peer of view.peers) {
      this.outgoing.delete(peer);
      close?.(peer);
    }
    view.doc.destroy();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const viewerId of [...this.views.keys()]) this.drop(viewerId);
  }

  private readonly queue = (peer: RoomPeer, update: Uint8Array): void => {
    if (this.closed) return;
    // Presenter screens hear at once: they are the room's big screen, and there are few.
    if (this.batchMs <= 0 || !isPhone(peer.actor)) {
      peer.send(encodeUpdate(update));
      return;
    }
    const waiting = this.outgoing.get(peer);
    if (waiting) waiting.push(update);
    else this.outgoing.set(peer, [update]);
    if (this.timer) return;
    this.timer = setTimeout(this.flush, this.batchMs);
    // A server shutting down does not wait for it: phones resync when they reconnect.
    this.timer.unref();
  };

  private readonly flush = (): void => {
    this.timer = null;
    const outgoing = [...this.outgoing];
    this.outgoing.clear();
    if (this.closed) return;
    for (const [peer, updates] of outgoing) {
      const update = updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates);
      peer.send(encodeUpdate(update));
    }
  };
}
