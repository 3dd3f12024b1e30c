import type { Config } from '../config';
import type { Logger } from '../log';
import type { SessionStore } from '../sessions/SessionStore';
import { SqliteSessionStore } from '../sessions/SqliteSessionStore';
import { openDatabase } from './database';
import { SqliteUpdateStore } from './SqliteUpdateStore';
import type { UpdateStore } from './UpdateStore';

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
 * several instances can share, or else the SQLite file in DATA_DIR, which one server owns.
 */
export async function openStorage(config: Config, log: Logger): Promise<Storage> {
  if (config.databaseUrl) {
    // Loaded only when configured: importing pg costs ~15 MB of memory (ioredis, for the
    // relay, another ~20), and the embedded default needs neither.
    const [{ describePostgresUrl, openPostgres }, { PostgresUpdateStore }, { PostgresSessionStore }] =
      await Promise.all([
        import('./postgresDatabase'),
        import('./PostgresUpdateStore'),
        import('../sessions/PostgresSessionStore'),
      ]);
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
  // One connection for sessions and documents, on the event loop: see SqliteUpdateStore.
  const db = openDatabase(config.dataDir);
  const store = new SqliteUpdateStore(db);
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
