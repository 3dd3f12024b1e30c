import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer';

/** Behind nginx every request comes from the proxy: per-IP limits must see the phone's address. */
let behindProxy: TestServer;
let direct: TestServer;
beforeAll(async () => {
  behindProxy = await startTestServer({ joinAttemptsPerMinute: 2, trustProxy: new Set(['127.0.0.1']) });
  direct = await startTestServer({ joinAttemptsPerMinute: 2 });
});
afterAll(async () => {
  await behindProxy.dispose();
  await direct.dispose();
});

const wrongCode = (server: TestServer, forwardedFor: string) =>
  server.post('/api/join', { code: 'XXXXXX' }, { 'x-forwarded-for': forwardedFor }).then((r) => r.status);

describe('client addresses behind a trusted proxy (TRUST_PROXY)', () => {
  it('limits each phone by its forwarded address, not the proxy’s', async () => {
    expect([
      await wrongCode(behindProxy, '198.51.100.1'),
      await wrongCode(behindProxy, '198.51.100.1'),
    ]).toEqual([404, 404]);
    expect(await wrongCode(behindProxy, '198.51.100.1')).toBe(429);
    // Another phone behind the same proxy is not punished for the first one's guesses.
    expect(await wrongCode(behindProxy, '198.51.100.2')).toBe(404);
  });

  it('ignores the header when the proxy is not trusted, so nobody can pick a fresh address per guess', async () => {
    expect([await wrongCode(direct, '198.51.100.1'), await wrongCode(direct, '198.51.100.2')]).toEqual([
      404, 404,
    ]);
    expect(await wrongCode(direct, '198.51.100.3')).toBe(429);
  });
});
