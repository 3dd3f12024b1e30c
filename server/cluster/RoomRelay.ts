/**
 * How a room hears about changes other server instances made to the same session. With one
 * instance there is nothing to hear (`noRelay`); behind a load balancer `RedisRelay` carries
 * every room's updates and awareness between instances.
 *
 * Correctness does not rest on the relay: an instance stores an update before it applies or
 * relays it, so storage always holds everything any client has seen. The relay makes other
 * instances fast; when it loses messages (Redis restarted, a connection dropped) rooms catch
 * up from storage (`onResync`).
 */
export interface RelayHandlers {
  /** A document update another instance has stored and applied. */
  update(update: Uint8Array): void;
  /** An awareness update from another instance's clients. */
  awareness(update: Uint8Array): void;
  /** Another instance just opened this room and wants to know who is here. */
  hello(): void;
  /** Another instance may have missed or failed to send messages: reread storage. */
  resync(): void;
  /** The session was deleted on another instance: close this instance's room too. */
  deleted(): void;
  /** The facilitator key was renewed on another instance: boards opened with the old one leave. */
  keyRenewed(): void;
}

export interface RelayChannel {
  publishUpdate(update: Uint8Array): void;
  publishAwareness(update: Uint8Array): void;
  publishHello(): void;
  publishResync(): void;
  publishDeleted(): void;
  publishKeyRenewed(): void;
  /** Stops listening; the room is unloading. */
  close(): Promise<void>;
}

export interface RoomRelay {
  /** This instance's tag on every frame it sends, so it never applies its own frames. */
  readonly instanceId: string;
  /** Starts listening to a room; resolves once messages published from now on will arrive. */
  open(room: string, handlers: RelayHandlers): Promise<RelayChannel>;
  /** Called after the relay lost messages (a reconnect): every open room must reread storage. */
  onResync(listener: () => void): void;
  /** 'up' when frames flow, 'down' while reconnecting; for the health endpoint. */
  readonly status: 'local' | 'up' | 'down';
  close(): Promise<void>;
}

const silentChannel: RelayChannel = {
  publishUpdate: () => undefined,
  publishAwareness: () => undefined,
  publishHello: () => undefined,
  publishResync: () => undefined,
  publishDeleted: () => undefined,
  publishKeyRenewed: () => undefined,
  close: async () => undefined,
};

/** Handlers for a channel opened only to publish (a deletion of a room not open here). */
export const ignoreFrames: RelayHandlers = {
  update: () => undefined,
  awareness: () => undefined,
  hello: () => undefined,
  resync: () => undefined,
  deleted: () => undefined,
  keyRenewed: () => undefined,
};

/** One instance alone: nobody to tell. */
export const noRelay: RoomRelay = {
  instanceId: 'local',
  open: async () => silentChannel,
  onResync: () => undefined,
  status: 'local',
  close: async () => undefined,
};
