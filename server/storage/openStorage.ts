import type { Config } from '../config';
import type { CredentialStore } from '../credentials/CredentialStore';
import { SqliteCredentialStore } from '../credentials/SqliteCredentialStore';
import type { Logger } from '../log';
import { openDatabase } from './database';
import { SqliteUpdateStore } from './SqliteUpdateStore';
import { StorageHealth, watchedBy } from './StorageHealth';
import type { UpdateStore } from './UpdateStore';

export interface Storage {
  sessions: CredentialStore;
  store: UpdateStore;
  /** Where the data lives, for the start-up message (never a password). */
  description: string;
  /** Whether storage answers; `sessions` and the stores given to `watch` report to it. */
  health: StorageHealth;
  /** `store` (or a replacement) with its calls reported to `health`. */
  watch(store: UpdateStore): UpdateStore;
  /** Closes the store and the database behind both. */
  close(): Promise<void>;
}

/**
 * Sessions and documents in one place: the PostgreSQL database in DATABASE_URL, which
 * several instances can share, or else the SQLite file in DATA_DIR, which one server owns.
 */
export async function openStorage(config: Config, log: Logger): Promise<Storage> {
  if (config.databaseUrl) {
    // Loaded only when configured: importing pg costs memory at idle (ioredis, for the
    // relay, too), and the embedded default needs neither.
    const [{ describePostgresUrl, openPostgres }, { PostgresUpdateStore }, { PostgresCredentialStore }] =
      await Promise.all([
        import('./postgresDatabase'),
        import('./PostgresUpdateStore'),
        import('../credentials/PostgresCredentialStore'),
      ]);
    const pool = await openPostgres(config.databaseUrl, log, config.startupWaitMs);
    const store = new PostgresUpdateStore(pool);
    const description = describePostgresUrl(config.databaseUrl);
    const health = new StorageHealth({
      log,
      description,
      ping: async () => {
        await pool.query('select 1');
      },
    });
    return {
      sessions: watchedBy(new PostgresCredentialStore(pool), health),
      store,
      description,
      health,
      watch: (s) => watchedBy(s, health),
      // The update store ends the pool the session store shares.
      close: () => store.close(),
    };
  }
  // One connection for sessions and documents, on the event loop: see SqliteUpdateStore.
  const db = openDatabase(config.dataDir);
  const store = new SqliteUpdateStore(db);
  const description = `SQLite in ${config.dataDir}`;
  // No probe: SQLite's calls fail at once (busy_timeout is short), so each one may try.
  const health = new StorageHealth({ log, description });
  return {
    sessions: watchedBy(new SqliteCredentialStore(db), health),
    store,
    description,
    health,
    watch: (s) => watchedBy(s, health),
    async close() {
      try {
        await store.close();
      } finally {
        db.close();
      }
    },
  };
}
