import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { addRipple, setRippleStatus } from '../../shared/doc/commands';
import { readRipples } from '../../shared/doc/read';
import { CLOSE } from '../../shared/protocol/closeCodes';
import { boss as facilitator } from '../helpers/people';
import { hasPostgres, postgresForThisFile } from '../helpers/postgres';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { connectClient, sleep, type TestClient, waitFor } from '../helpers/yClient';

/**
 * A tool that can forget: a facilitator deletes a session and nothing of it stays in the
 * database or its files; RETENTION_DAYS deletes what nobody touched; the history is the
 * facilitator's alone.
 */
const postgres = postgresForThisFile();
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const SECRET_TEXT = 'Mevrouw Vlasblom-Terpstra kreeg haar huurtoeslag terug';
const SECRET_NAME = 'Annegien Wolterbeek';
const DAY = 24 * 3600_000;

function track(client: TestClient): TestClient {
  cleanup.push(() => client.destroy());
  return client;
}

/** A session with a phone's named ripple, accepted onto the map and compacted into a snapshot and history. */
async function sessionWithSecrets(server: TestServer) {
  const session = await server.createSession('Huisbezoeken Vlasblom');
  const phone = await server.join(session.joinCode, SECRET_NAME);
  const board = track(connectClient(server.wsUrl, session.id, { key: session.facilitatorKey }));
  const client = track(
    connectClient(server.wsUrl, session.id, { pid: phone.participantId, secret: phone.secret }),
  );
  await Promise.all([board.synced, client.synced]);
  addRipple(
    client.doc,
    { role: 'participant', id: phone.participantId },
    { text: SECRET_TEXT, authorName: SECRET_NAME },
    { id: 'geheim' },
  );
  await waitFor(() => readRipples(board.doc).some((r) => r.id === 'geheim'), 5000, 'the ripple on the board');
  setRippleStatus(board.doc, facilitator, 'geheim', 'accepted');
  for (let i = 0; i < 6; i++) addRipple(board.doc, facilitator, { text: `Vulling ${i}` });
  await waitFor(() => readRipples(client.doc).length === 7, 5000, 'the phone in sync');
  return { session, board, client };
}

async function del(server: TestServer, id: string, key: string): Promise<number> {
  const res = await fetch(`${server.url}/api/sessions/${id}`, {
    method: 'DELETE',
    headers: { 'x-kringen-key': key },
  });
  return res.status;
}

describe('deleting a session', () => {
  it('on SQLite: closes its connections for good and leaves nothing of it in the database files', async () => {
    const server = await startTestServer({ compactEvery: 3 });
    cleanup.push(() => server.dispose());
    const { session, board, client } = await sessionWithSecrets(server);
    const other = await server.createSession('Blijft bestaan');

    expect(await del(server, session.id, session.viewerKey)).toBe(403);
    expect(await del(server, session.id, 'wrong')).toBe(401);
    expect(await del(server, session.id, session.facilitatorKey)).toBe(204);
    // Told, and not coming back: the close is final.
    const [boardClose, phoneClose] = await Promise.all([board.closed, client.closed]);
    expect(boardClose.code).toBe(CLOSE.sessionDeleted.code);
    expect(phoneClose.code).toBe(CLOSE.sessionDeleted.code);
    expect(server.logs).toContainEqual(
      expect.stringContaining(`session=${session.id} deleted by its facilitator`),
    );

    // Gone for every route, for anyone.
    expect((await fetch(`${server.url}/api/sessions/${session.id}`)).status).toBe(404);
    expect((await server.post('/api/join', { code: session.joinCode })).status).toBe(404);
    expect(await del(server, session.id, session.facilitatorKey)).toBe(404);
    const late = track(connectClient(server.wsUrl, session.id, { key: session.facilitatorKey }));
    expect((await late.closed).code).toBe(CLOSE.notFound.code);

    // The raw files, read as bytes: no text, name, title or id of the session anywhere.
    await server.close();
    const files = ['kringen.sqlite', 'kringen.sqlite-wal', 'kringen.sqlite-shm']
      .map((name) => join(server.dataDir, name))
      .filter(existsSync);
    const bytes = Buffer.concat(files.map((file) => readFileSync(file)));
    for (const needle of [SECRET_TEXT, SECRET_NAME, 'Huisbezoeken Vlasblom', session.id, 'Vulling 3']) {
      expect(bytes.includes(Buffer.from(needle)), needle).toBe(false);
    }
    // The other session is untouched.
    expect(bytes.includes(Buffer.from(other.id))).toBe(true);
    const db = new Database(join(server.dataDir, 'kringen.sqlite'), { readonly: true });
    cleanup.push(() => db.close());
    for (const table of ['updates', 'snapshots', 'history']) {
      expect(db.prepare(`select count(*) as n from ${table} where room = ?`).get(session.id)).toEqual({
        n: 0,
      });
    }
    expect(db.prepare('select count(*) as n from participants where name = ?').get(SECRET_NAME)).toEqual({
      n: 0,
    });
  });

  it.skipIf(!hasPostgres)('on PostgreSQL: no row of it is left in any table', async () => {
    const databaseUrl = await postgres.server().newDatabase();
    const server = await startTestServer({ databaseUrl, compactEvery: 3 });
    cleanup.push(() => server.dispose());
    const { session, board } = await sessionWithSecrets(server);
    await sleep(200);
    expect(await del(server, session.id, session.facilitatorKey)).toBe(204);
    expect((await board.closed).code).toBe(CLOSE.sessionDeleted.code);

    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    cleanup.push(() => admin.end());
    const count = async (sql: string, params: unknown[]) =>
      Number((await admin.query<{ n: string }>(sql, params)).rows[0]?.n);
    for (const table of ['updates', 'snapshots', 'history']) {
      expect(await count(`select count(*) as n from ${table} where room = $1`, [session.id]), table).toBe(0);
      // Nor in any other room's bytes.
      expect(
        await count(`select count(*) as n from ${table} where position(convert_to($1, 'UTF8') in data) > 0`, [
          SECRET_TEXT,
        ]),
      ).toBe(0);
    }
    expect(await count('select count(*) as n from sessions where id = $1', [session.id])).toBe(0);
    expect(
      await count('select count(*) as n from participants where session_id = $1 or name = $2', [
        session.id,
        SECRET_NAME,
      ]),
    ).toBe(0);
  });
});

describe('RETENTION_DAYS', () => {
  it('deletes sessions untouched for that long by itself, logs it, and keeps the others', async () => {
    const first = await startTestServer();
    const { session: old } = await sessionWithSecrets(first);
    const recent = await first.createSession('Nog bezig');
    for (const client of cleanup.splice(0)) await client();
    await first.close();

    // Forty days pass for the old session (its creation and every write).
    const db = new Database(join(first.dataDir, 'kringen.sqlite'));
    const past = Date.now() - 40 * DAY;
    db.prepare('update sessions set created_at = ? where id = ?').run(past, old.id);
    db.prepare('update updates set at = ? where room = ?').run(past, old.id);
    db.prepare('update history set minute = ? where room = ?').run(past, old.id);
    db.close();

    const server = await startTestServer({ retentionDays: 30 }, { dataDir: first.dataDir });
    cleanup.push(() => server.dispose());
    await waitFor(
      () => server.logs.some((line) => line.includes(`retention: session=${old.id} deleted`)),
      5000,
      'the retention sweep',
    );
    expect(server.logs.find((line) => line.includes('retention:'))).toMatch(
      /untouched since \d{4}-\d\d-\d\d \(RETENTION_DAYS=30\)/,
    );
    expect((await fetch(`${server.url}/api/sessions/${old.id}`)).status).toBe(404);
    const stillThere = await fetch(`${server.url}/api/sessions/${recent.id}`, {
      headers: { 'x-kringen-key': recent.facilitatorKey },
    });
    expect(stillThere.status).toBe(200);
  });
});

describe('the history', () => {
  it("is the facilitator's alone: the presenter key cannot replay or read the growth", async () => {
    const server = await startTestServer();
    cleanup.push(() => server.dispose());
    const { session } = await sessionWithSecrets(server);
    const get = (path: string, key: string) =>
      fetch(`${server.url}/api/sessions/${session.id}/${path}`, { headers: { 'x-kringen-key': key } });
    const at = Date.now() + 1000;
    for (const path of [`export.json?at=${at}`, 'growth.json', 'growth.csv']) {
      expect((await get(path, session.viewerKey)).status, path).toBe(403);
      expect((await get(path, session.facilitatorKey)).status, path).toBe(200);
    }
    // The map as it is now stays the presenter's to export.
    expect((await get('export.json', session.viewerKey)).status).toBe(200);
  });
});

describe('exports through the API', () => {
  it('pseudonymise or drop names with ?names=, in JSON, CSV and the history; anything else is refused', async () => {
    const server = await startTestServer();
    cleanup.push(() => server.dispose());
    const { session } = await sessionWithSecrets(server);
    const get = (path: string) =>
      fetch(`${server.url}/api/sessions/${session.id}/${path}`, {
        headers: { 'x-kringen-key': session.facilitatorKey },
      });
    expect(await (await get('export.json')).text()).toContain(SECRET_NAME);
    const at = Date.now() + 1000;
    for (const path of [
      'export.json?names=pseudonymise',
      `export.json?at=${at}&names=pseudonymise`,
      'ripples.csv?names=pseudonymise',
      'ripples.csv?dialect=rfc4180&names=drop',
      'export.json?names=drop',
    ]) {
      const body = await (await get(path)).text();
      expect(body, path).not.toContain('Annegien');
      expect(body, path).not.toContain('Wolterbeek');
    }
    expect(await (await get('export.json?names=pseudonymise')).text()).toContain(
      '"authorName": "Deelnemer 1"',
    );
    const refused = await get('export.json?names=everyone');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      message: 'names: must be "keep", "pseudonymise" or "drop"',
    });
  });
});
