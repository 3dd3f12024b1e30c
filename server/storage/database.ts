import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { schema } from './schema';

export type Db = Database.Database;

const BUSY_TIMEOUT_MS = 200;

/**
 * Opens (or creates) the one SQLite file that holds everything: `DATA_DIR/kringen.sqlite`.
 * WAL with synchronous=FULL: a commit is on disk before `append` returns, so an update the
 * server has broadcast survives kill -9 and power loss alike.
 *
 * The server has one connection, on its event loop, so nothing inside it ever waits for a
 * lock. Another process can hold one (an operator's sqlite3 shell writing; an online
 * backup only reads, which WAL allows beside a writer): busy_timeout is short, because
 * while a call waits every session on the server waits with it, and a commit that fails
 * is refused to its client, who sends it again after reconnecting.
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
  // better-sqlite3 builds SQLite with a page cache several times SQLite's own default
  // (`cache_size = -2000`, in KiB). The server appends at the end of the log and reads a room
  // only when it loads, so the kernel's file cache serves reads as well: under load
  // (bench/load) the bigger cache filled with log pages and held memory for nothing.
  db.pragma('cache_size = -2000');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // A deleted session must not stay readable in the file's free pages (docs/privacy.md).
  db.pragma('secure_delete = ON');
  db.exec(schema('sqlite'));
  return db;
}
