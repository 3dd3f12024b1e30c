import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { RelayChannel } from '../cluster/RoomRelay';
import { encodeAwareness } from '../ws/syncMessages';
import type { RoomPeer } from './roomTypes';
import { stampAwarenessUpdate } from './stampAwareness';

/** Whether an awareness change came from one of `peers` (the origin `receive` applies it with). */
function isPeerOf(peers: ReadonlySet<RoomPeer>, origin: unknown): origin is RoomPeer {
  return (peers as ReadonlySet<unknown>).has(origin);
}

/**
 * Who is here: the room's awareness (names, colours, cursors), stamped with the identity
 * the server knows, and sent on. Phones hear only their own states (the echo keeps a quiet
 * connection alive): they never show who else is here, and one phone should not learn the
 * names of the others. Boards and the presenter hear all.
 *
 * Changes go out once per event-loop turn, all changed states in one message: phones renew
 * their state every 15 s, and connections made together renew together, so one message per
 * change per listener was a burst of thousands of socket writes. Echoed to the sender too:
 * a lone client that hears nothing reconnects every 30 s.
 */
export class AwarenessFanout {
  // A document of its own: the room's is replaced when it reloads.
  readonly awareness = new awarenessProtocol.Awareness(new Y.Doc());
  /** Awareness client ids that clients of other instances speak for. */
  private readonly remoteIds = new Set<number>();
  /** States changed since the last flush, and ids that left with the peer they belonged to. */
  private readonly toSend = new Set<number>();
  private readonly leftIds = new Map<number, RoomPeer>();
  private flushing: NodeJS.Immediate | null = null;
  private closed = false;

  constructor(
    private readonly peers: ReadonlySet<RoomPeer>,
    private readonly channel: () => RelayChannel | null,
  ) {
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.changed);
  }

  /** The awareness client ids `peer` may hear of, out of `clientIds`. */
  statesFor(peer: RoomPeer, clientIds: readonly number[]): number[] {
    return peer.actor.role === 'participant'
      ? clientIds.filter((id) => peer.awarenessIds.has(id))
      : [...clientIds];
  }

  message(clients: number[]): Uint8Array {
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
  }

  /** Every state `peer` may hear of, as one message (null when there is none). */
  currentFor(peer: RoomPeer): Uint8Array | null {
    const states = this.statesFor(peer, [...this.awareness.getStates().keys()]);
    return states.length > 0 ? this.message(states) : null;
  }

  /** A client's own awareness update, stamped; states it claims for other connections are dropped. */
  receive(peer: RoomPeer, update: Uint8Array): void {
    const isOwnedByOther = (clientId: number) => {
      if (this.remoteIds.has(clientId)) return true;
      for (const other of this.peers) if (other !== peer && other.awarenessIds.has(clientId)) return true;
      return false;
    };
    const stamped = stampAwarenessUpdate(update, { actor: peer.actor, name: peer.name }, isOwnedByOther);
    if (stamped) awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped.update, peer);
  }

  /** Another instance's awareness update. */
  receiveRelayed(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, 'relay');
  }

  /** The states of this instance's connections, for another instance that just opened the room. */
  ownStates(): Uint8Array | null {
    const ids = [...this.peers].flatMap((peer) => [...peer.awarenessIds]);
    return ids.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
  }

  /** A connection left: its states go. */
  leave(peer: RoomPeer): void {
    if (peer.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null);
    }
  }

  close(): void {
    this.closed = true;
    if (this.flushing) clearImmediate(this.flushing);
    this.awareness.off('update', this.changed);
    this.awareness.destroy();
  }

  private readonly changed = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = added.concat(updated, removed);
    if (isPeerOf(this.peers, origin)) {
      for (const id of added) origin.awarenessIds.add(id);
      // A removed id stays the peer's until the flush, so its own "gone" still reaches it.
      for (const id of removed) this.leftIds.set(id, origin);
    }
    if (origin === 'relay') for (const id of added) this.remoteIds.add(id);
    for (const id of removed) this.remoteIds.delete(id);
    for (const id of changed) this.toSend.add(id);
    if (!this.flushing) this.flushing = setImmediate(this.flush);
    // Other instances time out stale states themselves; everything else of ours they must hear.
    if (origin !== 'relay' && origin !== 'timeout')
      this.channel()?.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
  };

  private readonly flush = (): void => {
    this.flushing = null;
    const changed = [...this.toSend];
    this.toSend.clear();
    if (this.closed || changed.length === 0) return;
    let toAll: Uint8Array | null = null;
    for (const peer of this.peers) {
      if (peer.actor.role !== 'participant') {
        toAll ??= this.message(changed);
        peer.send(toAll);
        continue;
      }
      const own = changed.filter((id) => peer.awarenessIds.has(id));
      if (own.length > 0) peer.send(this.message(own));
    }
    for (const [id, peer] of this.leftIds) peer.awarenessIds.delete(id);
    this.leftIds.clear();
  };
}
