import type { Config } from '../config';
import type { Logger } from '../log';
import { PostgresSessionStore } from '../sessions/PostgresSessionStore';
import type { SessionStore } from '../sessions/SessionStore';
import { SqliteSessionStore } from '../sessions/SqliteSessionStore';
import { openDatabase } from './database';
import { PostgresUpdateStore } from './PostgresUpdateStore';
import { describePostgresUrl, openPostgres } from './postgresDatabase';
import type { UpdateStore } from './UpdateStore';
import { WorkerUpdateStore } from './WorkerUpdateStore';

export interface Storage {
  sessions: SessionStore;
  store: UpdateStore;
  /** Where the data lives, for the start-up message (never a password). */
  description: string;
  /** Closes the store and the database behind both. */
  close(): Promise<void>;
}

/**
 * Sessions and documents in one place: the PostgreSQL database in DATABASE_URL, which
 * several instances can share, or else the SQLite file in DATA_DIR.
 */
export async function openStorage(config: Config, log: Logger): Promise<Storage> {
  if (config.databaseUrl) {
    const pool = await openPostgres(config.databaseUrl, log);
    const store = new PostgresUpdateStore(pool);
    return {
      sessions: new PostgresSessionStore(pool),
      store,
      description: describePostgresUrl(config.databaseUrl),
      // The update store ends the pool the session store shares.
      close: () => store.close(),
    };
  }
  // Two connections to one file: sessions here, on the main thread (few, small writes),
  // and the documents in the storage worker. WAL lets each read while the other writes;
  // busy_timeout (openDatabase) makes a writer wait for the other's commit instead of
  // failing. This connection leaves WAL checkpoints (an fsync of the database file) to
  // the worker, which commits far more often, so they never block the event loop.
  const db = openDatabase(config.dataDir);
  db.pragma('wal_autocheckpoint = 0');
  let store: WorkerUpdateStore;
  try {
    store = await WorkerUpdateStore.open({ dataDir: config.dataDir, log });
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    sessions: new SqliteSessionStore(db),
    store,
    description: `SQLite in ${config.dataDir}`,
    async close() {
      try {
        await store.close();
      } finally {
        db.close();
      }
    },
  };
}
