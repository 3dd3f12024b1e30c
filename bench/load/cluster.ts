/**
 * Issue 8 point 6: the load scenario spread over two Kringen instances that share a Redis
 * and a PostgreSQL, against one instance on the same kind of PostgreSQL, in one run. Each
 * session's phones are spread over both instances and its facilitator sits on the last one
 * (scenario.ts with `servers`), so every ripple crosses Redis on its way to the facilitator.
 * PostgreSQL and Redis are Debian's, started on loopback ports by the tests' helpers.
 *
 * Run: node --import tsx bench/load/cluster.ts [--minutes 1] [--sessions 20] [--phones 30]
 *        [--interval-s 10] [--no-awareness] [--workers N]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from '../../tests/helpers/postgres';
import { startRedis } from '../../tests/helpers/redis';
import { freePort } from '../../tests/helpers/serverProcess';
import { cleanupAll, onCleanup } from './cleanup';
import { describeParams, parseScenarioFlags, printMachine, printResult } from './report';
import { runScenario, type ScenarioResult } from './scenario';
import { IDLE_UNLOAD_MS, kringenServerJs } from './serverChild';
import { mb, ms, pct } from './stats';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { params } = parseScenarioFlags({ minutes: 1, sessions: 20, phones: 30 });

interface Instance {
  url: string;
  pid: number;
}

/** A built server on plain node with the bench's raised limits (every client is 127.0.0.1). */
async function startInstance(env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [kringenServerJs(params.serverJs)], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: await mkdtemp(join(tmpdir(), 'kringen-cluster-')),
      IDLE_UNLOAD_MS: String(IDLE_UNLOAD_MS),
      JOINS_PER_SESSION_PER_MINUTE: '100000',
      MAX_CONNECTIONS_PER_IP: '100000',
      MAX_RIPPLES_PER_SESSION: '100000',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 8192) stderr += chunk.toString();
  });
  onCleanup(async () => {
    child.kill('SIGTERM');
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`an instance exited while starting:\n${stderr}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`an instance did not start:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, pid: child.pid as number };
}

console.log(`One instance vs two behind Redis, both on PostgreSQL: ${describeParams(params)}, each`);
printMachine();
try {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  onCleanup(async () => {
    await redis.stop();
    await postgres.stop();
  });

  console.log('\n-- one instance (PostgreSQL)');
  const single = await startInstance({ DATABASE_URL: await postgres.newDatabase() });
  const one = await runScenario('kringen', { ...params, servers: [single.url], serverPids: [single.pid] });

  console.log('-- two instances (PostgreSQL + Redis)');
  const shared = { DATABASE_URL: await postgres.newDatabase(), REDIS_URL: redis.url };
  const a = await startInstance(shared);
  const b = await startInstance(shared);
  const two = await runScenario('kringen', {
    ...params,
    servers: [a.url, b.url],
    serverPids: [a.pid, b.pid],
  });

  printResult(one);
  printResult(two);
  printComparison(one, two);
} finally {
  await cleanupAll();
}

function printComparison(one: ScenarioResult, two: ScenarioResult): void {
  const throughput = (r: ScenarioResult) => r.ripplesDelivered / r.params.durationS;
  const rows: [string, (r: ScenarioResult) => number, (n: number) => string][] = [
    ['p50 latency', (r) => r.latency.p50, ms],
    ['p99 latency', (r) => r.latency.p99, ms],
    ['ripples delivered / s', throughput, (n) => n.toFixed(1)],
    ['ripples seen / sent', (r) => r.ripplesDelivered / Math.max(1, r.ripplesSent), (n) => n.toFixed(4)],
    ['errors', (r) => r.errorCount, String],
    ['server CPU, all instances', (r) => r.server.cpuAvgPct, pct],
    ['server RSS peak, all instances', (r) => r.server.rssPeak, mb],
    ['other processes CPU', (r) => r.otherCpuPct, pct],
  ];
  console.log('\n== one instance vs two');
  console.log(`${''.padEnd(32)}${'one'.padStart(12)}${'two'.padStart(12)}${'two/one'.padStart(10)}`);
  for (const [name, get, format] of rows) {
    const x = get(one);
    const y = get(two);
    const ratio = x > 0 ? (y / x).toFixed(2) : '–';
    console.log(`${name.padEnd(32)}${format(x).padStart(12)}${format(y).padStart(12)}${ratio.padStart(10)}`);
  }
  console.log(
    'On two cores the two instances, PostgreSQL, Redis and the load generator share the same CPUs: ' +
      'this shows the cost of relaying through Redis, not the gain of a second machine.',
  );
}
