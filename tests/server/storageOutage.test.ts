import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase } from '../../server/storage/database';
import { PostgresUpdateStore } from '../../server/storage/PostgresUpdateStore';
import { openPostgres } from '../../server/storage/postgresDatabase';
import { SqliteUpdateStore } from '../../server/storage/SqliteUpdateStore';
import { addRipple } from '../../shared/doc/commands';
import { readRipples } from '../../shared/doc/read';
import type { Actor } from '../../shared/model/ripple';
import { CLOSE } from '../../shared/protocol/closeCodes';
import { boss as facilitator } from '../helpers/people';
import { hasPostgres, type PostgresServer, startPostgres } from '../helpers/postgres';
import { hasRedis, type RedisServer, startRedis } from '../helpers/redis';
import { postJson, type ServerProcess, startServerProcess } from '../helpers/serverProcess';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { connectClient, sleep, type TestClient, waitFor } from '../helpers/yClient';

/**
 * What the server does while its storage is away (issue: storage outages): it stops within
 * its deadline, refuses what it cannot store and says so once, and picks up by itself.
 * Real PostgreSQL and Redis, stopped and started under the server's feet.
 */
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
let postgres: PostgresServer;
let redis: RedisServer;
const cleanup: Array<() => unknown> = [];

beforeAll(async () => {
  if (hasPostgres && hasRedis) [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
}, 60_000);

afterAll(async () => {
  await Promise.allSettled([postgres?.stop(), redis?.stop()]);
});

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function track(client: TestClient): TestClient {
  cleanup.push(() => client.destroy());
  return client;
}

/** A session with five ripples that a viewer has seen (so they are stored). */
async function sessionWithFiveRipples(base: string): Promise<Record<string, string>> {
  const session = await postJson(base, '/api/sessions', { title: 'Storing' });
  const ws = base.replace('http', 'ws');
  const board = track(
    connectClient(`${ws}/ws`, session.id as string, { key: session.facilitatorKey as string }),
  );
  await board.synced;
  for (let i = 1; i <= 5; i++) addRipple(board.doc, facilitator, { text: `Rimpeling ${i}` }, { id: `r${i}` });
  const viewer = track(connectClient(`${ws}/ws`, session.id as string, { key: session.viewerKey as string }));
  await waitFor(() => readRipples(viewer.doc).length === 5, 10_000, 'five stored ripples at the viewer');
  viewer.destroy();
  return session;
}

/** The ripple ids a fresh viewer gets from `base`. */
async function rippleIdsAt(base: string, session: Record<string, string>): Promise<string[]> {
  const viewer = track(
    connectClient(`${base.replace('http', 'ws')}/ws`, session.id as string, {
      key: session.viewerKey as string,
    }),
  );
  await viewer.synced;
  return readRipples(viewer.doc)
    .map((r) => r.id)
    .sort();
}

const ready = hasPostgres && hasRedis;

describe.skipIf(!ready)('a stop while PostgreSQL and Redis are away', () => {
  it('exits within SHUTDOWN_TIMEOUT_MS, says per room what it could not write, and loses nothing', async () => {
    const databaseUrl = await postgres.newDatabase();
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, IDLE_UNLOAD_MS: '60000' };
    const server = await startServerProcess({ env });
    cleanup.push(() => server.stop());
    const session = await sessionWithFiveRipples(server.baseUrl);
    const board = connectClient(`ws://127.0.0.1:${server.port}/ws`, session.id as string, {
      key: session.facilitatorKey as string,
    });
    track(board);
    await board.synced;

    await Promise.all([postgres.halt(), redis.kill()]);
    const { code, ms } = await server.terminate('SIGTERM', 30_000);
    const log = server.output();
    expect(ms).toBeLessThan(10_000);
    expect(code).toBe(1);
    expect(log).toContain('SIGTERM: saving rooms and stopping');
    expect(log).toMatch(
      new RegExp(
        `room=${session.id} snapshot not written \\(.+\\); no update is lost: every update is in the log`,
      ),
    );
    expect(log).toContain('stopped with snapshots or connections not closed cleanly');
    // Connected clients heard "going away" (they reconnect, to another instance if there is one).
    await waitFor(() => board.closes.includes(CLOSE.goingAway.code), 5000, 'the 1001 close');
    board.destroy();

    // Back up: a fresh server loads the room with every ripple.
    await Promise.all([postgres.resume(), redis.start()]);
    await server.restart();
    expect(await rippleIdsAt(server.baseUrl, session)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
  }, 90_000);

  it('exits at the deadline when PostgreSQL stops answering altogether', async () => {
    const databaseUrl = await postgres.newDatabase();
    const env = { DATABASE_URL: databaseUrl, SHUTDOWN_TIMEOUT_MS: '3000', IDLE_UNLOAD_MS: '60000' };
    const server = await startServerProcess({ env });
    cleanup.push(() => server.stop());
    const session = await sessionWithFiveRipples(server.baseUrl);

    // A host that stops answering: connections hang instead of being refused.
    postgres.freeze();
    let result: { code: number | null; ms: number };
    try {
      result = await server.terminate('SIGTERM', 20_000);
    } finally {
      postgres.thaw();
    }
    expect(result.code).toBe(1);
    expect(result.ms).toBeLessThan(3000 + 2500);
    expect(server.output()).toContain(
      `room=${session.id} snapshot not written (SHUTDOWN_TIMEOUT_MS reached before storage answered)`,
    );
    await server.restart();
    expect(await rippleIdsAt(server.baseUrl, session)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
  }, 90_000);

  it('exits with 0 when everything was written', async () => {
    const databaseUrl = await postgres.newDatabase();
    const server = await startServerProcess({ env: { DATABASE_URL: databaseUrl, IDLE_UNLOAD_MS: '60000' } });
    cleanup.push(() => server.stop());
    await sessionWithFiveRipples(server.baseUrl);
    const { code } = await server.terminate('SIGTERM', 30_000);
    expect(code).toBe(0);
    expect(server.output()).toContain('stopped: everything written');
  }, 60_000);
});

describe.skipIf(!hasPostgres)('while PostgreSQL is away', () => {
  it('refuses changes with 4503, answers 503 on /api/health, logs once, and stores every retried ripple exactly once when it is back', async () => {
    const databaseUrl = await postgres.newDatabase();
    const server: TestServer = await startTestServer({ databaseUrl, idleUnloadMs: 60_000 });
    cleanup.push(() => server.dispose());
    const session = await server.createSession();
    const phones = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => {
        const joined = await server.join(session.joinCode, `Telefoon ${i + 1}`);
        const actor: Actor = { role: 'participant', id: joined.participantId };
        const client = track(
          connectClient(server.wsUrl, session.id, { pid: joined.participantId, secret: joined.secret }),
        );
        return { actor, client };
      }),
    );
    const board = track(connectClient(server.wsUrl, session.id, { key: session.facilitatorKey }));
    await Promise.all([board.synced, ...phones.map((p) => p.client.synced)]);

    // Health as a load balancer sees it, every 200 ms.
    const statuses: number[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        statuses.push((await fetch(`${server.url}/api/health`)).status);
        await sleep(200);
      }
    })();

    // Five phones add a ripple each second for 20 s; PostgreSQL is away from 5 s to 12 s.
    const sent: string[] = [];
    const outage = (async () => {
      await sleep(5_000);
      await postgres.halt();
      await sleep(7_000);
      await postgres.resume();
    })();
    for (let second = 0; second < 20; second++) {
      for (const [i, { actor, client }] of phones.entries()) {
        const id = `p${i}-${second}`;
        if (addRipple(client.doc, actor, { text: `Telefoon ${i + 1}, seconde ${second}` }, { id }).ok)
          sent.push(id);
      }
      await sleep(1_000);
    }
    await outage;
    expect(sent).toHaveLength(100);

    const boardIds = () => new Set(readRipples(board.doc).map((r) => r.id));
    await waitFor(() => sent.every((id) => boardIds().has(id)), 30_000, 'every ripple on the board').catch(
      (error) => {
        const missing = sent.filter((id) => !boardIds().has(id));
        throw new Error(`${error}\nmissing: ${missing}\n${server.logs.slice(-30).join('\n')}`);
      },
    );
    await waitFor(() => statuses.at(-1) === 200, 10_000, '/api/health back to 200');
    polling = false;
    await poll;

    // The phones were refused with 4503 (not a final close: they retried by themselves).
    expect(phones.some((p) => p.client.closes.includes(CLOSE.storageFailed.code))).toBe(true);
    expect(statuses).toContain(503);
    expect(statuses.at(-1)).toBe(200);
    // One line when storage went down, one when it came back; not one per update.
    expect(server.logs.filter((line) => line.includes('storage failed'))).toHaveLength(1);
    expect(server.logs.filter((line) => line.includes('storage up again'))).toHaveLength(1);
    expect(
      server.logs.filter((line) => line.includes(`room=${session.id}`) && /refused|closed/.test(line)),
    ).toEqual([]);

    // Storage holds every ripple exactly once, as the board shows them.
    const pool = await openPostgres(databaseUrl, quiet);
    cleanup.push(() => pool.end());
    const stored = await new PostgresUpdateStore(pool).load(session.id);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    const storedRipples = readRipples(doc);
    expect(storedRipples.map((r) => r.id).sort()).toEqual([...sent].sort());
    expect(new Set(storedRipples.map((r) => r.text)).size).toBe(100);
    expect(readRipples(board.doc)).toHaveLength(100);
  }, 120_000);

  it('starts serving when PostgreSQL comes up after start-up began, without a restart', async () => {
    const databaseUrl = await postgres.newDatabase();
    await postgres.halt();
    const back = sleep(5_000).then(() => postgres.resume());
    let server: ServerProcess | undefined;
    try {
      server = await startServerProcess({ env: { DATABASE_URL: databaseUrl }, startTimeoutMs: 40_000 });
    } finally {
      await back;
    }
    cleanup.push(() => server?.stop());
    const log = server.output();
    expect(log).toMatch(
      /PostgreSQL at 127\.0\.0\.1:\d+\/kringen_\w+ is not reachable \(.+\); retrying for up to 60 s/,
    );
    expect(log).toMatch(/PostgreSQL at 127\.0\.0\.1:\d+\/kringen_\w+ reachable after \d+\.\d s/);
    // Once: not a line per retry.
    expect(log.match(/is not reachable/g)).toHaveLength(1);
    const session = await postJson(server.baseUrl, '/api/sessions', { title: 'Na het wachten' });
    expect(session.id).toBeTruthy();
  }, 90_000);
});

describe('a stop while the SQLite file is locked', () => {
  it('obeys the deadline, says per room what it could not write, and loses nothing', async () => {
    const server = await startServerProcess({
      env: { IDLE_UNLOAD_MS: '60000', SHUTDOWN_TIMEOUT_MS: '5000' },
    });
    cleanup.push(() => server.stop());
    const session = await sessionWithFiveRipples(server.baseUrl);

    // Another process holds the write lock (an operator's sqlite3 shell in a transaction).
    const other = new Database(join(server.dataDir, 'kringen.sqlite'));
    other.exec('begin immediate');
    let result: { code: number | null; ms: number };
    try {
      result = await server.terminate('SIGTERM', 20_000);
    } finally {
      other.exec('rollback');
      other.close();
    }
    expect(result.code).toBe(1);
    expect(result.ms).toBeLessThan(5000);
    expect(server.output()).toMatch(
      new RegExp(`room=${session.id} snapshot not written \\(database is locked\\); no update is lost`),
    );
    await server.restart();
    expect(await rippleIdsAt(server.baseUrl, session)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
  }, 60_000);

  it('writes what it can when the disk is full at shutdown, and says which room could not be written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kringen-full-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const db = openDatabase(dir);
    cleanup.push(() => db.close());
    const server = await startTestServer({ idleUnloadMs: 60_000 }, { store: new SqliteUpdateStore(db) });
    let closed = false;
    cleanup.push(async () => {
      if (!closed) await server.close();
    });
    const session = await server.createSession();
    const board = track(connectClient(server.wsUrl, session.id, { key: session.facilitatorKey }));
    await board.synced;
    for (let i = 0; i < 20; i++)
      addRipple(board.doc, facilitator, { text: `${i} ${'lang verhaal '.repeat(30)}` });
    const viewer = track(connectClient(server.wsUrl, session.id, { key: session.viewerKey }));
    await waitFor(() => readRipples(viewer.doc).length === 20, 10_000, 'twenty stored ripples');

    // A full disk, as SQLite sees one: the file may not grow past its current size.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
    const start = Date.now();
    const complete = await server.close(5_000);
    closed = true;
    expect(complete).toBe(false);
    expect(Date.now() - start).toBeLessThan(5_000);
    expect(server.logs).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `room=${session.id} snapshot not written \\(database or disk is full\\); no update is lost`,
        ),
      ),
    );
    expect(server.logs.filter((line) => line.includes('storage failed'))).toHaveLength(1);

    // Every ripple is in the log.
    const reopened = openDatabase(dir);
    cleanup.push(() => reopened.close());
    const stored = await new SqliteUpdateStore(reopened).load(session.id);
    const doc = new Y.Doc();
    for (const update of [stored.snapshot, ...stored.updates]) if (update) Y.applyUpdate(doc, update);
    expect(readRipples(doc)).toHaveLength(20);
  });
});
