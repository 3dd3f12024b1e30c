import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { noRelay, type RoomRelay } from './cluster/RoomRelay';
import type { Config } from './config';
import { startRetention } from './credentials/retention';
import { beforeDeadline } from './deadline';
import { createApi } from './http/api';
import { setSecurityHeaders } from './http/securityHeaders';
import { createStaticHandler } from './http/serveStatic';
import { localLimiter, redisLimiter } from './http/sharedRateLimiter';
import { consoleLogger, type Logger } from './log';
import { RoomRegistry } from './rooms/RoomRegistry';
import { warmUp } from './rooms/warmUp';
import { openStorage } from './storage/openStorage';
import type { UpdateStore } from './storage/UpdateStore';
import { attachWebSocket } from './ws/attachWebSocket';

export interface KringenServer {
  server: Server;
  port: number;
  rooms: RoomRegistry;
  /** Where sessions and documents live, for the start-up message (never a password). */
  storage: string;
  /**
   * Stops: no new connections, every socket closed with 1001, every room's snapshot written,
   * Redis and storage closed, each step until `timeoutMs` has passed. Returns whether
   * everything was written; what was not is logged per room (nothing is lost either way:
   * every update is in the log before anyone sees it).
   */
  close(timeoutMs?: number): Promise<boolean>;
}

export interface ServerOptions {
  log?: Logger;
  /** Replaces the configured update store (tests use the in-memory twin); sessions stay in the configured database. */
  store?: UpdateStore;
  /** Handles non-API requests instead of the built client (the Vite dev server in `npm run dev`). */
  fallback?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Base URL phones use to join; computed by the caller from PUBLIC_URL or the LAN address. */
  joinBaseUrl?: (port: number) => string;
}

/** Starts the whole server: HTTP API, built client and the y-websocket endpoint. */
export async function createServer(config: Config, options: ServerOptions = {}): Promise<KringenServer> {
  const log = options.log ?? consoleLogger;
  const storage = await openStorage(config, log);
  const store = storage.watch(options.store ?? storage.store);
  const { sessions, health } = storage;
  let relay: RoomRelay = noRelay;
  let joinLimiter = localLimiter(config.joinAttemptsPerMinute, 60_000);
  let sessionJoinLimiter = localLimiter(config.joinsPerSessionPerMinute, 60_000);
  if (config.redisUrl) {
    // Loaded only when configured, like PostgreSQL's driver (openStorage.ts): importing
    // importing ioredis costs memory at idle, and most servers run without it.
    const { RedisRelay } = await import('./cluster/RedisRelay');
    const redisRelay = await RedisRelay.connect(config.redisUrl, log, config.startupWaitMs).catch(
      async (error) => {
        await storage.close();
        throw error;
      },
    );
    relay = redisRelay;
    // Limits hold across instances, or a guesser gets them once per instance.
    joinLimiter = redisLimiter(redisRelay.commands, 'join-ip', config.joinAttemptsPerMinute, 60_000);
    sessionJoinLimiter = redisLimiter(
      redisRelay.commands,
      'join-session',
      config.joinsPerSessionPerMinute,
      60_000,
    );
  }
  const rooms = new RoomRegistry({
    relay,
    store,
    log,
    compactEvery: config.compactEvery,
    phoneBatchMs: config.phoneBatchMs,
    idleUnloadMs: config.idleUnloadMs,
    quota: {
      maxRippleText: config.maxRippleText,
      maxRipples: config.maxRipplesPerSession,
      maxLinks: config.maxLinksPerSession,
    },
  });
  const apiDeps = {
    config,
    sessions,
    store,
    health,
    log,
    rooms,
    relay,
    joinLimiter,
    sessionJoinLimiter,
    joinBaseUrl: '',
  };
  const api = createApi(apiDeps);
  const serveStatic = createStaticHandler(config.clientDir);

  const server = createHttpServer(async (req, res) => {
    setSecurityHeaders(res, { dev: Boolean(options.fallback) });
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (await api(req, res, pathname)) return;
    if (options.fallback) options.fallback(req, res);
    else await serveStatic(req, res, pathname);
  });
  // Slow-loris protection; WebSocket connections are upgraded before these apply.
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;

  const closeSockets = attachWebSocket(server, {
    rooms,
    sessions,
    log,
    maxMessageBytes: config.maxMessageBytes,
    maxConnectionsPerIp: config.maxConnectionsPerIp,
    trustProxy: config.trustProxy,
  });

  await warmUp();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const stopRetention =
    config.retentionDays > 0
      ? startRetention({ sessions, store, rooms, log }, config.retentionDays)
      : () => {};
  apiDeps.joinBaseUrl = options.joinBaseUrl?.(port) ?? config.publicUrl ?? `http://localhost:${port}`;

  return {
    server,
    port,
    rooms,
    storage: storage.description,
    async close(timeoutMs = Number.POSITIVE_INFINITY) {
      const deadline = Date.now() + timeoutMs;
      stopRetention();
      // Stop listening first: a load balancer's next connection goes to another instance.
      server.close();
      server.closeIdleConnections();
      await closeSockets(deadline);
      const unwritten = await rooms.closeAll(deadline);
      for (const { room, reason } of unwritten) {
        log.error(
          `room=${room} snapshot not written (${reason}); no update is lost: every update is in the log, only the snapshot is missing`,
        );
      }
      let complete = unwritten.length === 0;
      const finish = async (what: string, work: () => Promise<void>) => {
        const outcome = await beforeDeadline(work(), deadline);
        if (outcome.ok) return;
        complete = false;
        log.error(`${what} not closed cleanly: ${outcome.error}`);
      };
      await finish('Redis', () => relay.close());
      server.closeAllConnections();
      health.close();
      if (options.store) await finish('storage', () => (options.store as UpdateStore).close());
      await finish('storage', () => storage.close());
      return complete;
    },
  };
}
