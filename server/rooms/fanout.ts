import * as Y from 'yjs';
import type { RelayChannel } from '../cluster/RoomRelay';
import { encodeUpdate } from '../ws/syncMessages';
import type { RoomPeer } from './roomTypes';

/**
 * The last step of the update path: a stored change goes to the room's connections and,
 * when it is this instance's, to the other instances. Boards and presenters get each change
 * at once; phones get the room's changes in batches (`phoneBatchMs`): every change goes to
 * every phone, and each message is a socket write on the server and a radio wake-up on the
 * phone. A burst of ripples or votes in a room of 200 phones was 200 writes per change; now
 * it is one merged update per phone per batch. A phone shows its own changes at once (they
 * are local), so only another participant's ripple reaches a phone that much later.
 */
export class UpdateFanout {
  /** Stored changes on their way to the phones, and whom each need not reach (its sender). */
  private batch: Array<{ update: Uint8Array; except: RoomPeer | null }> = [];
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly peers: ReadonlySet<RoomPeer>,
    private readonly phoneBatchMs: number,
    private readonly channel: () => RelayChannel | null,
  ) {}

  /** Sends a stored (or relayed) change to everyone but `except` and, when `publish`, to the other instances. */
  send(update: Uint8Array, except: RoomPeer | null, publish: boolean): void {
    const batchPhones = this.phoneBatchMs > 0;
    this.sendTo(update, (peer) => peer !== except && !(batchPhones && peer.actor.role === 'participant'));
    if (batchPhones) this.toPhones(update, except);
    if (publish) this.channel()?.publishUpdate(update);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Sends `update` as one sync message, encoded once, to the peers `to` picks. */
  private sendTo(update: Uint8Array, to: (peer: RoomPeer) => boolean): void {
    let message: Uint8Array | null = null;
    for (const peer of this.peers) {
      if (!to(peer)) continue;
      message ??= encodeUpdate(update);
      peer.send(message);
    }
  }

  private toPhones(update: Uint8Array, except: RoomPeer | null): void {
    this.batch.push({ update, except });
    if (this.timer) return;
    this.timer = setTimeout(this.flush, this.phoneBatchMs);
    // A server shutting down does not wait for it: phones resync when they reconnect.
    this.timer.unref();
  }

  private readonly flush = (): void => {
    this.timer = null;
    const batch = this.batch;
    this.batch = [];
    const first = batch[0];
    if (this.closed || !first) return;
    const update = batch.length === 1 ? first.update : Y.mergeUpdates(batch.map((entry) => entry.update));
    // A batch of one phone's own changes need not go back to it; any other batch goes to all.
    const except = batch.every((entry) => entry.except === first.except) ? first.except : null;
    this.sendTo(update, (peer) => peer !== except && peer.actor.role === 'participant');
  };
}
