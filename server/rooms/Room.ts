import * as Y from 'yjs';
import { changesOfTransaction, type DocChange } from '../../shared/doc/changes';
import { PriorState } from '../../shared/doc/priorState';
import { hasGaps } from '../../shared/doc/yjsInternals';
import type { Actor } from '../../shared/model/ripple';
import { CLOSE, type CloseName } from '../../shared/protocol/closeCodes';
import { noRelay, type RelayChannel, type RelayHandlers, type RoomRelay } from '../cluster/RoomRelay';
import type { Logger } from '../log';
import { StorageError } from '../storage/StorageHealth';
import type { StoredDoc, UpdateStore } from '../storage/UpdateStore';
import { encodeSyncStep1, encodeSyncStep2 } from '../ws/syncMessages';
import { applyClientUpdate } from './applyClientUpdate';
import { AwarenessFanout } from './awarenessFanout';
import type { RoomQuota } from './checkQuota';
import { UpdateFanout } from './fanout';

/** A connection as a room sees it. */
export interface RoomPeer {
  readonly actor: Actor;
  /** The name the server knows for this connection (a phone's join name), or null (facilitators name themselves). */
  readonly name: string | null;
  readonly label: string;
  send(message: Uint8Array): void;
  close(name: CloseName, detail: string): void;
  /** Awareness client ids this connection speaks for, removed when it leaves. */
  readonly awarenessIds: Set<number>;
}

export interface RoomOptions {
  store: UpdateStore;
  quota: RoomQuota;
  log: Logger;
  /** Compact the log into a snapshot after this many appended updates. */
  compactEvery: number;
  /** Other instances serving the same sessions (none by default). */
  relay?: RoomRelay;
  /** How long stored changes wait to go out to the phones together, in ms (0: at once); see UpdateFanout. */
  phoneBatchMs?: number;
  now?: () => number;
}

const WAIT_FOR_STEP2_MAX_UPDATES = 200;
const WAIT_FOR_STEP2_MAX_BYTES = 1024 * 1024;

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
  private current = new Y.Doc();
  private prior = new PriorState(this.current);
  readonly peers = new Set<RoomPeer>();
  private queue: Promise<unknown> = Promise.resolve();
  private lastSeq = 0;
  private appendedSinceCompact = 0;
  private destroyed = false;
  private readonly refused = new WeakSet<RoomPeer>();
  /** Peers whose sync step 2 has arrived, and updates of the others that wait for it. */
  private readonly sentStep2 = new WeakSet<RoomPeer>();
  private readonly waitingForStep2 = new WeakMap<RoomPeer, Uint8Array[]>();
  private channel: RelayChannel | null = null;
  private readonly fanout: UpdateFanout;
  private readonly presence: AwarenessFanout;
  /** The compaction under way, started after an update; the next one waits for it. */
  private compacting: Promise<void> | null = null;
  /** Whether other instances write to this room too (a relay is configured). */
  private readonly relayed: boolean;
  private readonly now: () => number;
  /**
   * This room's compaction point, within ±25 % of COMPACT_EVERY: rooms that started
   * together would otherwise all compact in the same second (a GC storm).
   */
  private readonly compactAt: number;

  private constructor(
    readonly name: string,
    private readonly options: RoomOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.compactAt = Math.max(1, Math.round(options.compactEvery * (0.75 + Math.random() * 0.5)));
    this.relayed = options.relay !== undefined && options.relay !== noRelay;
    this.fanout = new UpdateFanout(this.peers, options.phoneBatchMs ?? 0, () => this.channel);
    this.presence = new AwarenessFanout(this.peers, () => this.channel);
    this.current.on('update', this.broadcastUpdate);
  }

  /** The session document as stored (read it inside `enqueue` to see a settled state). */
  get doc(): Y.Doc {
    return this.current;
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
      room.appendedSinceCompact = stored.updates.length;
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

  /** Applies a stored state: origin 'storage' tells nobody (the room is loading); 'relay' tells this instance's clients. */
  private applyStored(stored: StoredDoc, origin: 'storage' | 'relay'): void {
    this.transact(() => {
      if (stored.snapshot) Y.applyUpdate(this.current, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(this.current, update);
    }, origin);
    this.lastSeq = Math.max(this.lastSeq, stored.lastSeq);
  }

  /** Runs `change` as one transaction on the document; the prior state catches up after it. */
  private transact(change: () => void, origin: unknown): void {
    let changes: DocChange[] = [];
    this.current.transact((transaction) => {
      change();
      changes = changesOfTransaction(this.current, transaction);
    }, origin);
    this.prior.refresh(changes);
  }

  /**
   * Starts over from storage: after a refused or unstored change the document holds
   * something nobody may see. Nobody has: changes are only sent after they are stored.
   * If storage cannot be read either, the room closes and its clients come back later.
   */
  private async reload(): Promise<void> {
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
    this.current.off('update', this.broadcastUpdate);
    this.current.destroy();
    this.current = new Y.Doc();
    this.prior = new PriorState(this.current);
    this.current.on('update', this.broadcastUpdate);
    this.applyStored(stored, 'storage');
  }

  private readonly relayHandlers: RelayHandlers = {
    update: (update) => {
      void this.enqueue(async () => {
        if (this.destroyed) return;
        try {
          this.transact(() => Y.applyUpdate(this.current, update), 'relay');
        } catch (error) {
          this.options.log.warn(`room=${this.name} undecodable relayed update: ${error}`);
        }
        // A frame arrived whose causes never did (lost while Redis was away): storage has
        // them. Reread now, inside this task, so no client update is checked against a gap.
        if (hasGaps(this.current)) await this.rereadStorage();
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
  };

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
    if (peer.actor.role !== 'viewer') peer.send(encodeSyncStep1(this.doc));
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
    if (this.peers.delete(peer)) this.presence.leave(peer);
  }

  /** The reply to a client's sync step 1: everything the client's state vector lacks. */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
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
    if (kind === 'update' && this.waitingForStep2.has(peer)) {
      // Later updates of a peer wait behind the one already waiting, untried: they may build
      // on it, and each try that finds a gap costs a reload from storage, which a client
      // must not be able to repeat at will.
      if (this.destroyed || this.refused.has(peer) || this.waitForStep2(peer, update)) return;
      return this.refuse(peer, 'invalid', 'update depends on changes the server never received');
    }
    await this.checkAndApply(peer, update, false);
    if (kind !== 'step2' || this.sentStep2.has(peer)) return;
    this.sentStep2.add(peer);
    const waiting = this.waitingForStep2.get(peer) ?? [];
    this.waitingForStep2.delete(peer);
    for (const later of waiting) await this.checkAndApply(peer, later, false);
  }

  private async checkAndApply(peer: RoomPeer, update: Uint8Array, reread: boolean): Promise<void> {
    // A peer that left still counts: what it sent before closing was received and is kept.
    // A refused peer's later updates build on the refused one, so they are dropped.
    if (this.destroyed || this.refused.has(peer)) return;
    const outcome = await applyClientUpdate({
      doc: this.current,
      prior: this.prior,
      actor: peer.actor,
      update,
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
        await this.reload();
        if (this.destroyed) return;
        if (this.relayed && !reread) return this.checkAndApply(peer, update, true);
        if (this.waitForStep2(peer, update)) return;
        return this.refuse(peer, 'invalid', 'update depends on changes the server never received');
      case 'refused':
        await this.reload();
        return this.refuse(peer, outcome.name, outcome.detail);
      case 'unstored':
        // An outage is logged once, by StorageHealth; anything else here is news.
        if (!(outcome.error instanceof StorageError))
          this.options.log.error(
            `room=${this.name} ${peer.label} storage failed, update not applied: ${outcome.error}`,
          );
        await this.reload();
        return this.refuse(peer, 'storageFailed', 'the update could not be stored');
      case 'stored':
        this.lastSeq = outcome.seq;
        if (this.destroyed) return;
        // With a follow-up the sender gets the message too: it holds the server's suggestion.
        this.fanout.send(outcome.update, outcome.followedUp ? null : peer, true);
        this.afterAppend();
    }
  }

  /**
   * Counts an append and starts a compaction at this room's point. A compaction writes the
   * whole document (tens of ms for a big room in SQLite, a round trip with PostgreSQL); it
   * runs beside this room's queue, not in it.
   */
  private afterAppend(): void {
    this.appendedSinceCompact++;
    if (this.appendedSinceCompact < this.compactAt || this.compacting) return;
    this.compacting = this.writeSnapshot()
      .catch((error) => this.options.log.error(`room=${this.name} compaction failed: ${error}`))
      .finally(() => {
        this.compacting = null;
      });
  }

  /** Keeps an update with gaps until the peer's sync step 2, within a budget; false when it cannot wait. */
  private waitForStep2(peer: RoomPeer, update: Uint8Array): boolean {
    if (this.sentStep2.has(peer) || peer.actor.role === 'viewer') return false;
    const waiting = this.waitingForStep2.get(peer) ?? [];
    const bytes = waiting.reduce((sum, u) => sum + u.byteLength, update.byteLength);
    if (waiting.length >= WAIT_FOR_STEP2_MAX_UPDATES || bytes > WAIT_FOR_STEP2_MAX_BYTES) return false;
    waiting.push(update);
    this.waitingForStep2.set(peer, waiting);
    return true;
  }

  /**
   * Writes the whole document as one snapshot; the log before it moves to history. Call it
   * inside `enqueue`, so the snapshot holds only what is stored; it waits for a compaction
   * already under way.
   */
  async compact(): Promise<void> {
    await this.compacting;
    await this.writeSnapshot();
  }

  /** Settles when the compaction under way, if any, has finished (whether or not it failed). */
  async compaction(): Promise<void> {
    await this.compacting;
  }

  /** Takes the snapshot at once (everything stored so far), then hands it to storage. */
  private async writeSnapshot(): Promise<void> {
    const counted = this.appendedSinceCompact;
    if (counted === 0) return;
    const upto = this.lastSeq;
    await this.options.store.compact(this.name, Y.encodeStateAsUpdate(this.current), upto);
    this.appendedSinceCompact -= counted;
  }

  destroy(): void {
    this.destroyed = true;
    this.fanout.close();
    this.presence.close();
    void this.channel?.close();
    this.current.off('update', this.broadcastUpdate);
    this.current.destroy();
  }

  private refuse(peer: RoomPeer, name: CloseName, detail: string): void {
    // A storage failure was logged where it happened, once per outage, not once per client.
    if (name !== 'storageFailed')
      this.options.log.warn(`room=${this.name} ${peer.label} refused (${CLOSE[name].reason}): ${detail}`);
    this.refused.add(peer);
    peer.close(name, detail);
  }

  /**
   * Changes another instance stored (relayed, or reread from storage) go on to this
   * instance's clients at once. A client's change goes out from `checkAndApply`, once stored;
   * what a load reads ('storage') was never news.
   */
  private readonly broadcastUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === 'relay') this.fanout.send(update, null, false);
  };
}
