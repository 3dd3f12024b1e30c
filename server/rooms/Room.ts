import * as Y from 'yjs';
import { receivesWholeSession } from '../../shared/doc/permissions';
import { noRelay, type RelayChannel, type RelayHandlers } from '../cluster/RoomRelay';
import { encodeSyncStep1, encodeSyncStep2 } from '../ws/syncMessages';
import { AwarenessFanout } from './awarenessFanout';
import { UpdateFanout } from './fanout';
import { PhoneViews } from './phoneViews';
import { relayHandlersFor } from './relayHandlers';
import { RoomDocument } from './roomDocument';
import { RoomReads } from './roomReads';
import type { RoomOptions, RoomPeer } from './roomTypes';
import { Snapshots } from './snapshots';
import { UpdatePath } from './updatePath';

export type { RoomOptions, RoomPeer };

/**
 * One live session document on this server. A client's change goes through `UpdatePath` and
 * only then to the others. All work on a room runs through one queue, so checks, storage and
 * application happen in the order the messages arrived, and nobody is answered from a change
 * that is not stored yet. With several instances, what one instance stores reaches the others'
 * copies through the relay (`relayHandlersFor`).
 */
export class Room {
  private readonly document = new RoomDocument((update, changes) => {
    this.fanout.send(update, null, false);
    this.views.sessionChanged(changes);
  });
  readonly peers = new Set<RoomPeer>();
  private queue: Promise<unknown> = Promise.resolve();
  private destroyed = false;
  private channel: RelayChannel | null = null;
  private readonly fanout: UpdateFanout;
  /** What each phone holds: a view of the document, not the document (see PhoneViews). */
  private readonly views: PhoneViews;
  /** Presence: who is here, as each connection may hear of it. */
  readonly presence: AwarenessFanout;
  /** When the document is written as a snapshot (`snapshots.compact()` inside `enqueue`). */
  readonly snapshots: Snapshots;
  private readonly path: UpdatePath;
  private readonly reads: RoomReads;
  private readonly relayHandlers: RelayHandlers;

  private constructor(
    readonly name: string,
    options: RoomOptions,
  ) {
    const { store, log, compactEvery } = options;
    this.snapshots = new Snapshots(name, () => this.document.doc, store, log, compactEvery);
    this.fanout = new UpdateFanout(this.peers, () => this.channel);
    this.views = new PhoneViews(() => this.document.doc, options.phoneBatchMs ?? 0);
    this.presence = new AwarenessFanout(this.peers, () => this.channel);
    this.reads = new RoomReads(name, options, this.document, this.snapshots);
    this.relayHandlers = relayHandlersFor(this, {
      document: this.document,
      presence: this.presence,
      reads: this.reads,
      channel: () => this.channel,
      log: options.log,
    });
    this.path = new UpdatePath({
      name,
      options,
      relayed: options.relay !== undefined && options.relay !== noRelay,
      destroyed: () => this.destroyed,
      document: this.document,
      views: this.views,
      fanout: this.fanout,
      snapshots: this.snapshots,
      now: options.now ?? Date.now,
      reload: (seen, judged) => this.reload(seen, judged),
      reread: () => this.reads.reread(() => !this.destroyed),
    });
  }

  /** The session document as stored (read it inside `enqueue` to see a settled state). */
  get doc(): Y.Doc {
    return this.document.doc;
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
      await room.reads.load();
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
    return this.enqueue(() => this.reads.reread(() => !this.destroyed));
  }

  /**
   * Starts over from storage: after a refused or unstored change the document holds
   * something nobody may see. Nobody has: changes are only sent after they are stored.
   * If storage cannot be read either, the room closes and its clients come back later.
   */
  private async reload(seen?: Uint8Array, judged?: RoomPeer): Promise<void> {
    if (!(await this.reads.replace())) {
      for (const peer of this.peers) peer.close('storageFailed', 'the session could not be reloaded');
      this.destroy();
      return;
    }
    // The phone whose change was refused keeps its view as it is until it is told, so that
    // what it starts over with (its typing) is still its own.
    this.views.sessionReplaced(judged?.actor.id);
    // With other instances, storage may hold what this room never heard (a relay frame lost):
    // the clients get it now, measured from what the room had before the change (`seen`).
    if (seen) this.fanout.send(Y.encodeStateAsUpdate(this.document.doc, seen), null, false);
  }

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
    if (receivesWholeSession(peer.actor)) peer.send(encodeSyncStep1(this.doc));
    else this.views.join(peer);
    const presence = this.presence.currentFor(peer);
    if (presence) peer.send(presence);
  }

  leave(peer: RoomPeer): void {
    if (!this.peers.delete(peer)) return;
    this.presence.leave(peer);
    if (!receivesWholeSession(peer.actor)) this.views.leave(peer);
  }

  /** The reply to a client's sync step 1: everything the client's state vector lacks (of its view, but for a board). */
  syncStep2For(peer: RoomPeer, stateVector: Uint8Array): Uint8Array {
    if (!receivesWholeSession(peer.actor)) return this.views.syncStep2For(peer, stateVector);
    return encodeSyncStep2(this.doc, stateVector);
  }

  /** A document update from a client (sync step 2 or an update message): see UpdatePath. */
  receiveUpdate(peer: RoomPeer, update: Uint8Array, kind: 'step2' | 'update'): Promise<void> {
    return this.path.receive(peer, update, kind);
  }

  destroy(): void {
    this.destroyed = true;
    this.views.close();
    this.presence.close();
    void this.channel?.close();
    this.document.destroy();
  }
}
