import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PostgresUpdateStore } from '../../server/storage/PostgresUpdateStore';
import { addRipple, setRippleStatus } from '../../shared/doc/commands';
import { readRipple, readRipples } from '../../shared/doc/read';
import { hasGaps } from '../../shared/doc/yjsInternals';
import { boss as facilitator } from '../helpers/people';
import { hasPostgres, type PostgresServer, startPostgres } from '../helpers/postgres';
import { hasRedis, type RedisServer, startRedis } from '../helpers/redis';
import { postJson, type ServerProcess, startServerProcess } from '../helpers/serverProcess';
import { type Balancer, startBalancer } from '../helpers/tcpBalancer';
import { connectClient, sleep, type TestClient, waitFor } from '../helpers/yClient';

/**
 * The deployment of issue 8 for real: two server processes behind a balancer, sharing one
 * PostgreSQL and one Redis. Phones prefer instance A, the facilitator prefers B.
 */
let postgres: PostgresServer;
let databaseUrl = '';
let redis: RedisServer;
let a: ServerProcess;
let b: ServerProcess;
let phonesLb: Balancer;
let boardLb: Balancer;
const clients: TestClient[] = [];

const ready = hasPostgres && hasRedis;

beforeAll(async () => {
  if (!ready) return;
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  databaseUrl = await postgres.newDatabase();
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    // Small, so both instances compact the same room often while the other one writes.
    COMPACT_EVERY: '15',
    IDLE_UNLOAD_MS: '60000',
  };
  a = await startServerProcess({ env });
  b = await startServerProcess({ env });
  phonesLb = await startBalancer(() => [a.port, b.port]);
  boardLb = await startBalancer(() => [b.port, a.port]);
}, 60_000);

afterAll(async () => {
  for (const client of clients) client.destroy();
  await Promise.allSettled([phonesLb?.close(), boardLb?.close()]);
  await Promise.allSettled([a?.stop(), b?.stop()]);
  await Promise.allSettled([redis?.stop(), postgres?.stop()]);
});

function connect(port: number, sessionId: string, params: Record<string, string>): TestClient {
  const client = connectClient(`ws://127.0.0.1:${port}/ws`, sessionId, params);
  clients.push(client);
  return client;
}

const rippleIds = (client: TestClient) => new Set(readRipples(client.doc).map((r) => r.id));

describe.skipIf(!ready)('two instances behind a balancer, with Redis and PostgreSQL', () => {
  it('converge, survive an instance dying, and resume after Redis restarts', async () => {
    const session = await postJson(a.baseUrl, '/api/sessions', { title: 'Twee servers' });
    const sessionId = session.id as string;
    // Phones join through B's HTTP API: sessions live in PostgreSQL, not in one instance.
    const joined = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        postJson(b.baseUrl, '/api/join', { code: session.joinCode, name: `Telefoon ${i}` }),
      ),
    );
    const phones = joined.map((p) => ({
      actor: { role: 'participant' as const, id: p.participantId as string },
      client: connect(phonesLb.port, sessionId, {
        pid: p.participantId as string,
        secret: p.secret as string,
      }),
    }));
    const board = connect(boardLb.port, sessionId, { key: session.facilitatorKey as string });
    await Promise.all([board.synced, ...phones.map((p) => p.client.synced)]);
    expect(new Set(phonesLb.chosen)).toEqual(new Set([a.port]));
    expect(new Set(boardLb.chosen)).toEqual(new Set([b.port]));

    // Load: every phone adds a ripple every 50 ms; the facilitator accepts what it sees.
    let running = true;
    let counter = 0;
    const sent = new Set<string>();
    const load = (async () => {
      while (running) {
        for (const { client, actor } of phones) {
          if (!client.provider.wsconnected) continue;
          const id = `p${counter++}`;
          if (addRipple(client.doc, actor, { text: `Rimpeling ${id}` }, { id }).ok) sent.add(id);
        }
        for (const ripple of readRipples(board.doc)) {
          if (ripple.status === 'pending' && counter % 4 === 0)
            setRippleStatus(board.doc, facilitator, ripple.id, 'accepted');
        }
        await sleep(50);
      }
    })();

    await waitFor(
      () => rippleIds(board).size >= 60,
      15_000,
      'phone ripples reaching the board on the other instance',
    );
    await waitFor(
      () => phones.some((p) => readRipples(p.client.doc).some((r) => r.status === 'accepted')),
      5000,
      'the facilitator accepting on the phones',
    );

    // Instance A dies mid-session: its phones reconnect through the balancer to B.
    await a.kill();
    await waitFor(() => phonesLb.chosen.includes(b.port), 15_000, 'phones reconnecting to B');
    // On failure, the log of B says why (a refused phone, for one).
    await waitFor(() => phones.every((p) => p.client.provider.synced), 15_000, 'phones synced again').catch(
      (error) => {
        throw new Error(`${error}\nB: ${b.output().slice(-3000)}`);
      },
    );
    const afterFailover = counter;
    await waitFor(() => counter > afterFailover + 50, 10_000, 'load continuing on B');
    running = false;
    await load;

    // Nothing lost: every ripple a phone made is on the board, and in storage.
    await waitFor(
      () => [...sent].every((id) => rippleIds(board).has(id)),
      30_000,
      'every sent ripple on the board',
    ).catch((error) => {
      // Say which ripples are missing and who still holds them, with the instance's log.
      const missing = [...sent].filter((id) => !rippleIds(board).has(id));
      const holders = phones.map((p) => missing.filter((id) => rippleIds(p.client).has(id)));
      throw new Error(
        `${error}\nmissing: ${missing}\non phones: ${JSON.stringify(holders)}\nB: ${b.output().slice(-2000)}`,
      );
    });

    // The board's last accepts may still be on their way to B: A is to read them from storage.
    const statuses = (client: TestClient) =>
      JSON.stringify(
        readRipples(client.doc)
          .map((r) => [r.id, r.status])
          .sort(),
      );
    const onB = connect(b.port, sessionId, { key: session.facilitatorKey as string });
    await onB.synced;
    await waitFor(() => statuses(onB) === statuses(board), 10_000, 'the board’s changes stored on B');
    onB.destroy();

    // Redis dies; A comes back. A phone on A and the board on B are cut off from each other
    // but each instance keeps serving its own clients.
    await a.restart();
    await redis.kill();
    const late = joined[0] as Record<string, string>;
    const onA = connect(a.port, sessionId, {
      pid: late.participantId as string,
      secret: late.secret as string,
    });
    await onA.synced;
    // A phone holds the map and its own ripples (its view), read on A from storage.
    const seenByLate = readRipples(board.doc).filter(
      (r) => r.status === 'accepted' || r.authorId === late.participantId,
    );
    await waitFor(
      () => rippleIds(onA).size === seenByLate.length,
      5000,
      'the late phone’s view complete on A',
    ).catch(async (error) => {
      const want = new Set(seenByLate.map((r) => r.id));
      const lacking = [...want].filter((id) => !rippleIds(onA).has(id));
      const extra = [...rippleIds(onA)].filter((id) => !want.has(id));
      const onBoard = lacking.map((id) => JSON.stringify(readRipple(board.doc, id)));
      const sessionOnA = connect(a.port, sessionId, { key: session.facilitatorKey as string });
      await Promise.race([sessionOnA.synced, sleep(3000)]);
      const onAFull = lacking.map((id) => JSON.stringify(readRipple(sessionOnA.doc, id)));
      const pool = new pg.Pool({ connectionString: databaseUrl });
      const stored = await new PostgresUpdateStore(pool).load(sessionId);
      await pool.end();
      const fromStorage = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(fromStorage, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(fromStorage, update);
      const inStorage = lacking.map((id) => readRipple(fromStorage, id)?.status);
      throw new Error(
        `${error}\nlate: ${late.participantId} board: ${onBoard}\nsession on A: ${onAFull}\nstorage: ${inStorage} gaps ${hasGaps(fromStorage)} rows ${stored.updates.length} snapshot ${stored.snapshot?.length}\nlacking on the phone: ${lacking}\nextra on the phone: ${extra}\nA: ${a.output().slice(-2000)}`,
      );
    });
    expect(rippleIds(onA)).toEqual(new Set(seenByLate.map((r) => r.id)));
    addRipple(
      onA.doc,
      { role: 'participant', id: late.participantId as string },
      { text: 'Tijdens de storing' },
      { id: 'outage' },
    );
    const seenOnA = connect(a.port, sessionId, { key: session.facilitatorKey as string });
    await waitFor(
      () => readRipple(seenOnA.doc, 'outage') !== null,
      5000,
      'A serving its own clients without Redis',
    );

    await redis.start();
    await waitFor(() => readRipple(board.doc, 'outage') !== null, 20_000, 'convergence after Redis returns');
    setRippleStatus(board.doc, facilitator, 'outage', 'accepted');
    await waitFor(() => readRipple(onA.doc, 'outage')?.status === 'accepted', 10_000, 'relay live again');

    // Both instances answer a fresh client with the same, complete document.
    const freshA = connect(a.port, sessionId, { key: session.facilitatorKey as string });
    const freshB = connect(b.port, sessionId, { key: session.facilitatorKey as string });
    await Promise.all([freshA.synced, freshB.synced]);
    expect(rippleIds(freshA)).toEqual(rippleIds(freshB));
    for (const id of [...sent, 'outage']) expect(rippleIds(freshA).has(id)).toBe(true);
  }, 120_000);
});
