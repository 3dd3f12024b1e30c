/**
 * The hardening issue's point 7: the same load scenario against Kringen and then against
 * the reference y-websocket server (@y/websocket-server 0.1.1, bench/package.json), one
 * after the other in one run, with a side-by-side table and ratios ours / reference.
 *
 * Install once:  npm ci --prefix bench
 * Run:           node --import tsx bench/load/compare.ts [--minutes 2] [--full] [--sessions 50]
 *                  [--phones 30] [--interval-s 10] [--no-awareness] [--cpu-profile] [--heap-profile]   (--full = 5 minutes)
 *                  [--workers N] [--nice 10] [--server-js path/to/main.js] [--reference-first]
 */
import { existsSync } from 'node:fs';
import { cleanupAll } from './cleanup';
import { describeParams, parseScenarioFlags, printMachine, printResult, printTarget } from './report';
import { runScenario, type ScenarioResult } from './scenario';
import { mb, ms, pct } from './stats';

const { params, flags } = parseScenarioFlags({
  minutes: 2,
  longFlag: 'full',
  longMinutes: 5,
  booleans: ['reference-first'],
});

if (params.servers.length > 0) {
  console.error('compare.ts starts both servers itself: --servers is for hold.ts and phonesLoad.ts.');
  process.exit(2);
}
if (!existsSync(new URL('../node_modules/@y/websocket-server/src/server.js', import.meta.url))) {
  console.error('The reference server is not installed: run `npm ci --prefix bench` first.');
  process.exit(2);
}

console.log(`Kringen vs reference y-websocket server: ${describeParams(params)}, each`);
printMachine();
try {
  // Which half runs first can matter on a shared VM (the host's load drifts over minutes):
  // --reference-first swaps them, to check a ratio does not come from the order.
  const run = async (target: 'kringen' | 'reference') => {
    console.log(target === 'kringen' ? '\n-- Kringen' : '\n-- reference');
    return runScenario(target, params);
  };
  let ours: ScenarioResult;
  let reference: ScenarioResult;
  if (flags['reference-first']) {
    reference = await run('reference');
    ours = await run('kringen');
  } else {
    ours = await run('kringen');
    reference = await run('reference');
  }
  printResult(ours);
  printResult(reference);
  printComparison(ours, reference);
} finally {
  await cleanupAll();
}

function printComparison(ours: ScenarioResult, ref: ScenarioResult): void {
  const rows: [string, (r: ScenarioResult) => number, (n: number) => string][] = [
    ['p99 latency', (r) => r.latency.p99, ms],
    ['p50 latency', (r) => r.latency.p50, ms],
    ['p99 latency, probe phones', (r) => r.probeLatency.p99, ms],
    ['server event-loop delay p99', (r) => r.server.loopP99, ms],
    ['server longest GC pause', (r) => r.server.gc.maxMs, ms],
    ['server CPU (avg)', (r) => r.server.cpuAvgPct, pct],
    ['  of which main thread', (r) => r.server.cpuMainThreadPct, pct],
    ['  of which kernel time', (r) => r.server.cpuSystemPct, pct],
    ['server RSS idle', (r) => r.server.rssIdle, mb],
    ['server RSS peak', (r) => r.server.rssPeak, mb],
    ['server RSS growth (peak−idle)', (r) => r.server.rssPeak - r.server.rssIdle, mb],
    ['server RSS end of run', (r) => r.server.rssEnd, mb],
    ['server RSS after all left', (r) => r.server.rssAfterUnload, mb],
    ['server heap after all left', (r) => r.server.heapAfterUnload, mb],
    ['errors', (r) => r.errorCount, String],
    ['ripples seen / sent', (r) => r.ripplesDelivered / Math.max(1, r.ripplesSent), (n) => n.toFixed(4)],
    ['generator loop delay p99', (r) => r.generator.loopP99, ms],
    ['sends late on schedule p99', (r) => r.sendLateness.p99, ms],
    ['other processes CPU', (r) => r.otherCpuPct, pct],
    ['CPU pressure (PSI some)', (r) => r.cpuPressurePct, pct],
    ['load average (1 min) at end', (r) => r.loadAverage.end[0] ?? Number.NaN, (n) => n.toFixed(2)],
  ];
  console.log('\n== side by side');
  console.log(
    `${''.padEnd(28)}${'Kringen'.padStart(12)}${'reference'.padStart(12)}${'ours/ref'.padStart(10)}`,
  );
  for (const [name, get, format] of rows) {
    const a = get(ours);
    const b = get(ref);
    const ratio = b > 0 ? (a / b).toFixed(2) : '–';
    console.log(`${name.padEnd(28)}${format(a).padStart(12)}${format(b).padStart(12)}${ratio.padStart(10)}`);
  }
  console.log(
    "Kringen authenticates every socket, checks every update against the sender's role and the schema, " +
      'stores it in SQLite (synchronous=FULL) before sending it on, and writes a suggested code per ripple; ' +
      'the reference does none of that (no auth, no validation, no persistence by default).',
  );
  console.log('');
  printTarget(
    ours.latency.p99 <= ref.latency.p99,
    `p99 ratio ≤ 1.0 (${(ours.latency.p99 / ref.latency.p99).toFixed(2)})`,
  );
  printTarget(
    ours.server.cpuAvgPct <= ref.server.cpuAvgPct,
    `CPU ratio ≤ 1.0 (${(ours.server.cpuAvgPct / ref.server.cpuAvgPct).toFixed(2)})`,
  );
  printTarget(
    ours.server.rssPeak <= ref.server.rssPeak,
    `peak RSS ratio ≤ 1.0 (${(ours.server.rssPeak / ref.server.rssPeak).toFixed(2)})`,
  );
}
