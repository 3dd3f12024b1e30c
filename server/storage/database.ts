import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { schema } from './schema';

export type Db = Database.Database;

/**
 * Opens (or creates) the one SQLite file that holds everything: `DATA_DIR/kringen.sqlite`.
 * WAL with synchronous=FULL: a commit is on disk before `append` returns, so an update the
 * server has broadcast survives kill -9 and power loss alike.
 */
export function openDatabase(dataDir: string | ':memory:'): Db {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true });
    file = join(dataDir, 'kringen.sqlite');
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(schema('sqlite'));
  return db;
}
