import { Pool, type PoolClient } from 'pg';
import type { Logger } from '../log';
import { untilReachable } from '../untilReachable';
import { schema } from './schema';

/** Advisory lock classes (the first key of the two-key form), so Kringen's locks never meet another app's. */
export const LOCK_CLASS = { schema: 0x4b52_0000, room: 0x4b52_0001 } as const;

/** Runs `work` in one transaction on one connection of `pool`; commits if it succeeds. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    client.release();
    return result;
  } catch (error) {
    // Dropping the connection rolls back, and one in an unknown state is never handed out again.
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}

/** The database URL without user name and password, fit for logs. */
export function describePostgresUrl(url: string): string {
  try {
    const { hostname, port, pathname } = new URL(url);
    return `PostgreSQL at ${hostname || 'localhost'}:${port || '5432'}${pathname || '/'}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** Errors that waiting cannot mend: a wrong password or user (28xxx), a database that does not exist. */
const isConfigurationError = (error: unknown): boolean => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('28') || code === '3D000');
};

/**
 * Connects to the database in DATABASE_URL and creates the tables it lacks, waiting up to
 * `waitMs` for a database that is not up yet. The schema is created under an advisory
 * lock: `create table if not exists` is not safe against a second instance doing the same
 * at the same moment (both see no table, one fails).
 */
export async function openPostgres(url: string, log: Logger, waitMs = 0): Promise<Pool> {
  // Without a timeout an unreachable host would hang start-up and every request for ever.
  const pool = new Pool({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // An idle connection that breaks (database restart) emits here; unhandled, it would kill
  // the server. What it means for the server is StorageHealth's to say, once.
  pool.on('error', () => undefined);
  try {
    await untilReachable(
      describePostgresUrl(url),
      () =>
        inTransaction(pool, async (client) => {
          await client.query('select pg_advisory_xact_lock($1, 0)', [LOCK_CLASS.schema]);
          await client.query(schema('postgres'));
        }),
      { log, waitMs, isFinal: isConfigurationError },
    );
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(
      `DATABASE_URL: could not set up ${describePostgresUrl(url)}: ${(error as Error).message}`,
    );
  }
  return pool;
}
