import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../log';
import { untilReachable } from '../untilReachable';
import type { RelayChannel, RelayHandlers, RoomRelay } from './RoomRelay';
import { redactUrl } from './redactUrl';
import { decodeFrame, encodeFrame, FRAME, type FrameType } from './relayFrame';

const CHANNEL_PREFIX = 'kringen:room:';
const CONNECT_TIMEOUT_MS = 10_000;
const QUIT_TIMEOUT_MS = 1_000;

/**
 * Rooms of several instances share updates and awareness through Redis pub/sub, one
 * channel per room. Two connections: a subscriber (Redis allows nothing else on it) and a
 * publisher. The publisher has no offline queue: while Redis is away frames are dropped,
 * not piled up in memory, because storage already holds every update; when Redis returns,
 * each instance rereads storage for its rooms and asks the others to do the same.
 */
export class RedisRelay implements RoomRelay {
  readonly instanceId = randomBytes(9).toString('base64url');
  private readonly rooms = new Map<string, RelayHandlers>();
  private readonly resyncListeners: Array<() => void> = [];
  private lostFrames = false;
  private resyncTimer: NodeJS.Timeout | null = null;
  private closing = false;
  private reportedDown = false;

  private constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly log: Logger,
  ) {
    sub.on('messageBuffer', this.receive);
    for (const connection of [pub, sub]) {
      connection.on('error', this.onError);
      connection.on('close', this.onDown);
      connection.on('ready', this.onReady);
    }
  }

  /**
   * Connects both connections, waiting up to `waitMs` for a Redis that is not up yet; one
   * that still does not answer then is a configuration error.
   */
  static async connect(url: string, log: Logger, waitMs = 0): Promise<RedisRelay> {
    const options = { lazyConnect: true, maxRetriesPerRequest: null, connectTimeout: CONNECT_TIMEOUT_MS };
    const attempt = async () => {
      const pub = new Redis(url, { ...options, enableOfflineQueue: false });
      const sub = new Redis(url, options);
      try {
        await Promise.all([pub.connect(), sub.connect()]);
      } catch (error) {
        pub.disconnect();
        sub.disconnect();
        throw error;
      }
      return new RedisRelay(pub, sub, log);
    };
    try {
      return await untilReachable(`Redis at ${redactUrl(url)}`, attempt, { log, waitMs });
    } catch (error) {
      throw new Error(`cannot reach Redis at ${redactUrl(url)} (REDIS_URL): ${(error as Error).message}`);
    }
  }

  /** A connection for short commands (shared rate limits); it fails fast while Redis is away. */
  get commands(): Redis {
    return this.pub;
  }

  get status(): 'up' | 'down' {
    return this.pub.status === 'ready' && this.sub.status === 'ready' ? 'up' : 'down';
  }

  async open(room: string, handlers: RelayHandlers): Promise<RelayChannel> {
    const channel = CHANNEL_PREFIX + room;
    this.rooms.set(channel, handlers);
    // While Redis is away the subscription waits in ioredis' queue; the room still opens
    // from storage and the resync after the reconnect brings it up to date.
    const subscribed = this.sub.subscribe(channel).catch((error) => {
      this.log.warn(`relay: subscribing to room=${room} failed: ${error}`);
    });
    if (this.sub.status === 'ready') await subscribed;
    const send = (type: FrameType, payload: Uint8Array = new Uint8Array()) =>
      this.publish(channel, type, payload);
    return {
      publishUpdate: (update) => send(FRAME.update, update),
      publishAwareness: (update) => send(FRAME.awareness, update),
      publishHello: () => send(FRAME.hello),
      publishResync: () => send(FRAME.resync),
      publishDeleted: () => send(FRAME.deleted),
      publishKeyRenewed: () => send(FRAME.keyRenewed),
      close: async () => {
        if (this.rooms.get(channel) !== handlers) return;
        this.rooms.delete(channel);
        await this.sub.unsubscribe(channel).catch(() => undefined);
      },
    };
  }

  onResync(listener: () => void): void {
    this.resyncListeners.push(listener);
  }

  /**
   * Says goodbye to Redis where it answers and drops the connection where it does not: a
   * QUIT to a Redis that is away would wait in the subscriber's queue for ever, and hold up
   * the server's stop with it.
   */
  async close(): Promise<void> {
    this.closing = true;
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    await Promise.allSettled(
      [this.pub, this.sub].map(async (connection) => {
        if (connection.status === 'ready') {
          const quit = connection.quit().catch(() => undefined);
          await Promise.race([quit, new Promise((resolve) => setTimeout(resolve, QUIT_TIMEOUT_MS))]);
        }
        connection.disconnect();
      }),
    );
  }

  private publish(channel: string, type: FrameType, payload: Uint8Array): void {
    if (this.pub.status !== 'ready') {
      this.lostFrames = true;
      return;
    }
    const frame = Buffer.from(encodeFrame({ from: this.instanceId, type, payload }));
    this.pub.publish(channel, frame).catch(() => {
      this.lostFrames = true;
    });
  }

  private readonly receive = (channelBuffer: Buffer, message: Buffer): void => {
    const handlers = this.rooms.get(channelBuffer.toString());
    const frame = decodeFrame(message);
    if (!handlers || !frame || frame.from === this.instanceId) return;
    try {
      if (frame.type === FRAME.update) handlers.update(frame.payload);
      else if (frame.type === FRAME.awareness) handlers.awareness(frame.payload);
      else if (frame.type === FRAME.hello) handlers.hello();
      else if (frame.type === FRAME.deleted) handlers.deleted();
      else if (frame.type === FRAME.keyRenewed) handlers.keyRenewed();
      else handlers.resync();
    } catch (error) {
      this.log.warn(`relay: a frame from instance ${frame.from} was not applied: ${error}`);
    }
  };

  /** ioredis reports every failed reconnect; the log says once that Redis is away, and once that it is back. */
  private readonly onError = (error: Error): void => {
    if (this.closing || this.reportedDown) return;
    this.reportedDown = true;
    this.log.warn(`relay: Redis away (${error.message}); rooms still work from storage, retrying`);
  };

  private readonly onDown = (): void => {
    if (this.closing) return;
    this.lostFrames = true;
  };

  /**
   * A connection came back. Once both are up and the subscriptions are confirmed, every
   * room rereads storage (it may have missed frames) and tells the other instances to do the
   * same (they may have missed ours).
   */
  private readonly onReady = (): void => {
    if (this.reportedDown && this.status === 'up') {
      this.reportedDown = false;
      this.log.info('relay: Redis back');
    }
    if (!this.lostFrames || this.closing) return;
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    this.resyncTimer = setTimeout(() => void this.resync(), 50);
  };

  private async resync(): Promise<void> {
    this.resyncTimer = null;
    if (this.status !== 'up' || !this.lostFrames) return;
    this.lostFrames = false;
    const channels = [...this.rooms.keys()];
    try {
      if (channels.length > 0) await this.sub.subscribe(...channels);
    } catch (error) {
      this.lostFrames = true;
      this.log.warn(`relay: resubscribing failed, will retry on the next reconnect: ${error}`);
      return;
    }
    this.log.info(`relay: redis is back; ${channels.length} room(s) reread storage`);
    for (const channel of channels) this.publish(channel, FRAME.resync, new Uint8Array());
    for (const listener of this.resyncListeners) listener();
  }
}
