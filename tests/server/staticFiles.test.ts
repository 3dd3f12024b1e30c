import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer';

let server: TestServer;
let clientDir: string;
const script = `console.log(${JSON.stringify('rimpeling '.repeat(500))});`;

beforeAll(async () => {
  clientDir = await mkdtemp(join(tmpdir(), 'kringen-client-'));
  await mkdir(join(clientDir, 'assets'));
  await writeFile(join(clientDir, 'index.html'), '<!doctype html><title>Kringen</title>');
  await writeFile(join(clientDir, 'assets', 'app-abc123.js'), script);
  // The build's gzipped twin (vite.config.ts); the second script has none.
  await writeFile(join(clientDir, 'assets', 'app-abc123.js.gz'), gzipSync(script));
  await writeFile(join(clientDir, 'assets', 'other-def456.js'), script);
  server = await startTestServer({ clientDir });
});
afterAll(async () => {
  await server.dispose();
  await rm(clientDir, { recursive: true, force: true });
});

describe('the built client', () => {
  it('is sent gzipped to browsers that accept it, and cached forever when hashed', async () => {
    const res = await fetch(`${server.url}/assets/app-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toContain('immutable');
    // fetch decodes gzip itself; the length header is the compressed size.
    expect(Number(res.headers.get('content-length'))).toBeLessThan(script.length / 5);
    expect(await res.text()).toBe(script);
  });

  it('is sent plain when the build made no gzipped twin', async () => {
    const res = await fetch(`${server.url}/assets/other-def456.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(Number(res.headers.get('content-length'))).toBe(script.length);
    expect(await res.text()).toBe(script);
  });

  it('is sent plain to clients that do not accept gzip', async () => {
    const res = await fetch(`${server.url}/assets/app-abc123.js`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.text()).toBe(script);
  });

  it('serves the app for client routes and 404 for missing assets', async () => {
    expect(await (await fetch(`${server.url}/s/abc/board`)).text()).toContain('<title>Kringen</title>');
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
  });
});
