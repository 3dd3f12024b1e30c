import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { LIMITS } from '../shared/model/limits';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /**
   * PostgreSQL holding sessions and documents (postgres://user:password@host/db), shared by
   * every instance behind a load balancer; null keeps everything in SQLite in `dataDir`.
   */
  databaseUrl: string | null;
  /** Where phones reach this server, e.g. https://kringen.example.nl. Default: the LAN address. */
  publicUrl: string | null;
  /**
   * Redis shared by several instances behind a load balancer (redis://…); null for one
   * instance alone. Needs DATABASE_URL: instances must share their storage too.
   */
  redisUrl: string | null;
  /**
   * Reverse proxies (nginx) whose X-Forwarded-For is believed, so per-IP limits see the
   * phone's address rather than the proxy's. Empty: the socket's address counts.
   */
  trustProxy: ReadonlySet<string>;
  /** Largest WebSocket message accepted, in bytes. */
  maxMessageBytes: number;
  /** Largest HTTP request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Largest session export accepted by the import endpoint, in bytes. */
  maxImportBytes: number;
  /** Compact a room's update log into a snapshot after this many updates. */
  compactEvery: number;
  /** How long an empty room stays in memory, in ms. */
  idleUnloadMs: number;
  /** How long the room's changes wait to go out to the phones together, in ms (0: at once). */
  phoneBatchMs: number;
  /** Wrong join codes per IP per minute (a six-character code is guessable without a limit). */
  joinAttemptsPerMinute: number;
  /** Longest ripple text the server stores (at most the schema's own limit). */
  maxRippleText: number;
  /** Ripples (any status) and links one session may hold. */
  maxRipplesPerSession: number;
  maxLinksPerSession: number;
  /** Sessions this server will create. */
  maxSessions: number;
  /** Open WebSocket connections from one IP address (a whole room may share one). */
  maxConnectionsPerIp: number;
  /** Phones that may join one session per minute (stops identity flooding). */
  joinsPerSessionPerMinute: number;
  /** Directory with the built client (vite build output). */
  clientDir: string;
  /** How long start-up waits for PostgreSQL and Redis to answer before giving up, in ms. */
  startupWaitMs: number;
  /** How long a stop (SIGTERM, SIGINT) may take before the server exits regardless, in ms. */
  shutdownTimeoutMs: number;
  /** Delete sessions untouched for this many days (0: keep them until the facilitator deletes them). */
  retentionDays: number;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** Parses the environment once, at start-up; a bad value stops the server with a message naming it. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const publicUrl = env.PUBLIC_URL?.replace(/\/+$/, '') || null;
  if (publicUrl && !/^https?:\/\/[^/\s]+/.test(publicUrl)) {
    throw new Error(`PUBLIC_URL must start with http:// or https://, got "${publicUrl}"`);
  }
  const redisUrl = env.REDIS_URL || null;
  if (redisUrl && !/^rediss?:\/\/./.test(redisUrl)) {
    throw new Error('REDIS_URL must start with redis:// or rediss://');
  }
  const databaseUrl = env.DATABASE_URL || null;
  if (redisUrl && !databaseUrl) {
    throw new Error('REDIS_URL needs DATABASE_URL: instances that share sessions must share their storage');
  }
  const trustProxy = new Set(
    (env.TRUST_PROXY ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
  );
  for (const address of trustProxy) {
    if (isIP(address) === 0) throw new Error(`TRUST_PROXY must list IP addresses, got "${address}"`);
  }
  // The value is not echoed: it usually holds a password.
  if (databaseUrl && !/^postgres(ql)?:\/\/./.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    port: int(env, 'PORT', 8080, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR || './data'),
    databaseUrl,
    publicUrl,
    redisUrl,
    trustProxy,
    maxMessageBytes: int(env, 'MAX_MESSAGE_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', 64 * 1024, 1024, 16 * 1024 * 1024),
    maxImportBytes: int(env, 'MAX_IMPORT_BYTES', 10 * 1024 * 1024, 1024, 512 * 1024 * 1024),
    compactEvery: int(env, 'COMPACT_EVERY', 500, 1, 1_000_000),
    idleUnloadMs: int(env, 'IDLE_UNLOAD_MS', 60_000, 0, 24 * 3600_000),
    phoneBatchMs: int(env, 'PHONE_BATCH_MS', 500, 0, 5_000),
    joinAttemptsPerMinute: int(env, 'JOIN_ATTEMPTS_PER_MINUTE', 30, 1, 100_000),
    maxRippleText: int(env, 'MAX_RIPPLE_TEXT', LIMITS.rippleText, 20, LIMITS.rippleText),
    maxRipplesPerSession: int(env, 'MAX_RIPPLES_PER_SESSION', 2000, 1, 100_000),
    maxLinksPerSession: int(env, 'MAX_LINKS_PER_SESSION', 5000, 1, 200_000),
    maxSessions: int(env, 'MAX_SESSIONS', 10_000, 1, 10_000_000),
    maxConnectionsPerIp: int(env, 'MAX_CONNECTIONS_PER_IP', 1000, 1, 100_000),
    joinsPerSessionPerMinute: int(env, 'JOINS_PER_SESSION_PER_MINUTE', 300, 1, 100_000),
    clientDir: resolve(env.CLIENT_DIR || 'dist/client'),
    startupWaitMs: int(env, 'STARTUP_WAIT_MS', 60_000, 0, 3600_000),
    shutdownTimeoutMs: int(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000),
    retentionDays: int(env, 'RETENTION_DAYS', 0, 0, 36_500),
  };
}
