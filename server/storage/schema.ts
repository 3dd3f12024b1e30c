/** Column types that differ between the two databases; the tables are written once, below. */
const DIALECTS = {
  sqlite: { int: 'integer', bytes: 'blob', seq: 'integer primary key autoincrement' },
  postgres: { int: 'bigint', bytes: 'bytea', seq: 'bigint generated always as identity primary key' },
} as const;

/** Every table Kringen keeps, in SQLite's or PostgreSQL's words. Idempotent: run at every start. */
export function schema(dialect: keyof typeof DIALECTS): string {
  const { int, bytes, seq } = DIALECTS[dialect];
  return `
create table if not exists sessions (
  id text primary key,
  join_code text not null unique,
  facilitator_key_hash text not null,
  -- The presenter key only lets a screen watch; it is kept so the facilitator can share it again.
  viewer_key text not null,
  title text not null,
  created_at ${int} not null
);
create table if not exists participants (
  id text primary key,
  session_id text not null references sessions(id),
  secret_hash text not null,
  name text not null,
  created_at ${int} not null
);
create index if not exists participants_by_session on participants(session_id);
create table if not exists updates (
  seq ${seq},
  room text not null,
  at ${int} not null,
  data ${bytes} not null
);
create index if not exists updates_by_room on updates(room, seq);
create table if not exists snapshots (
  room text primary key,
  upto_seq ${int} not null,
  data ${bytes} not null
);
create table if not exists history (
  room text not null,
  minute ${int} not null,
  data ${bytes} not null,
  primary key (room, minute)
);
`;
}
