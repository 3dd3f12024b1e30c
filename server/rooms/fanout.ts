import { receivesWholeSession } from '../../shared/doc/permissions';
import type { RelayChannel } from '../cluster/RoomRelay';
import { encodeUpdate } from '../ws/syncMessages';
import type { RoomPeer } from './roomTypes';

/**
 * The last step of the update path: a stored change goes to the room's boards at once and,
 * when it is this instance's, to the other instances. Phones and presenter screens never get
 * the session's changes themselves: they get their views' (PhoneViews).
 */
export class UpdateFanout {
  constructor(
    private readonly peers: ReadonlySet<RoomPeer>,
    private readonly channel: () => RelayChannel | null,
  ) {}

  /** Sends a stored (or relayed) change to every board but `except` and, when `publish`, to the other instances. */
  send(update: Uint8Array, except: RoomPeer | null, publish: boolean): void {
    let message: Uint8Array | null = null;
    for (const peer of this.peers) {
      if (peer === except || !receivesWholeSession(peer.actor)) continue;
      message ??= encodeUpdate(update);
      peer.send(message);
    }
    if (publish) this.channel()?.publishUpdate(update);
  }
}
