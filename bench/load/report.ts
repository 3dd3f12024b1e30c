import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { HotSpot } from './inspector';
import type { ScenarioParams, ScenarioResult } from './scenario';
import { MAX_PROBLEM_LINES } from './serverChild';
import { mb, ms, pct } from './stats';

/** Heap growth after everyone left and rooms unloaded that still counts as "back to idle". */
export const HEAP_BACK_MARGIN = 16 * 2 ** 20;
export const P99_TARGET_MS = 100;

export function printMachine(): void {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  let fdLimit = 'unknown';
  try {
    fdLimit = execFileSync('sh', ['-c', 'ulimit -n']).toString().trim();
  } catch {}
  console.log(
    `machine: ${cpu}, ${os.cpus().length} cores, ${mb(os.totalmem())} RAM, Node ${process.version}, ${os.platform()} ${os.arch()}`,
  );
  console.log(
    `load average at start: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; open files limit ${fdLimit}`,
  );
}

/**
 * Flags shared by hold.ts, compare.ts and phonesLoad.ts; `longFlag` (`--soak`, `--full`)
 * switches the default duration to `longMinutes` unless `--minutes` (or `--seconds`) is given.
 */
export function parseScenarioFlags(defaults: {
  minutes: number;
  longFlag?: string;
  longMinutes?: number;
  sessions?: number;
  phones?: number;
  /** Boolean flags of this script alone (e.g. compare.ts's `reference-first`), returned in `flags`. */
  booleans?: readonly string[];
}) {
  const longFlag = defaults.longFlag ?? 'long';
  const own = Object.fromEntries(
    (defaults.booleans ?? []).map((name) => [name, { type: 'boolean' as const }]),
  );
  const { values } = parseArgs({
    options: {
      ...own,
      sessions: { type: 'string' },
      phones: { type: 'string' },
      minutes: { type: 'string' },
      seconds: { type: 'string' },
      'interval-s': { type: 'string' },
      interval: { type: 'string' },
      'no-awareness': { type: 'boolean' },
      'cpu-profile': { type: 'boolean' },
      'heap-profile': { type: 'boolean' },
      workers: { type: 'string' },
      nice: { type: 'string' },
      probes: { type: 'string' },
      'server-nice': { type: 'string' },
      'server-node-flags': { type: 'string' },
      'lean-phones': { type: 'boolean' },
      'server-js': { type: 'string' },
      servers: { type: 'string' },
      'server-pids': { type: 'string' },
      [longFlag]: { type: 'boolean' },
    },
  });
  const long = values[longFlag] === true;
  const number = (name: string, raw: string | boolean | undefined, fallback: number, min = 1e-9): number => {
    if (raw === undefined || typeof raw === 'boolean') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min)
      throw new Error(`--${name} must be a number ≥ ${min}, got "${raw}"`);
    return value;
  };
  const list = (raw: string | boolean | undefined) =>
    typeof raw === 'string'
      ? raw
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : [];
  const minutes = number(
    'minutes',
    values.minutes,
    long ? (defaults.longMinutes ?? defaults.minutes) : defaults.minutes,
  );
  const params: ScenarioParams = {
    sessions: Math.round(number('sessions', values.sessions, defaults.sessions ?? 50)),
    phones: Math.round(number('phones', values.phones, defaults.phones ?? 30)),
    durationS: Math.round(
      values.seconds !== undefined ? number('seconds', values.seconds, 60) : minutes * 60,
    ),
    intervalS: number('interval-s', values['interval-s'] ?? values.interval, 10),
    awareness: !values['no-awareness'],
    cpuProfile: Boolean(values['cpu-profile']),
    heapProfile: Boolean(values['heap-profile']),
    phoneWorkers: Math.round(number('workers', values.workers, Math.max(1, os.cpus().length))),
    nice: Math.round(number('nice', values.nice, 0, 0)),
    serverNice: Math.round(number('server-nice', values['server-nice'], 0, -20)),
    serverNodeFlags: (values['server-node-flags'] ?? '').split(/\s+/).filter(Boolean),
    probes: Math.round(number('probes', values.probes, 10, 0)),
    leanPhones: Boolean(values['lean-phones']),
    serverJs: typeof values['server-js'] === 'string' ? values['server-js'] : null,
    servers: list(values.servers),
    serverPids: list(values['server-pids']).map((pid) => Math.round(number('server-pids', pid, 0))),
  };
  const flags = Object.fromEntries((defaults.booleans ?? []).map((name) => [name, values[name] === true]));
  return { params, long, flags };
}

export function describeParams(p: ScenarioParams): string {
  const clients = p.sessions * (1 + p.phones);
  return (
    `${p.sessions} sessions × (1 facilitator + ${p.phones} phones) = ${clients} WebSocket clients, ` +
    `${(p.durationS / 60).toFixed(p.durationS % 60 ? 1 : 0)} min, a ripple per phone every ${p.intervalS} s ` +
    `(${((p.sessions * p.phones) / p.intervalS).toFixed(0)} ripples/s), awareness ${p.awareness ? 'on' : 'off'}; ` +
    `clients in 1 + ${p.phoneWorkers} processes (phones at nice ${p.nice})` +
    (p.serverNice !== 0 ? `; server at nice ${p.serverNice}` : '') +
    (p.serverNodeFlags.length > 0 ? `; server node ${p.serverNodeFlags.join(' ')}` : '') +
    (p.leanPhones ? "; lean phones (other clients' updates read and dropped, not applied)" : '') +
    (p.servers.length > 0 ? `; servers ${p.servers.join(', ')}` : '')
  );
}

const loads = (values: number[]) => values.map((l) => l.toFixed(2)).join(' ');

export function printResult(r: ScenarioResult): void {
  const e = r.errors;
  const codes = [...e.closeCodes].map(([code, n]) => `${code}×${n}`).join(', ');
  const s = r.server;
  const g = r.generator;
  console.log(`\n== ${r.serverDescription}`);
  console.log(
    `load average        ${loads(r.loadAverage.start)} at start, ${loads(r.loadAverage.end)} at the end of sending`,
  );
  if (r.aborted) console.log(`ABORTED             ${r.aborted}: the figures below cover the run until then`);
  console.log(`clients             ${r.clients} (set up in ${r.setupS.toFixed(1)} s)`);
  console.log(
    `ripples             ${r.ripplesSent} sent of ${r.ripplesScheduled} scheduled, ${r.ripplesDelivered} seen by the facilitators`,
  );
  console.log(
    `latency phone→board p50 ${ms(r.latency.p50)}, p95 ${ms(r.latency.p95)}, p99 ${ms(r.latency.p99)}, max ${ms(r.latency.max)}` +
      ` (facilitators' own event-loop delay p99 ${ms(g.facilitatorLoopP99)})`,
  );
  console.log(
    `  from the ${r.params.probes} probe phones in the facilitators' process: p50 ${ms(r.probeLatency.p50)}, ` +
      `p95 ${ms(r.probeLatency.p95)}, p99 ${ms(r.probeLatency.p99)}, max ${ms(r.probeLatency.max)} (${r.probeLatency.count} ripples)`,
  );
  console.log(
    `  of which the phone's addRipple call: p50 ${ms(r.sendCall.p50)}, p99 ${ms(r.sendCall.p99)}, max ${ms(r.sendCall.max)}`,
  );
  console.log(
    `sends late on schedule p50 ${ms(r.sendLateness.p50)}, p99 ${ms(r.sendLateness.p99)}, max ${ms(r.sendLateness.max)} ` +
      '(a busy phone process sends in bursts, which the server then queues)',
  );
  console.log(
    `errors              ${r.errorCount}: unexpected closes ${e.unexpectedCloses}${codes ? ` (${codes})` : ''}, ` +
      `connection errors ${e.connectionErrors}, sync timeouts ${e.syncTimeouts}, failed commands ${e.commandFailures}, ` +
      `lost ripples ${e.lost} (after waiting ${r.drainS.toFixed(0)} s), server log problems ${e.serverLogProblems.length}` +
      (e.serverLogProblems.length >= MAX_PROBLEM_LINES ? ' (or more)' : ''),
  );
  for (const line of e.serverLogProblems.slice(0, 5)) console.log(`    server: ${line}`);
  console.log(
    `server CPU          ${pct(s.cpuAvgPct)} of one core on average (main thread ${pct(s.cpuMainThreadPct)}, ` +
      `kernel time ${pct(s.cpuSystemPct)}), ${pct(s.cpuMaxPct)} in the busiest second; ` +
      `its event-loop delay p50 ${ms(s.loopP50)}, p99 ${ms(s.loopP99)}, max ${ms(s.loopMax)}`,
  );
  console.log(
    `server GC pauses    ${s.gc.count} in the run, ${ms(s.gc.totalMs)} in all, longest ${ms(s.gc.maxMs)}, ` +
      `${s.gc.over100} over 100 ms`,
  );
  console.log(
    `server RSS          idle ${mb(s.rssIdle)}, connected ${mb(s.rssConnected)}, peak ${mb(s.rssPeak)}, ` +
      `end ${mb(s.rssEnd)}, after everyone left + unload delay ${mb(s.rssAfterUnload)}`,
  );
  console.log(
    `server heap (after GC) idle ${mb(s.heapIdle)}, end of run ${mb(s.heapEnd)}, after everyone left ${mb(s.heapAfterUnload)}` +
      (s.roomsAfterUnload === null
        ? ' (documents are never unloaded)'
        : `; rooms still loaded: ${s.roomsAfterUnload}`),
  );
  console.log(
    `awareness           ${r.staleAwareness} of ${r.params.sessions} facilitators still saw a phone after all phones left`,
  );
  console.log(
    `load generator      CPU ${pct(g.cpuAvgPct)} of one core (all its processes), RSS peak ${mb(g.rssPeak)} (sum); ` +
      `worst event-loop delay p50 ${ms(g.loopP50)}, p99 ${ms(g.loopP99)}, max ${ms(g.loopMax)}`,
  );
  for (const [i, w] of g.workers.entries()) {
    console.log(
      `  process ${i} ${w.role.padEnd(12)} ${String(w.clients).padStart(5)} clients, nice ${String(w.nice).padStart(2)}: ` +
        `CPU ${pct(w.cpuPct).padStart(5)}, loop delay p50 ${ms(w.loopP50)}, p99 ${ms(w.loopP99)}, max ${ms(w.loopMax)}, ` +
        `RSS peak ${mb(w.rssPeak)}${w.updatesDropped > 0 ? `, ${w.updatesDropped} updates dropped (lean)` : ''}`,
    );
  }
  console.log(
    `other processes     ${pct(r.otherCpuPct)} of one core during the run (of ${os.cpus().length * 100} %); ` +
      `some task waited for a CPU ${pct(r.cpuPressurePct)} of the time (PSI)`,
  );
  const sp = r.sessionSpread;
  if (r.params.sessions > 1) {
    console.log(
      `per session p99    lowest ${ms(sp.p99Min)}, median ${ms(sp.p99Median)}, highest ${ms(sp.p99Max)}; worst: ` +
        sp.worst
          .map((w) => `session ${w.session + 1} p50 ${ms(w.p50)} p99 ${ms(w.p99)} max ${ms(w.max)}`)
          .join('; '),
    );
  }
  console.log(
    `awareness heard    by the facilitators: ${r.awarenessPerSecond.mean.toFixed(0)} updates/s on average, ` +
      `${r.awarenessPerSecond.max} in the busiest second`,
  );
  console.log(
    'worst seconds       (latency by arrival; facilitators heard; the server in the 5 s up to it: longest loop delay, GC, CPU)',
  );
  for (const w of r.worstSeconds.slice(0, 6)) {
    console.log(
      `  ${String(w.second).padStart(5)} s  max ${ms(w.maxMs).padStart(10)}  ${String(w.ripples).padStart(4)} ripples ` +
        `${String(w.awareness).padStart(4)} awareness | server loop ${ms(w.serverDelayMaxMs)}, GC ${ms(w.serverGcMs)}, CPU ${pct(w.serverCpuPct)}`,
    );
  }
  if (r.timeline.length > 1) {
    console.log('per minute          minute  ripples  p99 ms  server CPU  server RSS');
    for (const row of r.timeline) {
      console.log(
        `                    ${String(row.minute).padStart(6)}  ${String(row.ripples).padStart(7)}  ` +
          `${row.p99.toFixed(1).padStart(6)}  ${pct(row.serverCpuPct).padStart(10)}  ${mb(row.serverRss).padStart(10)}`,
      );
    }
  }
  if (r.hotSpots) {
    const print = (title: string, spots: HotSpot[]) => {
      console.log(title);
      for (const spot of spots) {
        console.log(
          `  ${(spot.share * 100).toFixed(1).padStart(5)} %  ${spot.selfMs.toFixed(0).padStart(6)} ms  ${spot.name}`,
        );
      }
    };
    print('server CPU profile (30 s mid-run), top functions by self time:', r.hotSpots.functions);
    print('  by file (self time):', r.hotSpots.files.slice(0, 12));
    print('  by total time (the function and what it calls):', r.hotSpots.totals);
  }
}

export function printTarget(met: boolean, what: string): void {
  console.log(`${met ? 'TARGET MET   ' : 'TARGET MISSED'}  ${what}`);
}

/** The issue's point 6 for one result. */
export function printHoldTargets(r: ScenarioResult): void {
  const s = r.server;
  if (r.aborted) printTarget(false, `the run ended early (${r.aborted})`);
  printTarget(r.errorCount === 0, `no errors (${r.errorCount})`);
  printTarget(
    r.latency.p99 < P99_TARGET_MS,
    `p99 phone→facilitator under ${P99_TARGET_MS} ms (${ms(r.latency.p99)})`,
  );
  // Unknown (servers the bench did not start) counts as not shown.
  const heapBack = s.heapAfterUnload - s.heapIdle <= HEAP_BACK_MARGIN;
  const unloaded = s.roomsAfterUnload === null || s.roomsAfterUnload === 0;
  printTarget(
    heapBack && unloaded && r.staleAwareness === 0,
    `memory flat: rooms unloaded (${s.roomsAfterUnload ?? 'n/a'} left), awareness cleaned (${r.staleAwareness} stale), ` +
      `heap after everyone left within ${mb(HEAP_BACK_MARGIN)} of idle (${mb(s.heapAfterUnload)} vs ${mb(s.heapIdle)})`,
  );
}
