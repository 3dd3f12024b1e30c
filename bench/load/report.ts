import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { ScenarioParams, ScenarioResult } from './scenario';
import { TARGET_LABEL } from './serverChild';
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
 * Flags shared by hold.ts and compare.ts; `longFlag` (`--soak`, `--full`) switches the
 * default duration to `longMinutes` unless `--minutes` is given.
 */
export function parseScenarioFlags(defaults: { minutes: number; longFlag: string; longMinutes: number }) {
  const { values } = parseArgs({
    options: {
      sessions: { type: 'string' },
      phones: { type: 'string' },
      minutes: { type: 'string' },
      'interval-s': { type: 'string' },
      'no-awareness': { type: 'boolean' },
      'cpu-profile': { type: 'boolean' },
      [defaults.longFlag]: { type: 'boolean' },
    },
  });
  const long = values[defaults.longFlag] === true;
  const number = (name: string, raw: string | boolean | undefined, fallback: number): number => {
    if (raw === undefined || typeof raw === 'boolean') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0)
      throw new Error(`--${name} must be a positive number, got "${raw}"`);
    return value;
  };
  const params: ScenarioParams = {
    sessions: Math.round(number('sessions', values.sessions, 50)),
    phones: Math.round(number('phones', values.phones, 30)),
    durationS: Math.round(
      number('minutes', values.minutes, long ? defaults.longMinutes : defaults.minutes) * 60,
    ),
    intervalS: number('interval-s', values['interval-s'], 10),
    awareness: !values['no-awareness'],
    cpuProfile: Boolean(values['cpu-profile']),
  };
  return { params, long };
}

export function describeParams(p: ScenarioParams): string {
  const clients = p.sessions * (1 + p.phones);
  return (
    `${p.sessions} sessions × (1 facilitator + ${p.phones} phones) = ${clients} WebSocket clients, ` +
    `${(p.durationS / 60).toFixed(p.durationS % 60 ? 1 : 0)} min, a ripple per phone every ${p.intervalS} s ` +
    `(${((p.sessions * p.phones) / p.intervalS).toFixed(0)} ripples/s), awareness ${p.awareness ? 'on' : 'off'}`
  );
}

export function printResult(r: ScenarioResult): void {
  const e = r.errors;
  const codes = [...e.closeCodes].map(([code, n]) => `${code}×${n}`).join(', ');
  const s = r.server;
  console.log(`\n== ${TARGET_LABEL[r.target]}`);
  console.log(`clients             ${r.clients} (set up in ${r.setupS.toFixed(1)} s)`);
  console.log(`ripples             ${r.ripplesSent} sent, ${r.ripplesDelivered} seen by the facilitator`);
  console.log(
    `latency phone→board p50 ${ms(r.latency.p50)}, p95 ${ms(r.latency.p95)}, p99 ${ms(r.latency.p99)}, max ${ms(r.latency.max)}`,
  );
  console.log(
    `errors              ${r.errorCount}: unexpected closes ${e.unexpectedCloses}${codes ? ` (${codes})` : ''}, ` +
      `connection errors ${e.connectionErrors}, sync timeouts ${e.syncTimeouts}, failed commands ${e.commandFailures}, ` +
      `lost ripples ${e.lost}, server log problems ${e.serverLogProblems.length}`,
  );
  for (const line of e.serverLogProblems.slice(0, 5)) console.log(`    server: ${line}`);
  console.log(
    `server CPU          ${pct(s.cpuAvgPct)} of one core on average, ${pct(s.cpuMaxPct)} in the busiest second`,
  );
  console.log(
    `server RSS          idle ${mb(s.rssIdle)}, connected ${mb(s.rssConnected)}, peak ${mb(s.rssPeak)}, ` +
      `end ${mb(s.rssEnd)}, after everyone left + ${'unload delay'} ${mb(s.rssAfterUnload)}`,
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
  const g = r.generator;
  console.log(
    `load generator      CPU ${pct(g.cpuAvgPct)} of one core, event-loop delay p50 ${ms(g.loopP50)}, ` +
      `p99 ${ms(g.loopP99)}, max ${ms(g.loopMax)}, RSS peak ${mb(g.rssPeak)}`,
  );
  console.log(
    `other processes     ${pct(r.otherCpuPct)} of one core during the run (of ${os.cpus().length * 100} %); ` +
      `load average now ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
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
    console.log('server CPU profile (30 s mid-run), top functions by self time:');
    for (const spot of r.hotSpots.functions) {
      console.log(
        `  ${(spot.share * 100).toFixed(1).padStart(5)} %  ${spot.selfMs.toFixed(0).padStart(6)} ms  ${spot.name}`,
      );
    }
    console.log('  by file:');
    for (const spot of r.hotSpots.files.slice(0, 10)) {
      console.log(
        `  ${(spot.share * 100).toFixed(1).padStart(5)} %  ${spot.selfMs.toFixed(0).padStart(6)} ms  ${spot.name}`,
      );
    }
  }
}

export function printTarget(met: boolean, what: string): void {
  console.log(`${met ? 'TARGET MET   ' : 'TARGET MISSED'}  ${what}`);
}

/** The issue's point 6 for one result. */
export function printHoldTargets(r: ScenarioResult): void {
  const s = r.server;
  printTarget(r.errorCount === 0, `no errors (${r.errorCount})`);
  printTarget(
    r.latency.p99 < P99_TARGET_MS,
    `p99 phone→facilitator under ${P99_TARGET_MS} ms (${ms(r.latency.p99)})`,
  );
  const heapBack = s.heapAfterUnload - s.heapIdle <= HEAP_BACK_MARGIN;
  const unloaded = s.roomsAfterUnload === null || s.roomsAfterUnload === 0;
  printTarget(
    heapBack && unloaded && r.staleAwareness === 0,
    `memory flat: rooms unloaded (${s.roomsAfterUnload ?? 'n/a'} left), awareness cleaned (${r.staleAwareness} stale), ` +
      `heap after everyone left within ${mb(HEAP_BACK_MARGIN)} of idle (${mb(s.heapAfterUnload)} vs ${mb(s.heapIdle)})`,
  );
}
