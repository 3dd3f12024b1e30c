import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real server (`server/main.ts`) as a child process, for tests that must prove what
 * survives a crash: `kill()` sends SIGKILL (no graceful save), `restart()` starts it again
 * on the same port and data directory. Output is collected for failure messages.
 */
export interface ServerProcess {
  readonly port: number;
  readonly baseUrl: string;
  readonly dataDir: string;
  /** The server's process id right now (it changes on restart), or null when it is not running. */
  pid(): number | null;
  /** Everything the server printed so far, stdout and stderr interleaved. */
  output(): string;
  kill(): Promise<void>;
  /** Sends `signal` (a graceful stop) and waits for the exit: its code and how long it took. */
  terminate(signal: NodeJS.Signals, timeoutMs?: number): Promise<{ code: number | null; ms: number }>;
  restart(): Promise<void>;
  /** Kills the server and removes its data directory. */
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  /** Extra environment, e.g. IDLE_UNLOAD_MS. */
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** SIGKILL (no chance to save anything) and wait until the process is gone. */
export async function killNow(proc: ChildProcess | null): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGKILL');
  await exited;
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'kringen-test-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const startTimeoutMs = options.startTimeoutMs ?? 20_000;
  let log = '';
  let child: ChildProcess | null = null;

  const spawnServer = async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        IDLE_UNLOAD_MS: '200',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    proc.stdout?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    proc.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    await waitForHealth(baseUrl, proc, startTimeoutMs, () => log);
  };

  const kill = async () => {
    const proc = child;
    child = null;
    await killNow(proc);
  };

  await spawnServer();
  return {
    port,
    baseUrl,
    dataDir,
    pid: () => (child as ChildProcess | null)?.pid ?? null,
    output: () => log,
    kill,
    async terminate(signal, timeoutMs = 60_000) {
      const proc = child as ChildProcess | null;
      if (!proc) throw new Error('the server is not running');
      const start = Date.now();
      const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
      proc.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([
        exited,
        new Promise<'hung'>((resolve) => {
          timer = setTimeout(() => resolve('hung'), timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (code === 'hung') {
        await kill();
        throw new Error(`the server did not exit within ${timeoutMs} ms of ${signal}:\n${log}`);
      }
      child = null;
      return { code, ms: Date.now() - start };
    },
    async restart() {
      await kill();
      log += '\n--- restart ---\n';
      await spawnServer();
    },
    async stop() {
      await kill();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitForHealth(
  baseUrl: string,
  proc: ChildProcess,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      throw new Error(`The server exited (${proc.exitCode ?? proc.signalCode}) while starting:\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  proc.kill('SIGKILL');
  throw new Error(`The server did not answer /api/health within ${timeoutMs} ms:\n${output()}`);
}

/** POSTs `body` as JSON to a server's API and returns the JSON answer; anything but 2xx throws. */
export async function postJson(base: string, path: string, body: unknown): Promise<Record<string, string>> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, string>;
}
