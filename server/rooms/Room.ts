import * as Y from 'yjs';
import { writeEntry } from '../../shared/doc/phoneView';
import { hasGaps } from '../../shared/doc/yjsInternals';
import { CLOSE, type CloseName } from '../../shared/protocol/closeCodes';
import { noRelay, type RelayChannel, type RelayHandlers } from '../cluster/RoomRelay';
import { StorageError } from '../storage/StorageHealth';
import type { StoredDoc } from '../storage/UpdateStore';
import { encodeSyncStep1, encodeSyncStep2 } from '../ws/syncMessages';
import { applyClientUpdate } from './applyClientUpdate';
import { AwarenessFanout } from './awarenessFanout';
import { UpdateFanout } from './fanout';
import { type PhoneClaim, PhoneViews } from './phoneViews';
import { RoomDocument } from './roomDocument';
import type { RoomOptions, RoomPeer } from './roomTypes';
import { Snapshots } from './snapshots';
import { StepTwoWait } from './stepTwoWait';

export type { RoomOptions, RoomPeer };

/**
 * One live session document on this server. A client's change goes through
 * `applyClientUpdate` (apply, gaps, rules, limits, suggestions, store) and only then through
 * `UpdateFanout` to the others; a change with gaps, refused or unstored makes the room reload
 * its document from storage. All work on a room runs through one queue, so checks, storage
 * and application happen in the order the messages arrived, and nobody is answered from a
 * change that is not stored yet. With several instances, what one instance stores reaches the
 * others' copies through the relay. Awareness: `AwarenessFanout`.
 */
export class Room {
  private readonly document = new RoomDocument((update, changes) => {
    this.fanout.send(update, null, false);
    this.views.sessionChanged(changes);
  });
  readonly peers = new Set<RoomPeer>();
  private queue: Promise<unknown> = Promise.resolve();
  private destroyed = false;
  private readonly refused = new WeakSet<RoomPeer>();
  private readonly stepTwo = new StepTwoWait();
  private channel: RelayChannel | null = null;
  private readonly fanout: UpdateFanout;
  /** What each phone holds: a view of the document, not the document (see PhoneViews). */
  private readonly views: PhoneViews;
  private readonly presence: AwarenessFanout;
  private readonly snapshots: Snapshots;
  /** Whether other instances write to this room too (a relay is configured). */
  private readonly relayed: boolean;
  private readonly now: () => number;

  private constructor(
    readonly name: string,
    private readonly options: RoomOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.snapshots = new Snapshots(
      name,
      () => this.document.doc,
      options.store,
      options.log,
      options.compactEvery,
    );
    this.relayed = options.relay !== undefined && options.relay !== noRelay;
    this.fanout = new UpdateFanout(this.peers, () => this.channel);
    this.views = new PhoneViews(() => this.document.doc, options.phoneBatchMs ?? 0);
    this.presence = new AwarenessFanout(this.peers, () => this.channel);
  }

  /** The session document as stored (read it inside `enqueue` to see a settled state). */
  get doc(): Y.Doc {
    return this.document.doc;
  }

  get awareness() {
    return this.presence.awareness;
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  /**
   * Loads the room completely from storage; only then can it answer anyone. With a relay it
   * listens first and reads storage second, so an update another instance stores meanwhile
   * is either in what it reads or in a frame that waits in the queue until the load is done.
   */
  static async load(name: string, options: RoomOptions): Promise<Room> {
    const room = new Room(name, options);
    let loaded: () => void = () => undefined;
    room.queue = new Promise<void>((resolve) => {
      loaded = resolve;
    });
    try {
      room.channel = await (options.relay ?? noRelay).open(name, room.relayHandlers);
      const stored = await options.store.load(name);
      room.applyStored(stored, 'storage');
      room.snapshots.loaded(stored.updates.length, stored.lastSeq);
    } catch (error) {
      room.destroy();
      throw error;
    } finally {
      loaded();
    }
    room.channel.publishHello();
    return room;
  }

  /** Rereads storage: the relay may have lost frames while Redis was away. */
  catchUp(): Promise<void> {
    return this.enqueue(() => this.rereadStorage());
  }

  private async rereadStorage(): Promise<void> {
    if (this.destroyed) return;
    const stored = await this.options.store.load(this.name);
    if (this.destroyed) return;
    this.applyStored(stored, 'relay');
    if (hasGaps(this.doc)) this.options.log.error(`room=${this.name} still has gaps after rereading storage`);
  }

  private applyStored(stored: StoredDoc, origin: 'storage' | 'relay'): void {
    this.document.applyStored(stored, origin);
    this.snapshots.lastSeq = Math.max(this.snapshots.lastSeq, stored.lastSeq);
  }

  /**
   * Starts over from storage: after a refused or unstored change the document holds
   * something nobody may see. Nobody has: changes are only sent after they are stored.
   * If storage cannot be read either, the room closes and its clients come back later.
   */
  private async reload(seen?: Uint8Array, judged?: RoomPeer): Promise<void> {
    let stored: StoredDoc;
    try {
      stored = await this.options.store.load(this.name);
    } catch (error) {
      if (!(error instanceof StorageError))
        this.options.log.error(`room=${this.name} could not reload from storage, closing the room: ${error}`);
      for (const peer of this.peers) peer.close('storageFailed', 'the session could not be reloaded');
      this.destroy();
      return;
    }
    this.document.replace(stored);
    this.snapshots.lastSeq = Math.max(this.snapshots.lastSeq, stored.lastSeq);
    // The phone whose change was refused keeps its view as it is until it is told, so that
    // what it starts over with (its typing) is still its own.
    this.views.sessionReplaced(judged?.actor.id);
    // With other instances, storage may hold what this room never heard (a relay frame lost):
    // the clients get it now, measured from what the room had before the change (`seen`).
    if (seen) this.fanout.send(Y.encodeStateAsUpdate(this.document.doc, seen), null, false);
  }

  private readonly relayHandlers: RelayHandlers = {
    update: (update) => {
      void this.enqueue(async () => {
        if (this.destroyed) return;
        try {
          this.document.applyRelayed(update);
        } catch (error) {
          this.options.log.warn(`room=${this.name} undecodable relayed update: ${error}`);
        }
        // A frame arrived whose causes never did (lost while Redis was away): storage has
        // them. Reread now, inside this task, so no client update is checked against a gap.
        if (hasGaps(this.doc)) await this.rereadStorage();
      });
    },
    awareness: (update) => {
      if (!this.destroyed) this.presence.receiveRelayed(update);
    },
    hello: () => {
      const states = this.destroyed ? null : this.presence.ownStates();
      if (states) this.channel?.publishAwareness(states);
    },
    resync: () => void this.catchUp(),
    // Told by the instance that deleted it, so not told again.
    deleted: () => void this.enqueue(() => this.closeDeleted(false)),
    keyRenewed: () => this.closeFacilitators(false),
  };

  /**
   * The facilitator key was renewed: boards opened with the old one must not keep its rights
   * (they come back with the new key or not at all); other instances do the same.
   */
  closeFacilitators(tellOthers = true): void {
    if (this.destroyed) return;
    if (tellOthers) this.channel?.publishKeyRenewed();
    for (const peer of this.peers)
      if (peer.actor.role === 'facilitator') peer.close('keyRenewed', 'the facilitator key was renewed');
  }

  /**
   * The session is deleted: everyone in the room is told (a final close, nothing to
   * reconnect to), other instances close their copies, and the room is gone. Call it inside
   * `enqueue`, so no update still in the queue is stored after the deletion.
   */
  closeDeleted(tellOthers = true): void {
    if (this.destroyed) return;
    if (tellOthers) this.channel?.publishDeleted();
    for (const peer of this.peers) peer.close('sessionDeleted', 'the session was deleted');
    this.destroy();
  }

  /** Runs `task` after everything queued before it; a failing task does not stop the queue. */
  enqueue<T>(task: () => Promise<T> | T): Promise<T> {
    const next = this.queue.then(task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  join(peer: RoomPeer): void {
    this.peers.add(peer);
    // A viewer gets no sync step 1: it has nothing to send back.
    if (peer.actor.role === 'participant') this.views.join(peer);
    else if (peer.actor.role !== 'viewer') peer.send(encodeSyncStep1(this.doc));
    const states = this.awarenessFor(peer, [...this.awareness.getStates().keys()]);
    if (states.length > 0) peer.send(this.awarenessMessage(states));
  }

  /** The awareness client ids `peer` may hear of, out of `clientIds` (see AwarenessFanout). */
  awarenessFor(peer: RoomPeer, clientIds: readonly number[]): number[] {
    return this.presence.statesFor(peer, clientIds);
  }

  awarenessMessage(clients: number[]): Uint8Array {
    return this.presence.message(clients);
  }

  receiveAwareness(peer: RoomPeer, update: Uint8Array): void {
    this.presence.receive(peer, update);
  }

  leave(peer: RoomPeer): void {
    if (!this.peers.delete(peer)) return;
    this.presence.leave(peer);
    if (peer.actor.role === 'participant') this.views.leave(peer);
  }

  /** The reply to a client's sync step 1: everything the client's state vector lacks (a phone: of its view). */
  syncStep2For(peer: RoomPeer, stateVector: Uint8Array): Uint8Array {
    if (peer.actor.role === 'participant') return this.views.syncStep2For(peer, stateVector);
    return encodeSyncStep2(this.doc, stateVector);
  }

  /**
   * A document update from a client (sync step 2 or an update message). Refused updates
   * close the connection: once a server drops one update of a client, Yjs keeps all the
   * client's later updates pending, so it must start over with a fresh document.
   *
   * A reconnecting client may send a new change before its sync step 2, which carries what
   * that change builds on (it typed while the server restarted, or its instance died). Such
   * an update waits for the client's step 2 instead of being refused.
   */
  async receiveUpdate(peer: RoomPeer, update: Uint8Array, kind: 'step2' | 'update'): Promise<void> {
    if (peer.actor.role === 'participant') return this.receivePhoneUpdate(peer, update, kind);
    if (kind === 'update' && this.stepTwo.has(peer)) {
      // Later updates of a peer wait behind the one already waiting, untried: they may build
      // on it, and each try that finds a gap costs a reload from storage, which a client
      // must not be able to repeat at will.
      if (this.destroyed || this.refused.has(peer) || this.stepTwo.hold(peer, update)) return;
      return this.refuse(peer, 'invalid', 'update depends on changes the server never received');
    }
    await this.checkAndApply(peer, update, false);
    if (kind !== 'step2') return;
    for (const later of this.stepTwo.release(peer) ?? []) await this.checkAndApply(peer, later, false);
  }

  /**
   * A phone's update goes to its view; what it changed there (its claims) is written into the
   * document as the server and judged like any client's change. A refused claim closes the
   * phone's connections and forgets its view: the phone starts over, as with a refused update.
   */
  private async receivePhoneUpdate(
    peer: RoomPeer,
    update: Uint8Array,
    kind: 'step2' | 'update',
  ): Promise<void> {
    if (this.destroyed || this.refused.has(peer)) return;
    const read = this.views.receive(peer, update, kind);
    if (read.kind !== 'claims')
      return this.refusePhone(peer, read.kind === 'malformed' ? 'malformed' : 'invalid', read.detail);
    if (read.claims.length === 0) return;
    const claims: readonly PhoneClaim[] = read.claims;
    await this.checkAndApply(
      peer,
      (doc) => {
        for (const { entry, value } of claims) writeEntry(doc, entry, value);
      },
      false,
    );
  }

  private refusePhone(peer: RoomPeer, name: CloseName, detail: string): void {
    this.refuse(peer, name, detail);
    this.views.drop(peer.actor.id, (other) => {
      if (other !== peer) this.refuse(other, name, detail);
    });
  }

  private async checkAndApply(
    peer: RoomPeer,
    update: Uint8Array | ((doc: Y.Doc) => void),
    reread: boolean,
  ): Promise<void> {
    // A peer that left still counts: what it sent before closing was received and is kept.
    // A refused peer's later updates build on the refused one, so they are dropped.
    if (this.destroyed || this.refused.has(peer)) return;
    // What the clients have seen, for a reload in a relayed room to send them what it brings.
    const seen = this.relayed ? Y.encodeStateVector(this.document.doc) : undefined;
    const outcome = await applyClientUpdate({
      doc: this.document.doc,
      prior: this.document.prior,
      actor: peer.actor,
      change: update,
      quota: this.options.quota,
      origin: peer,
      store: this.options.store,
      room: this.name,
      now: this.now(),
    });
    switch (outcome.kind) {
      case 'nothing':
        return;
      case 'gaps':
        // The document holds what came before the gap, which nobody may see: start over
        // from storage. With other instances, the missing causes may be stored but not yet
        // relayed here (or lost with an instance that died): the reload reads them, and the
        // update is tried once more. Otherwise it waits for the client's sync step 2.
        await this.reload(seen, peer);
        if (this.destroyed) return;
        if (this.relayed && !reread) return this.checkAndApply(peer, update, true);
        if (typeof update !== 'function' && this.stepTwo.hold(peer, update)) return;
        return this.refuse(peer, 'invalid', 'update depends on changes the server never received');
      case 'refused':
        await this.reload(seen, peer);
        if (this.destroyed) return;
        // With other instances this room may be behind storage (a relay frame lost), and the
        // client may be sending back what others stored, which it heard first: a reconnecting
        // phone's step 2 holds other people's ripples. Judged once more against storage.
        if (this.relayed && !reread && outcome.name !== 'malformed')
          return this.checkAndApply(peer, update, true);
        return this.refusePhone(peer, outcome.name, outcome.detail);
      case 'unstored':
        // An outage is logged once, by StorageHealth; anything else here is news.
        if (!(outcome.error instanceof StorageError))
          this.options.log.error(
            `room=${this.name} ${peer.label} storage failed, update not applied: ${outcome.error}`,
          );
        await this.reload(undefined, peer);
        return this.refusePhone(peer, 'storageFailed', 'the update could not be stored');
      case 'stored':
        if (this.destroyed) return;
        // With a follow-up the sender gets the message too: it holds the server's suggestion.
        this.fanout.send(outcome.update, outcome.followedUp ? null : peer, true);
        // After a reload (`reread`) the judged phone's view has not seen what it brought.
        if (reread) this.views.sessionReplaced();
        else this.views.sessionChanged(outcome.changes);
        this.snapshots.appendedAs(outcome.seq);
    }
  }

  /** Writes the whole document as one snapshot (inside `enqueue`; see Snapshots). */
  compact(): Promise<void> {
    return this.snapshots.compact();
  }

  /** Settles when the compaction under way, if any, has finished (whether or not it failed). */
  compaction(): Promise<void> {
    return this.snapshots.settled();
  }

  destroy(): void {
    this.destroyed = true;
    this.views.close();
    this.presence.close();
    void this.channel?.close();
    this.document.destroy();
  }

  private refuse(peer: RoomPeer, name: CloseName, detail: string): void {
    // A storage failure was logged where it happened, once per outage, not once per client.
    if (name !== 'storageFailed')
      this.options.log.warn(`room=${this.name} ${peer.label} refused (${CLOSE[name].reason}): ${detail}`);
    this.refused.add(peer);
    peer.close(name, detail);
  }
}
