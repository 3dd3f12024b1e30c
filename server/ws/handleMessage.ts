import type { Room, RoomPeer } from '../rooms/Room';
import { decodeFrame } from './syncMessages';

/**
 * Reads one frame and does what it asks: answers a sync step 1, sends steps 2 and updates
 * through the room's checks, takes awareness. Throws on frames that are not y-websocket
 * messages.
 */
export async function handleMessage(room: Room, peer: RoomPeer, data: Uint8Array): Promise<void> {
  const frame = decodeFrame(data);
  switch (frame.type) {
    case 'step1':
      peer.send(room.syncStep2For(frame.stateVector));
      return;
    case 'step2':
    case 'update':
      await room.receiveUpdate(peer, frame.update, frame.type);
      return;
    case 'awareness':
      room.receiveAwareness(peer, frame.update);
      return;
    case 'queryAwareness':
      peer.send(room.awarenessMessage(room.awarenessFor(peer, [...room.awareness.getStates().keys()])));
      return;
    case 'auth':
      // Auth messages go only from server to client; a client that sends one is ignored.
      return;
  }
}
