import type { Room, RoomPeer } from '../rooms/Room';
import { decodeFrame } from './syncMessages';

/** A frame the client should not have sent: bytes that do not decode as what they claim to be. */
export class MalformedFrame extends Error {}

/** Runs `read`, which decodes a client's bytes; whatever it throws is the client's fault. */
function decoded<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new MalformedFrame(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Reads one frame and does what it asks: answers a sync step 1, sends steps 2 and updates
 * through the room's checks, takes awareness. Throws a `MalformedFrame` on bytes that do not
 * decode (the client's fault); anything else it throws is the server's.
 */
export async function handleMessage(room: Room, peer: RoomPeer, data: Uint8Array): Promise<void> {
  const frame = decoded(() => decodeFrame(data));
  switch (frame.type) {
    case 'step1':
      peer.send(decoded(() => room.syncStep2For(peer, frame.stateVector)));
      return;
    case 'step2':
    case 'update':
      await room.receiveUpdate(peer, frame.update, frame.type);
      return;
    case 'awareness':
      decoded(() => room.presence.receive(peer, frame.update));
      return;
    case 'queryAwareness':
      peer.send(room.presence.currentFor(peer) ?? room.presence.message([]));
      return;
    case 'auth':
      // Auth messages go only from server to client; a client that sends one is ignored.
      return;
  }
}
