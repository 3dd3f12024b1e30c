import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

describe('security headers', () => {
  it.each(['/', '/api/health', '/s/abc/board', '/api/nothing'])(
    '%s carries a strict CSP and the usual headers',
    async (path) => {
      const res = await fetch(`${server.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    },
  );

  it('does not serve files outside the client directory', async () => {
    const res = await fetch(`${server.url}/..%2f..%2fpackage.json`);
    expect(await res.text()).not.toContain('"name": "kringen"');
  });
});
