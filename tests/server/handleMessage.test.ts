import { describe, expect, it } from 'vitest';
import type { Room, RoomPeer } from '../../server/rooms/Room';
import { handleMessage, MalformedFrame } from '../../server/ws/handleMessage';
import { encodeUpdate } from '../../server/ws/syncMessages';

/** The socket edge tells a client's bad bytes (4400, final) from a bug of the server's (1011, logged). */
describe('handleMessage', () => {
  const peer = { send: () => undefined } as unknown as RoomPeer;
  const room = (receiveUpdate: () => Promise<void>) =>
    ({
      receiveUpdate,
      presence: {
        receive: () => {
          throw new Error('unexpected end of array');
        },
      },
      syncStep2For: () => new Uint8Array(),
    }) as unknown as Room;

  it('calls bytes that do not decode malformed: the frame itself, or its awareness payload', async () => {
    const calm = room(async () => undefined);
    await expect(handleMessage(calm, peer, new Uint8Array([42]))).rejects.toBeInstanceOf(MalformedFrame);
    await expect(handleMessage(calm, peer, new Uint8Array([0x80, 0x80]))).rejects.toBeInstanceOf(
      MalformedFrame,
    );
    await expect(handleMessage(calm, peer, new Uint8Array([1, 3, 1, 2, 3]))).rejects.toBeInstanceOf(
      MalformedFrame,
    );
  });

  it("lets an error of the server's own pass as what it is, not as the client's fault", async () => {
    const buggy = room(async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'peers')");
    });
    const failure = await handleMessage(buggy, peer, encodeUpdate(new Uint8Array([0, 0]))).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(TypeError);
    expect(failure).not.toBeInstanceOf(MalformedFrame);
  });
});
