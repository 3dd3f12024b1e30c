import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

const SCHEMA = `
create table if not exists sessions (
  id text primary key,
  join_code text not null unique,
  facilitator_key_hash text not null,
  -- The presenter key only lets a screen watch; it is kept so the facilitator can share it again.
  viewer_key text not null,
  title text not null,
  created_at integer not null
);
create table if not exists participants (
  id text primary key,
  session_id text not null references sessions(id),
  secret_hash text not null,
  name text not null,
  created_at integer not null
);
create index if not exists participants_by_session on participants(session_id);
create table if not exists updates (
  seq integer primary key autoincrement,
  room text not null,
  at integer not null,
  data blob not null
);
create index if not exists updates_by_room on updates(room, seq);
create table if not exists snapshots (
  room text primary key,
  upto_seq integer not null,
  data blob not null
);
create table if not exists history (
  room text not null,
  minute integer not null,
  data blob not null,
  primary key (room, minute)
);
`;

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
  db.exec(SCHEMA);
  return db;
}
