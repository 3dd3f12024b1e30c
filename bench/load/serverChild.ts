import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os, { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './cleanup';
import { Inspector } from './inspector';

/** Which server a run measures. */
export type Target = 'kringen' | 'reference';

export const TARGET_LABEL: Record<Target, string> = {
  kringen: 'Kringen (dist/server/main.js, SQLite)',
  reference: 'reference (@y/websocket-server 0.1.1, in memory)',
};

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BENCH = fileURLToPath(new URL('..', import.meta.url));
const REFERENCE_SERVER = join(BENCH, 'node_modules/@y/websocket-server/src/server.js');

/**
 * The Kringen server the bench runs: `serverJs` when given (e.g. a build of another
 * checkout, `--server-js`), else this checkout built now with scripts/buildServer.ts into
 * dist/server/main.js, so the bench measures the current source on plain `node` (no tsx
 * loader in the measured process). Built at most once per bench process.
 */
let built: string | null = null;
export function kringenServerJs(serverJs: string | null): string {
  if (serverJs) {
    const path = resolve(serverJs);
    if (!existsSync(path)) throw new Error(`--server-js ${path} does not exist`);
    return path;
  }
  if (built) return built;
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/buildServer.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `building the server failed (pass --server-js to measure another build):\n${result.stdout}${result.stderr}`,
    );
  }
  built = join(ROOT, 'dist/server/main.js');
  return built;
}

/**
 * The Node flags `npm start` runs the server with (package.json), so the bench measures
 * the server as it is run, not at Node's defaults: `node <flags> dist/server/main.js`.
 */
export function kringenNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts?: { start?: string };
  };
  const match = /\bnode((?:\s+--\S+)*)\s+dist\/server\/main\.js\b/.exec(pkg.scripts?.start ?? '');
  if (!match) throw new Error('package.json: the start script does not run `node … dist/server/main.js`');
  return (match[1] ?? '').split(/\s+/).filter(Boolean);
}

/** Server log lines kept as "problems" (the error count stops there too). */
export const MAX_PROBLEM_LINES = 1000;

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
  /** Of that, the kernel's (system) time: syscalls such as socket writes and fsyncs. */
  systemSeconds: number;
  /** Of that, the main thread's (the event loop; the rest is worker and GC threads). */
  mainThreadSeconds: number;
  /** Resident set size now, and its high-water mark, in bytes. */
  rss: number;
  peakRss: number;
}

/** CPU and memory of any process of ours, read from /proc. */
export function readProc(pid: number): ProcSample {
  const { user, system } = readTicks(`/proc/${pid}/stat`);
  // The main thread's task id is the process id.
  const main = readTicks(`/proc/${pid}/task/${pid}/stat`);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return {
    cpuSeconds: (user + system) / CLOCK_TICKS,
    systemSeconds: system / CLOCK_TICKS,
    mainThreadSeconds: (main.user + main.system) / CLOCK_TICKS,
    rss: kb('VmRSS') * 1024,
    peakRss: kb('VmHWM') * 1024,
  };
}

function readTicks(file: string): { user: number; system: number } {
  const stat = readFileSync(file, 'utf8');
  // The command name may hold spaces and parentheses: fields are counted after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]), system: Number(fields[12]) };
}

/** Busy and total CPU time of the whole machine (all cores), in seconds, from /proc/stat. */
export function readMachineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: (total - idle) / CLOCK_TICKS, total: total / CLOCK_TICKS };
}

/** Where clients reach one server instance. */
export interface Endpoint {
  readonly baseUrl: string;
  /** What a WebsocketProvider takes as its server URL (the room name is appended). */
  readonly wsUrl: string;
}

/** The server (or servers) a run measures. */
export interface ServerUnderTest {
  readonly target: Target;
  /**
   * Sessions are created through the first; each session's phones are spread over all of
   * them and its facilitator uses the last (several instances sharing storage, issue 8).
   */
  readonly endpoints: readonly Endpoint[];
  /** Processes whose CPU and memory are measured (summed); empty when unknown. */
  readonly pids: readonly number[];
  /** Heap figures and CPU profiles; null for servers the bench did not start. */
  readonly inspector: Inspector | null;
  readonly description: string;
  /** CPU and memory of `pids` summed, or null when there are none. */
  sample(): ProcSample | null;
  /** Log lines that name a refusal, a warning or an error (only for a server the bench started). */
  problems(): string[];
  stop(): Promise<void>;
}

function sumProcs(pids: readonly number[]): ProcSample | null {
  if (pids.length === 0) return null;
  const total = { cpuSeconds: 0, systemSeconds: 0, mainThreadSeconds: 0, rss: 0, peakRss: 0 };
  for (const pid of pids) {
    const one = readProc(pid);
    total.cpuSeconds += one.cpuSeconds;
    total.systemSeconds += one.systemSeconds;
    total.mainThreadSeconds += one.mainThreadSeconds;
    total.rss += one.rss;
    total.peakRss += one.peakRss;
  }
  return total;
}

/**
 * Servers the bench did not start (`--servers http://a:8080,http://b:8080`), e.g. two
 * instances sharing Redis and PostgreSQL. Their CPU and RSS are measured only when their
 * process ids are given (`--server-pids`, same machine); heap figures and profiles are not
 * available, and their logs are not read.
 */
export async function externalServers(
  urls: readonly string[],
  pids: readonly number[],
): Promise<ServerUnderTest> {
  const endpoints = urls.map((url) => {
    const baseUrl = url.replace(/\/+$/, '');
    if (!/^https?:\/\//.test(baseUrl)) throw new Error(`--servers: "${url}" is not an http(s) URL`);
    return { baseUrl, wsUrl: `${baseUrl.replace(/^http/, 'ws')}/ws` };
  });
  for (const { baseUrl } of endpoints) {
    const response = await fetch(`${baseUrl}/api/health`).catch((error: Error) => {
      throw new Error(`${baseUrl}/api/health: ${error.message}`);
    });
    if (!response.ok) throw new Error(`${baseUrl}/api/health answered ${response.status}`);
  }
  for (const pid of pids) readProc(pid); // fails early on a wrong pid
  return {
    target: 'kringen',
    endpoints,
    pids,
    inspector: null,
    description: `external: ${endpoints.map((e) => e.baseUrl).join(', ')}${pids.length ? ` (pids ${pids.join(', ')})` : ''}`,
    sample: () => sumProcs(pids),
    problems: () => [],
    stop: async () => {},
  };
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
export async function startServer(
  target: Target,
  serverJs: string | null = null,
  nice = 0,
  nodeFlags: readonly string[] = [],
): Promise<ServerUnderTest> {
  const script = target === 'kringen' ? kringenServerJs(serverJs) : REFERENCE_SERVER;
  const port = await freePort();
  const dataDir = target === 'kringen' ? await mkdtemp(join(tmpdir(), 'kringen-bench-')) : null;
  const startFlags = target === 'kringen' ? kringenNodeFlags() : [];
  const args = ['--inspect=127.0.0.1:0', ...startFlags, ...nodeFlags, script];
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
  // A negative niceness (root only) lets the server win the CPU from other work on a shared
  // machine; the bench reports it, since it changes what the figures mean.
  if (nice !== 0 && child.pid) os.setPriority(child.pid, nice);
  let output = '';
  const problems: string[] = [];
  let inspectorUrl: string | null = null;
  // Bounded: a server that logs a line per refused update must not grow the bench.
  const onLine = (line: string) => {
    if (output.length < 64 * 1024) output += `${line}\n`;
    const url = /Debugger listening on (ws:\/\/\S+)/.exec(line)?.[1];
    if (url) inspectorUrl = url;
    else if (/refused|warn|error|closed:|failed|exception/i.test(line) && !/Debugger|inspector/i.test(line)) {
      if (problems.length < MAX_PROBLEM_LINES) problems.push(line);
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
    endpoints: [
      { baseUrl, wsUrl: target === 'kringen' ? `ws://127.0.0.1:${port}/ws` : `ws://127.0.0.1:${port}` },
    ],
    pids: [pid],
    inspector,
    description:
      `${TARGET_LABEL[target]}: node ${[...startFlags, ...nodeFlags].map((f) => `${f} `).join('')}` +
      `${script.startsWith(ROOT) ? script.slice(ROOT.length) : script}` +
      (nice !== 0 ? ` at nice ${nice}` : ''),
    sample: () => readProc(pid),
    problems: () => problems,
    stop,
  };
}
