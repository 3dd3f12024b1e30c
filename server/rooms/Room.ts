import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { changesOfTransaction, type DocChange } from '../../shared/doc/changes';
import { authorize } from '../../shared/doc/permissions';
import { ripplesToSuggest, updateSuggestions } from '../../shared/doc/suggestions';
import type { Actor } from '../../shared/model/ripple';
import { CLOSE, type CloseName } from '../../shared/protocol/closeCodes';
import { MESSAGE } from '../../shared/protocol/messageTypes';
import { noRelay, type RelayChannel, type RelayHandlers, type RoomRelay } from '../cluster/RoomRelay';
import type { Logger } from '../log';
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
  now?: () => number;
}

function encodeMessage(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const sameVector = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

const WAIT_FOR_STEP2_MAX_UPDATES = 200;
const WAIT_FOR_STEP2_MAX_BYTES = 1024 * 1024;

/** True while a document holds changes whose causes it has not seen yet. */
const hasGaps = (doc: Y.Doc): boolean => doc.store.pendingStructs !== null || doc.store.pendingDs !== null;

/**
 * One live session document on this server. Every incoming change is tried on a trial
 * copy first, checked against the sender's role, stored, and only then applied and sent
 * to the others. All work on a room runs through one queue, so checks, storage and
 * application happen in the order the messages arrived. With several instances, what one
 * instance stores reaches the others' copies of the room through the relay.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<RoomPeer>();
  private trial = new Y.Doc();
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
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.doc.on('update', this.broadcastUpdate);
    this.awareness.on('update', this.broadcastAwareness);
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
   * Applies a stored state to the document and the trial copy alike, keeping them equal.
   * Origin 'storage' tells nobody (the room is loading); 'relay' tells this instance's clients.
   */
  private applyStored(stored: StoredDoc, origin: 'storage' | 'relay'): void {
    for (const doc of [this.trial, this.doc]) {
      doc.transact(() => {
        if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
        for (const update of stored.updates) Y.applyUpdate(doc, update);
      }, origin);
    }
    this.lastSeq = Math.max(this.lastSeq, stored.lastSeq);
  }

  private readonly relayHandlers: RelayHandlers = {
    update: (update) => {
      void this.enqueue(async () => {
        if (this.destroyed) return;
        try {
          Y.applyUpdate(this.trial, update, 'relay');
          Y.applyUpdate(this.doc, update, 'relay');
        } catch (error) {
          this.options.log.warn(`room=${this.name} undecodable relayed update: ${error}`);
        }
        // A frame arrived whose causes never did (lost while Redis was away): storage has
        // them. Reread now, inside this task, so no client update is checked against a gap.
        if (hasGaps(this.doc) || hasGaps(this.trial)) await this.rereadStorage();
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
  };

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
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) peer.send(this.awarenessMessage(states));
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
    const svBefore = Y.encodeStateVector(this.trial);
    let changes: DocChange[] = [];
    const capture = (transaction: Y.Transaction) => {
      changes = changes.concat(changesOfTransaction(this.trial, transaction));
    };
    this.trial.on('afterTransaction', capture);
    try {
      Y.applyUpdate(this.trial, update, 'trial');
    } catch (error) {
      this.trial.off('afterTransaction', capture);
      return this.refuse(peer, 'malformed', `undecodable update (${(error as Error).message})`);
    }
    this.trial.off('afterTransaction', capture);
    if (hasGaps(this.trial)) {
      // With other instances, the missing causes may be stored but not yet relayed here
      // (or lost with an instance that died): reread storage and check the update afresh,
      // on a clean trial copy, so every change in it is still seen by `authorize`.
      if (this.relayed && !reread) {
        await this.rereadStorage();
        this.resetTrial();
        return this.checkAndApply(peer, update, true);
      }
      if (this.waitForStep2(peer, update)) return this.resetTrial();
      return this.refuse(peer, 'invalid', 'update depends on changes the server never received');
    }
    const verdict = authorize(peer.actor, changes, this.doc, this.trial);
    if (!verdict.ok) {
      return this.refuse(peer, verdict.reason === 'forbidden' ? 'forbidden' : 'invalid', verdict.detail);
    }
    const overLimit = checkQuota(changes, this.doc, this.trial, this.options.quota);
    if (overLimit) return this.refuse(peer, overLimit.name, overLimit.detail);
    // Nothing new (a reconnecting client's step 2 often holds only what we have): store nothing.
    if (changes.length === 0 && sameVector(svBefore, Y.encodeStateVector(this.trial))) return;
    // The server's own follow-up (suggested codes) is made on the trial copy now and stored
    // merged with the client's update: one write, all or nothing.
    const toSuggest = ripplesToSuggest(this.trial, changes);
    const followUp =
      toSuggest.length > 0 ? this.changeOnTrial((doc) => updateSuggestions(doc, toSuggest)) : null;
    const stored = followUp ? Y.mergeUpdates([update, followUp]) : update;
    try {
      this.lastSeq = await this.options.store.append(this.name, stored, this.now());
    } catch (error) {
      this.options.log.error(`room=${this.name} ${peer.label} storage failed, update not applied: ${error}`);
      return this.refuse(peer, 'storageFailed', 'the update could not be stored');
    }
    if (this.destroyed) return;
    // With a follow-up, everyone (the sender too) gets both in one message: one send per peer, not two.
    if (followUp) Y.applyUpdate(this.doc, stored, 'server');
    else Y.applyUpdate(this.doc, update, peer);
    this.appendedSinceCompact++;
    if (this.appendedSinceCompact >= this.compactAt) await this.compact();
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

  /** Runs a server-side change on the trial copy and returns it as one update (null when nothing changed). */
  private changeOnTrial(change: (doc: Y.Doc) => void): Uint8Array | null {
    const parts: Uint8Array[] = [];
    const capture = (update: Uint8Array) => parts.push(update);
    this.trial.on('update', capture);
    try {
      change(this.trial);
    } finally {
      this.trial.off('update', capture);
    }
    if (parts.length === 0) return null;
    return parts.length === 1 ? (parts[0] as Uint8Array) : Y.mergeUpdates(parts);
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

  /** Writes the whole document as one snapshot; the log before it moves to history. */
  async compact(): Promise<void> {
    if (this.appendedSinceCompact === 0) return;
    const upto = this.lastSeq;
    await this.options.store.compact(this.name, Y.encodeStateAsUpdate(this.doc), upto);
    this.appendedSinceCompact = 0;
  }

  destroy(): void {
    this.destroyed = true;
    void this.channel?.close();
    this.doc.off('update', this.broadcastUpdate);
    this.awareness.off('update', this.broadcastAwareness);
    this.awareness.destroy();
    this.doc.destroy();
    this.trial.destroy();
  }

  private refuse(peer: RoomPeer, name: CloseName, detail: string): void {
    this.options.log.warn(`room=${this.name} ${peer.label} refused (${CLOSE[name].reason}): ${detail}`);
    this.resetTrial();
    this.refused.add(peer);
    peer.close(name, detail);
  }

  /** Rebuilds the trial copy from the real document, dropping whatever a refused update left in it. */
  private resetTrial(): void {
    this.trial.destroy();
    this.trial = new Y.Doc();
    Y.applyUpdate(this.trial, Y.encodeStateAsUpdate(this.doc));
  }

  private readonly broadcastUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === 'storage') return;
    const message = encodeMessage(MESSAGE.sync, (e) => syncProtocol.writeUpdate(e, update));
    for (const peer of this.peers) if (peer !== origin) peer.send(message);
    if (origin !== 'relay') this.channel?.publishUpdate(update);
  };

  /** Echoed to the sender too: a lone client that hears nothing reconnects every 30 s. */
  private readonly broadcastAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = added.concat(updated, removed);
    if (origin && this.peers.has(origin as RoomPeer)) {
      const ids = (origin as RoomPeer).awarenessIds;
      for (const id of added) ids.add(id);
      for (const id of removed) ids.delete(id);
    }
    if (origin === 'relay') for (const id of added) this.remoteAwarenessIds.add(id);
    for (const id of removed) this.remoteAwarenessIds.delete(id);
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    const message = encodeMessage(MESSAGE.awareness, (e) => encoding.writeVarUint8Array(e, update));
    for (const peer of this.peers) peer.send(message);
    // Other instances time out stale states themselves; everything else of ours they must hear.
    if (origin !== 'relay' && origin !== 'timeout') this.channel?.publishAwareness(update);
  };
}
