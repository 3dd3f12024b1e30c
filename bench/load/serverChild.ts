import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './cleanup';
import { Inspector } from './inspector';

/** Which server a run measures. */
export type Target = 'kringen' | 'reference';

export const TARGET_LABEL: Record<Target, string> = {
  kringen: 'Kringen (server/main.ts, SQLite)',
  reference: 'reference (@y/websocket-server 0.1.1, in memory)',
};

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BENCH = fileURLToPath(new URL('..', import.meta.url));
const REFERENCE_SERVER = join(BENCH, 'node_modules/@y/websocket-server/src/server.js');

/** How long an empty Kringen room stays loaded in the bench (the default is a minute). */
export const IDLE_UNLOAD_MS = 5000;

/** Clock ticks per second for /proc/<pid>/stat (100 on every Linux this runs on, but ask). */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface ProcSample {
  /** User + system CPU time of the server process (all its threads), in seconds. */
  cpuSeconds: number;
  /** Resident set size now, and its high-water mark, in bytes. */
  rss: number;
  peakRss: number;
}

/** CPU and memory of any process of ours, read from /proc. */
export function readProc(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces and parentheses: fields are counted after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { cpuSeconds: ticks / CLOCK_TICKS, rss: kb('VmRSS') * 1024, peakRss: kb('VmHWM') * 1024 };
}

/** Busy and total CPU time of the whole machine (all cores), in seconds, from /proc/stat. */
export function readMachineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: (total - idle) / CLOCK_TICKS, total: total / CLOCK_TICKS };
}

export interface ServerChild {
  readonly target: Target;
  readonly pid: number;
  readonly baseUrl: string;
  /** What a WebsocketProvider takes as its server URL (the room name is appended). */
  readonly wsUrl: string;
  readonly inspector: Inspector;
  sample(): ProcSample;
  /** Log lines that name a refusal, a warning or an error. */
  problems(): string[];
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the server under test as its own process on a free loopback port, so its CPU and
 * memory are measured apart from the load generator. Both servers run with the inspector
 * on loopback (idle unless the bench asks for a heap figure or a CPU profile).
 */
export async function startServer(target: Target): Promise<ServerChild> {
  const port = await freePort();
  const dataDir = target === 'kringen' ? await mkdtemp(join(tmpdir(), 'kringen-bench-')) : null;
  const inspect = '--inspect=127.0.0.1:0';
  const args =
    target === 'kringen' ? [inspect, '--import', 'tsx', 'server/main.ts'] : [inspect, REFERENCE_SERVER];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    ...(dataDir
      ? {
          DATA_DIR: dataDir,
          IDLE_UNLOAD_MS: String(IDLE_UNLOAD_MS),
          // Every bench client comes from 127.0.0.1 and a session's phones join at once.
          JOINS_PER_SESSION_PER_MINUTE: '100000',
          MAX_CONNECTIONS_PER_IP: '100000',
          // A phone adding a ripple every 10 s for 30 minutes writes far more than a real session.
          MAX_RIPPLES_PER_SESSION: '100000',
        }
      : {}),
  };
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: target === 'kringen' ? ROOT : BENCH,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const problems: string[] = [];
  let inspectorUrl: string | null = null;
  const onLine = (line: string) => {
    output += `${line}\n`;
    const url = /Debugger listening on (ws:\/\/\S+)/.exec(line)?.[1];
    if (url) inspectorUrl = url;
    else if (/refused|warn|error|closed:|failed|exception/i.test(line) && !/Debugger|inspector/i.test(line)) {
      problems.push(line);
    }
  };
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
  }

  let inspector: Inspector | null = null;
  const stop = onCleanup(async () => {
    inspector?.close();
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  const readyPath = target === 'kringen' ? '/api/health' : '/';
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`${target} server exited while starting:\n${output}`);
    }
    const ok = await fetch(baseUrl + readyPath).then(
      (response) => response.ok,
      () => false,
    );
    if (ok && inspectorUrl) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${target} server did not start within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  inspector = await Inspector.connect(inspectorUrl);
  const pid = child.pid as number;
  return {
    target,
    pid,
    baseUrl,
    wsUrl: target === 'kringen' ? `ws://127.0.0.1:${port}/ws` : `ws://127.0.0.1:${port}`,
    inspector,
    sample: () => readProc(pid),
    problems: () => problems,
    stop,
  };
}
