import * as encoding from 'lib0/encoding';
import * as random from 'lib0/random';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { changesOfTransaction, type DocChange } from '../../shared/doc/changes';
import { authorize } from '../../shared/doc/permissions';
import { PriorState } from '../../shared/doc/priorState';
import { ripplesToSuggest, updateSuggestions } from '../../shared/doc/suggestions';
import type { Actor } from '../../shared/model/ripple';
import { CLOSE, type CloseName } from '../../shared/protocol/closeCodes';
import { MESSAGE } from '../../shared/protocol/messageTypes';
import { noRelay, type RelayChannel, type RelayHandlers, type RoomRelay } from '../cluster/RoomRelay';
import type { Logger } from '../log';
import { StorageError } from '../storage/StorageHealth';
import type { StoredDoc, UpdateStore } from '../storage/UpdateStore';
import { checkQuota, type RoomQuota } from './checkQuota';
import { stampAwarenessUpdate } from './stampAwareness';

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
  /**
   * How long stored changes wait to go out to the phones together, in ms (0: at once).
   * Boards and presenters always get each change at once. See `sendToPhones`.
   */
  phoneBatchMs?: number;
  now?: () => number;
}

function encodeMessage(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const WAIT_FOR_STEP2_MAX_UPDATES = 200;
const WAIT_FOR_STEP2_MAX_BYTES = 1024 * 1024;

/** True while a document holds changes whose causes it has not seen yet. */
const hasGaps = (doc: Y.Doc): boolean => doc.store.pendingStructs !== null || doc.store.pendingDs !== null;

/**
 * One live session document on this server. An incoming change is applied, checked for
 * causes the server never received, judged against the sender's role and what the
 * document held before (`PriorState`), stored, and only then sent to the others; a change
 * with gaps, refused or unstorable makes the room reload its document from storage. All work
 * on a room runs through one queue, so checks, storage and application happen in the order
 * the messages arrived, and nobody is answered from a change that is not stored yet. With
 * several instances, what one instance stores reaches the others' copies through the relay.
 */
export class Room {
  private current = new Y.Doc();
  private prior = new PriorState(this.current);
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<RoomPeer>();
  /** While a client's change is being judged, what the document would send; null otherwise. */
  private held: Uint8Array[] | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private lastSeq = 0;
  private appendedSinceCompact = 0;
  private destroyed = false;
  private readonly refused = new WeakSet<RoomPeer>();
  /** Peers whose sync step 2 has arrived, and updates of the others that wait for it. */
  private readonly sentStep2 = new WeakSet<RoomPeer>();
  private readonly waitingForStep2 = new WeakMap<RoomPeer, Uint8Array[]>();
  /** Awareness client ids that clients of other instances speak for. */
  private readonly remoteAwarenessIds = new Set<number>();
  private channel: RelayChannel | null = null;
  /** Awareness states changed since the last flush, sent together (see broadcastAwareness). */
  private readonly awarenessToSend = new Set<number>();
  private readonly leftAwarenessIds = new Map<number, RoomPeer>();
  private awarenessFlush: NodeJS.Immediate | null = null;
  /** Stored changes on their way to the phones, and whom each need not reach (its sender). */
  private phoneBatch: Array<{ update: Uint8Array; except: RoomPeer | null }> = [];
  private phoneFlush: NodeJS.Timeout | null = null;
  /** The compaction under way, started after an update; the next one waits for it. */
  private compacting: Promise<void> | null = null;
  /** Whether other instances write to this room too (a relay is configured). */
  private readonly relayed: boolean;
  private readonly now: () => number;
  /**
   * This room's compaction point, within ±25 % of COMPACT_EVERY: rooms that started
   * together would otherwise all compact in the same second (measured: a GC storm).
   */
  private readonly compactAt: number;

  private constructor(
    readonly name: string,
    private readonly options: RoomOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.compactAt = Math.max(1, Math.round(options.compactEvery * (0.75 + Math.random() * 0.5)));
    this.relayed = options.relay !== undefined && options.relay !== noRelay;
    // The awareness gets a document of its own: the room's is replaced when it reloads.
    this.awareness = new awarenessProtocol.Awareness(new Y.Doc());
    this.awareness.setLocalState(null);
    this.current.on('update', this.broadcastUpdate);
    this.awareness.on('update', this.broadcastAwareness);
  }

  /** The session document as stored (read it inside `enqueue` to see a settled state). */
  get doc(): Y.Doc {
    return this.current;
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
    const relay = options.relay ?? noRelay;
    let loaded: () => void = () => undefined;
    room.queue = new Promise<void>((resolve) => {
      loaded = resolve;
    });
    try {
      room.channel = await relay.open(name, room.relayHandlers);
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

  /**
   * Applies a stored state to the document. Origin 'storage' tells nobody (the room is
   * loading); 'relay' tells this instance's clients.
   */
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
      if (this.destroyed) return;
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, 'relay');
    },
    hello: () => {
      if (this.destroyed) return;
      const ids = [...this.peers].flatMap((peer) => [...peer.awarenessIds]);
      if (ids.length > 0)
        this.channel?.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
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
    if (peer.actor.role !== 'viewer') {
      peer.send(encodeMessage(MESSAGE.sync, (e) => syncProtocol.writeSyncStep1(e, this.doc)));
    }
    const states = this.awarenessFor(peer, [...this.awareness.getStates().keys()]);
    if (states.length > 0) peer.send(this.awarenessMessage(states));
  }

  /**
   * The awareness client ids `peer` may hear of, out of `clientIds`. Phones hear only their
   * own states (the echo keeps a quiet connection alive): they never show who else is here,
   * and one phone should not learn the names of the others. Boards and the presenter hear all.
   */
  awarenessFor(peer: RoomPeer, clientIds: readonly number[]): number[] {
    return peer.actor.role === 'participant'
      ? clientIds.filter((id) => peer.awarenessIds.has(id))
      : [...clientIds];
  }

  leave(peer: RoomPeer): void {
    if (!this.peers.delete(peer)) return;
    if (peer.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null);
    }
  }

  /** The reply to a client's sync step 1: everything the client's state vector lacks. */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    return encodeMessage(MESSAGE.sync, (e) => {
      encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(this.doc, stateVector));
    });
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

    // Apply, judge and add the server's follow-up (suggested codes) in one transaction:
    // one update to store and one message to send. The document's update event is held
    // back until the update is stored.
    const held: Uint8Array[] = [];
    this.held = held;
    let refusal: { name: CloseName; detail: string } | null = null;
    let gaps = false;
    let followedUp = false;
    try {
      let changes: DocChange[] = [];
      this.current.transact((transaction) => {
        const ownClock = Y.getState(this.current.store, this.current.clientID);
        Y.applyUpdate(this.current, update);
        // Part of the update waits for changes the server never received. Checked after
        // applying, not before: a check beforehand decoded every update a second time
        // (~1 % of a core under the load bench) for a case that is rare.
        gaps = hasGaps(this.current);
        if (gaps) return;
        changes = changesOfTransaction(this.current, transaction);
        refusal = this.judge(peer, changes);
        if (refusal) return;
        const toSuggest = ripplesToSuggest(this.current, changes);
        if (toSuggest.length === 0) return;
        // applyUpdate marks the transaction remote, and Yjs gives a document a new client
        // id when a remote transaction advances the document's own id (it assumes another
        // client uses it): with the follow-up in it, that was every ripple. The follow-up
        // is the server's own change, so the transaction is local again; only when the
        // update itself wrote as the server's id does the server take a new one, as Yjs would.
        if (Y.getState(this.current.store, this.current.clientID) !== ownClock)
          this.current.clientID = random.uint32();
        transaction.local = true;
        // The prior state's meta is the session's unless this update changed it.
        const meta = changes.some(({ path }) => path[0] === 'meta') ? undefined : this.prior.meta;
        followedUp = updateSuggestions(this.current, toSuggest, meta) > 0;
        if (followedUp) changes = changesOfTransaction(this.current, transaction);
      }, peer);
      if (!refusal && !gaps) this.prior.refresh(changes);
    } catch (error) {
      refusal = { name: 'malformed', detail: `undecodable update (${(error as Error).message})` };
    } finally {
      this.held = null;
    }
    if (gaps) {
      // The document holds what came before the gap, which nobody may see: start over
      // from storage. With other instances, the missing causes may be stored but not yet
      // relayed here (or lost with an instance that died): the reload reads them, and the
      // update is tried once more. Otherwise it waits for the client's sync step 2.
      await this.reload();
      if (this.destroyed) return;
      if (this.relayed && !reread) return this.checkAndApply(peer, update, true);
      if (this.waitForStep2(peer, update)) return;
      return this.refuse(peer, 'invalid', 'update depends on changes the server never received');
    }
    if (refusal) {
      const { name, detail } = refusal as { name: CloseName; detail: string };
      await this.reload();
      return this.refuse(peer, name, detail);
    }
    // Nothing new (a reconnecting client's step 2 often holds only what we have): store nothing.
    const changed = held[0];
    if (changed === undefined) return;
    try {
      this.lastSeq = await this.options.store.append(this.name, changed, this.now());
    } catch (error) {
      // An outage is logged once, by StorageHealth; anything else here is news.
      if (!(error instanceof StorageError))
        this.options.log.error(
          `room=${this.name} ${peer.label} storage failed, update not applied: ${error}`,
        );
      await this.reload();
      return this.refuse(peer, 'storageFailed', 'the update could not be stored');
    }
    if (this.destroyed) return;
    // With a follow-up the sender gets the message too: it holds the server's suggestion.
    this.send(changed, followedUp ? null : peer, true);
    this.appendedSinceCompact++;
    // A compaction writes the whole document (25–60 ms for a big room in SQLite, a round
    // trip with PostgreSQL); it runs beside this room's queue, not in it.
    if (this.appendedSinceCompact >= this.compactAt && !this.compacting) {
      this.compacting = this.writeSnapshot()
        .catch((error) => this.options.log.error(`room=${this.name} compaction failed: ${error}`))
        .finally(() => {
          this.compacting = null;
        });
    }
  }

  /** Why `peer` may not make `changes` (just applied; the prior state still shows before), or null. */
  private judge(peer: RoomPeer, changes: readonly DocChange[]): { name: CloseName; detail: string } | null {
    const verdict = authorize(peer.actor, changes, this.prior, this.current);
    if (!verdict.ok)
      return { name: verdict.reason === 'forbidden' ? 'forbidden' : 'invalid', detail: verdict.detail };
    return checkQuota(changes, this.prior, this.current, this.options.quota);
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

  receiveAwareness(peer: RoomPeer, update: Uint8Array): void {
    const isOwnedByOther = (clientId: number) => {
      if (this.remoteAwarenessIds.has(clientId)) return true;
      for (const other of this.peers) if (other !== peer && other.awarenessIds.has(clientId)) return true;
      return false;
    };
    const stamped = stampAwarenessUpdate(update, { actor: peer.actor, name: peer.name }, isOwnedByOther);
    if (stamped) awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped.update, peer);
  }

  awarenessMessage(clients: number[]): Uint8Array {
    return encodeMessage(MESSAGE.awareness, (e) =>
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)),
    );
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
    if (this.awarenessFlush) clearImmediate(this.awarenessFlush);
    if (this.phoneFlush) clearTimeout(this.phoneFlush);
    void this.channel?.close();
    this.current.off('update', this.broadcastUpdate);
    this.awareness.off('update', this.broadcastAwareness);
    this.awareness.destroy();
    this.current.destroy();
  }

  private refuse(peer: RoomPeer, name: CloseName, detail: string): void {
    // A storage failure was logged where it happened, once per outage, not once per client.
    if (name !== 'storageFailed')
      this.options.log.warn(`room=${this.name} ${peer.label} refused (${CLOSE[name].reason}): ${detail}`);
    this.refused.add(peer);
    peer.close(name, detail);
  }

  private readonly broadcastUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === 'storage') return;
    if (this.held) {
      this.held.push(update);
      return;
    }
    this.send(update, null, origin !== 'relay');
  };

  /** Sends a stored (or relayed) change to everyone but `except` and, when it is ours, to the other instances. */
  private send(update: Uint8Array, except: RoomPeer | null, publish: boolean): void {
    const batchPhones = (this.options.phoneBatchMs ?? 0) > 0;
    this.sendUpdateTo(
      update,
      (peer) => peer !== except && !(batchPhones && peer.actor.role === 'participant'),
    );
    if (batchPhones) this.sendToPhones(update, except);
    if (publish) this.channel?.publishUpdate(update);
  }

  /** Sends `update` as one sync message, encoded once, to the peers `to` picks. */
  private sendUpdateTo(update: Uint8Array, to: (peer: RoomPeer) => boolean): void {
    let message: Uint8Array | null = null;
    for (const peer of this.peers) {
      if (!to(peer)) continue;
      message ??= encodeMessage(MESSAGE.sync, (e) => syncProtocol.writeUpdate(e, update));
      peer.send(message);
    }
  }

  /**
   * Phones get the room's changes in batches: every change goes to every phone, and each
   * message is a socket write on the server and a radio wake-up on the phone. A burst of
   * ripples or votes in a room of 200 phones was 200 writes per change; now it is one
   * merged update per phone per PHONE_BATCH_MS. A phone shows its own changes at once
   * (they are local), and the board and presenter are not batched, so only another
   * participant's ripple reaches a phone that much later.
   */
  private sendToPhones(update: Uint8Array, except: RoomPeer | null): void {
    this.phoneBatch.push({ update, except });
    if (this.phoneFlush) return;
    this.phoneFlush = setTimeout(this.flushPhones, this.options.phoneBatchMs);
    // A server shutting down does not wait for it: phones resync when they reconnect.
    this.phoneFlush.unref();
  }

  private readonly flushPhones = (): void => {
    this.phoneFlush = null;
    const batch = this.phoneBatch;
    this.phoneBatch = [];
    const first = batch[0];
    if (this.destroyed || !first) return;
    const update = batch.length === 1 ? first.update : Y.mergeUpdates(batch.map((entry) => entry.update));
    // A batch of one phone's own changes need not go back to it; any other batch goes to all.
    const except = batch.every((entry) => entry.except === first.except) ? first.except : null;
    this.sendUpdateTo(update, (peer) => peer !== except && peer.actor.role === 'participant');
  };

  /**
   * Awareness changes go out once per event-loop turn, all changed states in one message:
   * phones renew their state every 15 s, and connections made together renew together, so
   * one message per change per listener was a burst of thousands of socket writes.
   * Echoed to the sender too: a lone client that hears nothing reconnects every 30 s.
   */
  private readonly broadcastAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = added.concat(updated, removed);
    if (origin && this.peers.has(origin as RoomPeer)) {
      const ids = (origin as RoomPeer).awarenessIds;
      for (const id of added) ids.add(id);
      // A removed id stays the peer's until the flush, so its own "gone" still reaches it.
      for (const id of removed) this.leftAwarenessIds.set(id, origin as RoomPeer);
    }
    if (origin === 'relay') for (const id of added) this.remoteAwarenessIds.add(id);
    for (const id of removed) this.remoteAwarenessIds.delete(id);
    for (const id of changed) this.awarenessToSend.add(id);
    if (!this.awarenessFlush) this.awarenessFlush = setImmediate(this.flushAwareness);
    // Other instances time out stale states themselves; everything else of ours they must hear.
    if (origin !== 'relay' && origin !== 'timeout')
      this.channel?.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
  };

  private readonly flushAwareness = (): void => {
    this.awarenessFlush = null;
    const changed = [...this.awarenessToSend];
    this.awarenessToSend.clear();
    if (this.destroyed || changed.length === 0) return;
    let toAll: Uint8Array | null = null;
    for (const peer of this.peers) {
      if (peer.actor.role !== 'participant') {
        toAll ??= this.awarenessMessage(changed);
        peer.send(toAll);
        continue;
      }
      const own = changed.filter((id) => peer.awarenessIds.has(id));
      if (own.length > 0) peer.send(this.awarenessMessage(own));
    }
    for (const [id, peer] of this.leftAwarenessIds) peer.awarenessIds.delete(id);
    this.leftAwarenessIds.clear();
  };
}
