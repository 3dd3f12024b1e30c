import type { RoomPeer } from './roomTypes';

const MAX_UPDATES = 200;
const MAX_BYTES = 1024 * 1024;

/**
 * A reconnecting client may send a new change before its sync step 2, which carries what
 * that change builds on (it typed while the server restarted, or its instance died). Such
 * updates wait here for the client's step 2, within a budget, instead of being refused.
 */
export class StepTwoWait {
  private readonly arrived = new WeakSet<RoomPeer>();
  private readonly waiting = new WeakMap<RoomPeer, Uint8Array[]>();

  /** Whether `peer` has updates waiting (its later ones must wait behind them, untried). */
  has(peer: RoomPeer): boolean {
    return this.waiting.has(peer);
  }

  /** Keeps `update` until the peer's step 2; false when it cannot wait (step 2 came, a viewer, over budget). */
  hold(peer: RoomPeer, update: Uint8Array): boolean {
    if (this.arrived.has(peer) || peer.actor.role === 'viewer') return false;
    const waiting = this.waiting.get(peer) ?? [];
    const bytes = waiting.reduce((sum, u) => sum + u.byteLength, update.byteLength);
    if (waiting.length >= MAX_UPDATES || bytes > MAX_BYTES) return false;
    waiting.push(update);
    this.waiting.set(peer, waiting);
    return true;
  }

  /** The peer's step 2 arrived (the first time): the updates that waited for it, in order. */
  release(peer: RoomPeer): Uint8Array[] | null {
    if (this.arrived.has(peer)) return null;
    this.arrived.add(peer);
    const waiting = this.waiting.get(peer) ?? [];
    this.waiting.delete(peer);
    return waiting;
  }
}
