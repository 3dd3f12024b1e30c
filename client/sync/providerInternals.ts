import type { WebsocketProvider } from 'y-websocket';
import { MESSAGE } from '../../shared/protocol/messageTypes';

/**
 * The places the client reaches into y-websocket's provider beyond its documented API, in
 * one file (the document's own are in shared/doc/yjsInternals.ts); a y-websocket upgrade
 * looks here first, and tests/client/providerInternals.test.ts pins each reach.
 */

type SyncHandler = NonNullable<WebsocketProvider['messageHandlers'][number]>;

/**
 * Replaces the provider's handler for sync frames from the server by `wrap(read)`, where
 * `read` is the provider's own handler. False when the provider has no such handler.
 */
export function wrapSyncFrames(
  provider: WebsocketProvider,
  wrap: (read: SyncHandler) => SyncHandler,
): boolean {
  const read = provider.messageHandlers[MESSAGE.sync];
  if (!read) return false;
  provider.messageHandlers[MESSAGE.sync] = wrap(read);
  return true;
}

/** The provider's listener on its document's 'update' event: what sends a change to the server. */
export function providerSender(provider: WebsocketProvider): (update: Uint8Array, origin: unknown) => void {
  return provider._updateHandler;
}
