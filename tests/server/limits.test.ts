import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { addRipple, linkRipples } from '../../shared/doc/commands';
import { readRipples } from '../../shared/doc/read';
import { roots } from '../../shared/doc/schema';
import { CLOSE } from '../../shared/protocol/closeCodes';
import { boss } from '../helpers/people';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { connectClient, waitFor } from '../helpers/yClient';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

describe('configurable limits, each refused with a reason the client can show', () => {
  it('ripples per session', async () => {
    server = await startTestServer({ maxRipplesPerSession: 3 });
    const session = await server.createSession();
    const phone = await server.join(session.joinCode);
    const mobile = connectClient(server.wsUrl, session.id, {
      pid: phone.participantId,
      secret: phone.secret,
    });
    await mobile.synced;
    const me = { role: 'participant' as const, id: phone.participantId };
    for (let i = 0; i < 3; i++) addRipple(mobile.doc, me, { text: `Rimpeling ${i}` });
    const observer = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await waitFor(() => readRipples(observer.doc).length === 3, 3000, 'three ripples');
    addRipple(mobile.doc, me, { text: 'Eén te veel' });
    expect(await mobile.closed).toEqual({ code: 4429, reason: CLOSE.tooManyRipples.reason });
    expect(readRipples(observer.doc)).toHaveLength(3);
    mobile.destroy();
    observer.destroy();
  });

  it('links per session', async () => {
    server = await startTestServer({ maxLinksPerSession: 1 });
    const session = await server.createSession();
    const board = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await board.synced;
    for (const id of ['a', 'b', 'c']) addRipple(board.doc, boss, { text: id }, { id });
    linkRipples(board.doc, boss, 'a', 'b');
    linkRipples(board.doc, boss, 'b', 'c');
    expect((await board.closed).reason).toBe(CLOSE.tooManyLinks.reason);
    board.destroy();
  });

  it('ripple text length', async () => {
    server = await startTestServer({ maxRippleText: 40 });
    const session = await server.createSession();
    const board = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await board.synced;
    addRipple(board.doc, boss, { text: 'Kort' }, { id: 'short' });
    roots(board.doc).ripples.get('short')?.set('text', 'Dit is een veel te lange tekst voor deze server');
    expect((await board.closed).reason).toBe(CLOSE.textTooLong.reason);
    board.destroy();
  });

  it('connections per IP address', async () => {
    server = await startTestServer({ maxConnectionsPerIp: 2 });
    const session = await server.createSession();
    const url = `${server.wsUrl}/${session.id}?key=${session.viewerKey}`;
    const sockets = [new WebSocket(url), new WebSocket(url)];
    await Promise.all(sockets.map((ws) => new Promise((resolve) => ws.once('open', resolve))));
    const third = new WebSocket(url);
    const [code, reason] = await new Promise<[number, string]>((resolve) =>
      third.once('close', (c, r) => resolve([c, r.toString()])),
    );
    expect([code, reason]).toEqual([4429, CLOSE.tooManyConnections.reason]);
    // A closed connection frees its place.
    sockets[0]?.close();
    await new Promise((resolve) => sockets[0]?.once('close', resolve));
    const again = new WebSocket(url);
    await new Promise((resolve) => again.once('open', resolve));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(again.readyState).toBe(WebSocket.OPEN);
    for (const ws of [...sockets, again]) ws.close();
  });

  it('sessions per server, and phones joining one session per minute', async () => {
    server = await startTestServer({ maxSessions: 1, joinsPerSessionPerMinute: 2 });
    const session = await server.createSession();
    const full = await server.post('/api/sessions', { title: 'Nog een' });
    expect(full.status).toBe(503);
    expect(((await full.json()) as { error: string }).error).toBe('server-full');
    expect((await server.post('/api/join', { code: session.joinCode })).status).toBe(200);
    expect((await server.post('/api/join', { code: session.joinCode })).status).toBe(200);
    const busy = await server.post('/api/join', { code: session.joinCode });
    expect(busy.status).toBe(429);
    expect(((await busy.json()) as { error: string }).error).toBe('session-busy');
  });
});
