import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { openPostgres } from '../../server/storage/postgresDatabase';
import { freePort } from './serverProcess';

/**
 * Debian's PostgreSQL (the newest under /usr/lib/postgresql, or POSTGRES_BIN), started
 * privately for a test file. Where it is not installed these tests skip loudly; in CI they
 * are required.
 */
function findBinaries(): string | null {
  if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((version) => existsSync(join(root, version, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

export const POSTGRES_BIN = findBinaries();
export const hasPostgres = POSTGRES_BIN !== null && existsSync(join(POSTGRES_BIN, 'initdb'));

if (!hasPostgres) {
  if (process.env.CI) {
    throw new Error(
      'PostgreSQL not found: the PostgreSQL tests are required in CI (apt-get install postgresql).',
    );
  }
  console.warn(
    '\n*** PostgreSQL not found: POSTGRESQL TESTS SKIPPED. Install it (apt-get install postgresql) or set POSTGRES_BIN. ***\n',
  );
}

export interface PostgresServer {
  /** The `postgres` database, as the superuser `kringen`. */
  readonly url: string;
  /** A fresh, empty database; its URL. */
  newDatabase(): Promise<string>;
  /** Stops the server and removes its files. */
  stop(): Promise<void>;
  /** Stops the server as an outage would; its data stays for `resume`. */
  halt(): Promise<void>;
  /** Starts a halted server again, on the same port with the same data. */
  resume(): Promise<void>;
  /**
   * Freezes every process of the server (SIGSTOP), as a host that stops answering does:
   * connections hang instead of being refused. `thaw` lets them go on.
   */
  freeze(): void;
  thaw(): void;
}

/** PostgreSQL refuses to run as root: as root, its files and processes belong to the `postgres` user. */
const asRoot = process.getuid?.() === 0;

function command(binary: string, args: string[]): [string, string[]] {
  const path = join(POSTGRES_BIN as string, binary);
  return asRoot ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

let databases = 0;

export async function startPostgres(): Promise<PostgresServer> {
  if (!POSTGRES_BIN) throw new Error('PostgreSQL is not installed');
  const dir = await mkdtemp(join(tmpdir(), 'kringen-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  execFileSync(
    ...command('initdb', ['-D', data, '-A', 'trust', '-U', 'kringen', '--no-sync', '-E', 'UTF8']),
    {
      stdio: 'pipe',
    },
  );

  const port = await freePort();
  // Durability is not under test here, speed is: no fsync.
  const [bin, args] = command('postgres', [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'full_page_writes=off',
  ]);
  let child: ChildProcess;
  let output = '';
  let exited: Promise<void>;
  const launch = () => {
    child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const proc = child;
    exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  };

  const url = `postgresql://kringen@127.0.0.1:${port}/postgres`;
  const query = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  const postmasterPid = () => {
    const pidFile = join(data, 'postmaster.pid');
    return existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
  };
  /** The postmaster, its backends, and runuser above them. */
  const processes = () => {
    const pid = postmasterPid();
    if (pid <= 0) return [];
    let children: number[] = [];
    try {
      children = execFileSync('pgrep', ['-P', String(pid)])
        .toString()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      // pgrep exits 1 when there are none.
    }
    // runuser stops itself when its child stops (job control) and must be woken too.
    return [pid, ...children, ...(child.pid ? [child.pid] : [])];
  };
  const signalAll = (signal: NodeJS.Signals) => {
    for (const pid of processes()) {
      try {
        process.kill(pid, signal);
      } catch {
        // Gone meanwhile.
      }
    }
  };

  /** Stops the postmaster and waits until it is gone; the data stays. */
  const halt = async () => {
    // runuser does not pass signals on: signal the postmaster itself (SIGINT: fast shutdown).
    signalAll('SIGCONT');
    const pid = postmasterPid();
    try {
      if (pid > 0) process.kill(pid, 'SIGINT');
      else child.kill('SIGINT');
    } catch {
      // Already gone.
    }
    if (child.exitCode === null && child.signalCode === null) await exited;
  };

  const stop = async () => {
    await halt();
    await rm(dir, { recursive: true, force: true });
  };

  /** Waits until the server answers, or fails (stopping it) after 30 s. */
  const ready = async () => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await query('select 1');
        return;
      } catch (error) {
        if (child.exitCode !== null || Date.now() > deadline) {
          await stop();
          throw new Error(`PostgreSQL did not start on port ${port}: ${(error as Error).message}\n${output}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };

  launch();
  await ready();

  return {
    url,
    halt,
    freeze: () => signalAll('SIGSTOP'),
    thaw: () => signalAll('SIGCONT'),
    async resume() {
      launch();
      await ready();
    },
    async newDatabase() {
      const name = `kringen_${process.pid}_${++databases}`;
      await query(`create database ${name}`);
      return url.replace(/\/postgres$/, `/${name}`);
    },
    stop,
  };
}

/**
 * One PostgreSQL for the calling test file, started before its tests and stopped after
 * them (nothing happens where it is not installed: guard the tests with `hasPostgres`).
 */
export function postgresForThisFile(): {
  server(): PostgresServer;
  /** A pool with Kringen's tables on `url`, or on a fresh database. The caller ends it. */
  pool(url?: string): Promise<pg.Pool>;
} {
  let started: PostgresServer | undefined;
  beforeAll(async () => {
    if (hasPostgres) started = await startPostgres();
  });
  afterAll(() => started?.stop());
  const server = () => {
    if (!started) throw new Error('PostgreSQL is not running');
    return started;
  };
  const quiet = { info: () => {}, warn: () => {}, error: () => {} };
  return {
    server,
    pool: async (url) => openPostgres(url ?? (await server().newDatabase()), quiet),
  };
}
