import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidJoinCode, normalizeJoinCode } from '../../shared/protocol/joinCode';
import { startTestServer, type TestServer } from '../helpers/testServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ joinAttemptsPerMinute: 12 });
});
afterAll(() => server.dispose());

describe('the sessions API', () => {
  it('creates a session with a secret facilitator link, a presenter link and a short join code', async () => {
    const session = await server.createSession('Buurtkracht Oost');
    expect(session.title).toBe('Buurtkracht Oost');
    // ≥128 bits: 24 base64url characters carry 144 bits.
    expect(session.facilitatorKey).toMatch(/^[A-Za-z0-9_-]{24,}$/);
    expect(session.viewerKey).not.toBe(session.facilitatorKey);
    expect(session.boardUrl).toMatch(new RegExp(`/s/${session.id}/board#key=${session.facilitatorKey}$`));
    expect(session.presenterUrl).toMatch(new RegExp(`/s/${session.id}/present#key=${session.viewerKey}$`));
    expect(isValidJoinCode(normalizeJoinCode(session.joinCode))).toBe(true);
    expect(session.joinUrl).toMatch(/\/j\/[A-Z0-9]{6}$/);
  });

  it('lets a phone join with the code typed loosely and gives it its own identity', async () => {
    const session = await server.createSession();
    const typed = ` ${session.joinCode.toLowerCase().replace('-', ' - ')} `;
    const first = await server.join(typed, 'Ans');
    const second = await server.join(session.joinCode);
    expect(first.sessionId).toBe(session.id);
    expect(first.participantId).not.toBe(second.participantId);
    expect(first.secret.length).toBeGreaterThanOrEqual(24);
  });

  it('shows the join code to the facilitator and the presenter, but not to a wrong key', async () => {
    const session = await server.createSession();
    const asFacilitator = await fetch(`${server.url}/api/sessions/${session.id}`, {
      headers: { 'x-kringen-key': session.facilitatorKey },
    });
    expect(asFacilitator.status).toBe(200);
    expect(await asFacilitator.json()).toMatchObject({ role: 'facilitator', joinCode: session.joinCode });
    const asViewer = await fetch(`${server.url}/api/sessions/${session.id}`, {
      headers: { 'x-kringen-key': session.viewerKey },
    });
    const viewerInfo = (await asViewer.json()) as { role: string; presenterUrl: string };
    expect(viewerInfo.role).toBe('viewer');
    expect(viewerInfo.presenterUrl).not.toContain('#key=');
    // The facilitator, on any device, can share the presenter link again.
    const facilitatorInfo = (await (
      await fetch(`${server.url}/api/sessions/${session.id}`, {
        headers: { 'x-kringen-key': session.facilitatorKey },
      })
    ).json()) as { presenterUrl: string };
    expect(facilitatorInfo.presenterUrl).toBe(session.presenterUrl);
    const wrong = await fetch(`${server.url}/api/sessions/${session.id}`, {
      headers: { 'x-kringen-key': 'nope' },
    });
    expect(wrong.status).toBe(401);
  });

  it('answers bad input with a 4xx and a readable message', async () => {
    const cases: Array<[Response, number, RegExp]> = [
      [await server.post('/api/sessions', '{"title": '), 400, /not valid JSON/],
      [await server.post('/api/sessions', { title: '' }), 400, /title/],
      [await server.post('/api/sessions', { title: 'x'.repeat(500) }), 400, /title: may be at most/],
      [await server.post('/api/sessions', { title: 'x'.repeat(200_000) }), 413, /at most/],
      [await server.post('/api/join', { code: 'OOOOOO' }), 400, /not a join code/],
      [await server.post('/api/join', { code: 'AAAAAA' }), 404, /no session/],
      [await server.post('/api/join', {}), 400, /code/],
      [await server.post('/api/nothing', {}), 404, /No API route/],
      [await fetch(`${server.url}/api/sessions`), 405, /POST/],
      [
        await fetch(`${server.url}/api/sessions`, { method: 'POST', body: 'title=x' }),
        415,
        /application\/json/,
      ],
    ];
    for (const [response, status, message] of cases) {
      expect(response.status).toBe(status);
      expect(((await response.json()) as { message: string }).message).toMatch(message);
    }
  });

  it('stops guessing join codes after too many wrong ones from one address, but lets a full room in', async () => {
    const guesser = await startTestServer({ joinAttemptsPerMinute: 5 });
    try {
      const session = await guesser.createSession();
      for (let i = 0; i < 20; i++)
        expect((await guesser.post('/api/join', { code: session.joinCode })).status).toBe(200);
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await guesser.post('/api/join', { code: 'AAAAAA' })).status);
      expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
      expect(statuses.slice(5)).toEqual([429, 429]);
      // Once blocked, even the right code waits: otherwise a guesser could test codes by timing.
      expect((await guesser.post('/api/join', { code: session.joinCode })).status).toBe(429);
    } finally {
      await guesser.dispose();
    }
  });
});
