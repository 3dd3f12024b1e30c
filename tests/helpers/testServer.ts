import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreatedSession } from '../../client/api/api';
import { type Config, configFromEnv } from '../../server/config';
import { createServer, type KringenServer } from '../../server/createServer';
import type { Logger } from '../../server/log';
import type { UpdateStore } from '../../server/storage/UpdateStore';

/** What `POST /api/sessions` answers: the same shape the client reads. */
export type { CreatedSession };

export interface TestServer extends KringenServer {
  url: string;
  wsUrl: string;
  dataDir: string;
  logs: string[];
  config: Config;
  createSession(title?: string): Promise<CreatedSession>;
  join(code: string, name?: string): Promise<{ sessionId: string; participantId: string; secret: string }>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Stops the server and removes its data directory. */
  dispose(): Promise<void>;
}

/** Starts a real server on a free loopback port with its own data directory. */
export async function startTestServer(
  overrides: Partial<Config> = {},
  options: { store?: UpdateStore; dataDir?: string } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'kringen-test-')));
  const logs: string[] = [];
  const log: Logger = {
    info: (m) => logs.push(`info ${m}`),
    warn: (m) => logs.push(`warn ${m}`),
    error: (m) => logs.push(`error ${m}`),
  };
  const config: Config = {
    ...configFromEnv({}),
    port: 0,
    host: '127.0.0.1',
    dataDir,
    idleUnloadMs: 100,
    ...overrides,
  };
  const server = await createServer(config, { log, ...(options.store ? { store: options.store } : {}) });
  const url = `http://127.0.0.1:${server.port}`;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return {
    ...server,
    url,
    wsUrl: `ws://127.0.0.1:${server.port}/ws`,
    dataDir,
    logs,
    config,
    post,
    async createSession(title = 'Test sessie') {
      const res = await post('/api/sessions', { title, programme: 'Buurtkracht' });
      if (res.status !== 201) throw new Error(`create session failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as CreatedSession;
    },
    async join(code, name = '') {
      const res = await post('/api/join', { code, name });
      if (res.status !== 200) throw new Error(`join failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as { sessionId: string; participantId: string; secret: string };
    },
    async dispose() {
      await server.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
