import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../server/config';
import { createServer } from '../../server/createServer';
import { addRipple } from '../../shared/doc/commands';
import { readRipple, readRipples } from '../../shared/doc/read';
import { CLOSE } from '../../shared/protocol/closeCodes';
import { boss as facilitator } from '../helpers/people';
import { hasPostgres, postgresForThisFile } from '../helpers/postgres';
import { freePort } from '../helpers/serverProcess';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { connectClient, type TestClient, waitFor } from '../helpers/yClient';

const postgres = postgresForThisFile();

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});
function track<T extends TestServer | TestClient>(thing: T): T {
  cleanup.push(() => ('dispose' in thing ? thing.dispose() : thing.destroy()));
  return thing;
}

describe.skipIf(!hasPostgres)('a server on PostgreSQL', () => {
  it('keeps sessions and ripples across a restart on the same database', async () => {
    const databaseUrl = await postgres.server().newDatabase();
    const first = await startTestServer({ databaseUrl });
    expect(first.storage).toMatch(/^PostgreSQL at 127\.0\.0\.1:\d+\/kringen_/);
    const session = await first.createSession();
    const client = connectClient(first.wsUrl, session.id, { key: session.facilitatorKey });
    await client.synced;
    addRipple(client.doc, facilitator, { text: 'Opgeslagen in PostgreSQL' }, { id: 'r1' });
    const viewer = connectClient(first.wsUrl, session.id, { key: session.viewerKey });
    await waitFor(() => readRipple(viewer.doc, 'r1') !== null, 5000, 'the ripple to reach the viewer');
    client.destroy();
    viewer.destroy();
    await first.dispose();

    const second = track(await startTestServer({ databaseUrl }));
    const phone = await second.join(session.joinCode, 'Ans');
    expect(phone.sessionId).toBe(session.id);
    const after = track(
      connectClient(second.wsUrl, session.id, { pid: phone.participantId, secret: phone.secret }),
    );
    await after.synced;
    expect(readRipple(after.doc, 'r1')?.text).toBe('Opgeslagen in PostgreSQL');
    expect(readRipples(after.doc)).toHaveLength(1);
  });

  it('closes a connection with storage-failed when the database fails during the lookup', async () => {
    const databaseUrl = await postgres.server().newDatabase();
    const server = track(await startTestServer({ databaseUrl }));
    const session = await server.createSession();
    const admin = new pg.Client({ connectionString: postgres.server().url });
    await admin.connect();
    await admin.query(`drop database ${new URL(databaseUrl).pathname.slice(1)} with (force)`);
    await admin.end();

    const client = track(connectClient(server.wsUrl, session.id, { key: session.facilitatorKey }));
    await waitFor(() => client.closes.includes(CLOSE.storageFailed.code), 10_000, 'the storage-failed close');
    // One line for the outage, not one per connection (the client has retried meanwhile).
    expect(server.logs.filter((line) => line.includes('storage failed'))).toHaveLength(1);
    client.provider.disconnect();
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable', storage: 'down' });
  });
});

describe('DATABASE_URL', () => {
  it('stops start-up with a message naming it, without the password, when unreachable', async () => {
    const port = await freePort();
    const config = {
      ...configFromEnv({}),
      port: 0,
      host: '127.0.0.1',
      databaseUrl: `postgresql://kringen:hunter2@127.0.0.1:${port}/kringen`,
      startupWaitMs: 0,
    };
    const quiet = { info: () => {}, warn: () => {}, error: () => {} };
    const failure = await createServer(config, { log: quiet }).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/^DATABASE_URL: could not set up PostgreSQL at 127\.0\.0\.1:\d+\/kringen: /);
    expect(failure).not.toContain('hunter2');
  });

  it('must be a postgres:// URL', () => {
    expect(() => configFromEnv({ DATABASE_URL: 'mysql://root:pw@db/kringen' })).toThrow(
      'DATABASE_URL must start with postgres:// or postgresql://',
    );
    expect(configFromEnv({ DATABASE_URL: 'postgres://db/kringen' }).databaseUrl).toBe(
      'postgres://db/kringen',
    );
    expect(configFromEnv({}).databaseUrl).toBeNull();
  });
});
