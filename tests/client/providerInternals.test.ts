import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { providerSender, wrapSyncFrames } from '../../client/sync/providerInternals';
import { MESSAGE } from '../../shared/protocol/messageTypes';

/** One test per reach into y-websocket's provider: an upgrade that moves one fails here first. */
describe('the y-websocket provider internals Kringen relies on', () => {
  const provider = () =>
    new WebsocketProvider('ws://127.0.0.1:9', 'room', new Y.Doc(), {
      connect: false,
      disableBc: true,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    });

  it('wrapSyncFrames: the sync handler can be wrapped, and the wrapper gets the original', () => {
    const p = provider();
    const original = p.messageHandlers[MESSAGE.sync];
    let seen: unknown = null;
    expect(
      wrapSyncFrames(p, (read) => {
        seen = read;
        return read;
      }),
    ).toBe(true);
    expect(seen).toBe(original);
    expect(typeof original).toBe('function');
    p.destroy();
  });

  it("providerSender: the listener the provider put on its document's updates", () => {
    const p = provider();
    const sender = providerSender(p);
    expect(typeof sender).toBe('function');
    // It is the one registered: removing it leaves the document without the provider's listener.
    const doc = p.doc;
    const listeners = () =>
      (doc as unknown as { _observers: Map<string, Set<unknown>> })._observers.get('update');
    expect(listeners()?.has(sender)).toBe(true);
    p.destroy();
  });
});
