import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE } from '../../shared/protocol/closeCodes';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { connectClient } from '../helpers/yClient';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

describe('who may connect', () => {
  it('refuses a wrong key with a 44xx close, after which the stock client stops retrying', async () => {
    const session = await server.createSession();
    const client = connectClient(server.wsUrl, session.id, { key: 'not-the-key' });
    expect(await client.closed).toEqual({ code: CLOSE.unauthorized.code, reason: CLOSE.unauthorized.reason });
    expect(client.provider.shouldConnect).toBe(false);
    client.destroy();
  });

  it('refuses a participant secret that does not belong to the participant', async () => {
    const session = await server.createSession();
    const phone = await server.join(session.joinCode);
    const other = await server.join(session.joinCode);
    const client = connectClient(server.wsUrl, session.id, {
      pid: phone.participantId,
      secret: other.secret,
    });
    expect((await client.closed).code).toBe(CLOSE.unauthorized.code);
    client.destroy();
  });

  it('refuses a participant of another session', async () => {
    const mine = await server.createSession();
    const theirs = await server.createSession();
    const phone = await server.join(theirs.joinCode);
    const client = connectClient(server.wsUrl, mine.id, { pid: phone.participantId, secret: phone.secret });
    expect((await client.closed).code).toBe(CLOSE.unauthorized.code);
    client.destroy();
  });

  it('refuses an unknown session and a connection without credentials', async () => {
    const session = await server.createSession();
    const unknown = connectClient(server.wsUrl, 'nosuchsession', { key: session.facilitatorKey });
    expect((await unknown.closed).code).toBe(CLOSE.notFound.code);
    const anonymous = connectClient(server.wsUrl, session.id, {});
    expect((await anonymous.closed).code).toBe(CLOSE.unauthorized.code);
    unknown.destroy();
    anonymous.destroy();
  });

  it('lets the facilitator, the presenter and a joined phone in', async () => {
    const session = await server.createSession();
    const phone = await server.join(session.joinCode);
    const clients = [
      connectClient(server.wsUrl, session.id, { key: session.facilitatorKey }),
      connectClient(server.wsUrl, session.id, { key: session.viewerKey }),
      connectClient(server.wsUrl, session.id, { pid: phone.participantId, secret: phone.secret }),
    ];
    await Promise.all(clients.map((c) => c.synced));
    for (const client of clients) {
      expect(client.doc.getMap('meta').get('title')).toBe('Test sessie');
      client.destroy();
    }
  });
});
