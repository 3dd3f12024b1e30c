import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE } from '../../shared/protocol/messageTypes';
import type { Room, RoomPeer } from '../rooms/Room';

type Handler = (room: Room, peer: RoomPeer, decoder: decoding.Decoder) => Promise<void> | void;

/** Reads a sync sub-message: answers step 1, and sends steps 2 and updates through the room's checks. */
const handleSync: Handler = async (room, peer, decoder) => {
  const kind = decoding.readVarUint(decoder);
  switch (kind) {
    case syncProtocol.messageYjsSyncStep1:
      peer.send(room.syncStep2For(decoding.readVarUint8Array(decoder)));
      return;
    case syncProtocol.messageYjsSyncStep2:
      await room.receiveUpdate(peer, decoding.readVarUint8Array(decoder), 'step2');
      return;
    case syncProtocol.messageYjsUpdate:
      await room.receiveUpdate(peer, decoding.readVarUint8Array(decoder), 'update');
      return;
    default:
      throw new Error(`unknown sync message type ${kind}`);
  }
};

/** y-websocket message handlers, keyed by message type: a new type needs no edit elsewhere. */
const handlers: Record<number, Handler> = {
  [MESSAGE.sync]: handleSync,
  [MESSAGE.awareness]: (room, peer, decoder) =>
    room.receiveAwareness(peer, decoding.readVarUint8Array(decoder)),
  [MESSAGE.queryAwareness]: (room, peer) =>
    peer.send(room.awarenessMessage(room.awarenessFor(peer, [...room.awareness.getStates().keys()]))),
  // Auth messages go only from server to client; a client that sends one is ignored.
  [MESSAGE.auth]: () => {},
};

/** Decodes one frame and runs its handler. Throws on frames that are not y-websocket messages. */
export async function handleMessage(room: Room, peer: RoomPeer, data: Uint8Array): Promise<void> {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  const handler = handlers[type];
  if (!handler) throw new Error(`unknown message type ${type}`);
  await handler(room, peer, decoder);
}
