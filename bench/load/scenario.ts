import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clockFrom, takeAnchor } from './clock';
import { type Generator, startGenerator, type WorkerProcess } from './generator';
import { Histogram } from './histogram';
import { type HotSpot, type ServerLoop, summariseProfile } from './inspector';
import { inPool } from './pool';
import {
  externalServers,
  IDLE_UNLOAD_MS,
  type ProcSample,
  readMachineCpu,
  readProc,
  type ServerUnderTest,
  startServer,
  type Target,
} from './serverChild';
import { planSession, SESSION_PROGRAMME, type SessionPlan } from './sessions';
import type { Distribution } from './stats';

/**
 * The load scenario shared by hold.ts, compare.ts and phonesLoad.ts: N sessions, each one
 * facilitator and P phones. Each phone joins, sets its awareness once and adds a ripple
 * every `intervalS` seconds (staggered); each facilitator watches its ripples map. Latency
 * is the time from a phone's `addRipple` call to its facilitator seeing the ripple, on a
 * clock every process shares (clock.ts). The clients live in child processes
 * (generator.ts); this process only sets sessions up over HTTP, samples the server and
 * merges what the workers report.
 */
export interface ScenarioParams {
  sessions: number;
  phones: number;
  durationS: number;
  intervalS: number;
  awareness: boolean;
  /** Take a sampling CPU profile of the server for up to 30 s in the middle of the run. */
  cpuProfile: boolean;
  /** Sample the server's allocations over the run and name what is still alive at its end. */
  heapProfile: boolean;
  /** Processes the phones are spread over (the facilitators get one more of their own). */
  phoneWorkers: number;
  /** Niceness of the phone processes. */
  nice: number;
  /** Niceness of the server the bench starts (negative needs root). */
  serverNice: number;
  /** Extra flags for the server's node (both targets alike), e.g. `--max-semi-space-size=32`. */
  serverNodeFlags: string[];
  /** Phones that live in the facilitators' process instead (latency reported apart). */
  probes: number;
  /** Phones drop other clients' updates instead of applying them (worker.ts, makeLean). */
  leanPhones: boolean;
  /** A built Kringen server to run instead of building this checkout (`--server-js`). */
  serverJs: string | null;
  /** Servers the bench does not start (`--servers`); empty: start one as a child. */
  servers: string[];
  /** Their process ids, to measure CPU and memory (`--server-pids`). */
  serverPids: number[];
}

export interface MinuteRow {
  minute: number;
  ripples: number;
  p99: number;
  serverCpuPct: number;
  serverRss: number;
}

export interface WorkerRow {
  role: WorkerProcess['role'];
  clients: number;
  nice: number;
  cpuPct: number;
  loopP50: number;
  loopP99: number;
  loopMax: number;
  rssPeak: number;
  updatesDropped: number;
}

export interface ScenarioResult {
  target: Target;
  serverDescription: string;
  params: ScenarioParams;
  setupS: number;
  clients: number;
  /** What the schedule asks for in the run; fewer sent means the phone processes fell behind. */
  ripplesScheduled: number;
  ripplesSent: number;
  ripplesDelivered: number;
  latency: Distribution;
  /** Ripples from the probe phones only (they share the facilitators' process). */
  probeLatency: Distribution;
  /** The phones' `addRipple` call alone (encoding and handing the update to the socket). */
  sendCall: Distribution;
  /** How late the phones' sends were against their schedule. */
  sendLateness: Distribution;
  errors: {
    unexpectedCloses: number;
    closeCodes: Map<number, number>;
    connectionErrors: number;
    syncTimeouts: number;
    commandFailures: number;
    lost: number;
    serverLogProblems: string[];
  };
  errorCount: number;
  /** Why the sending phase ended early (memory guard, a worker crashed), or null. */
  aborted: string | null;
  /** How long the end of the run waited for ripples in flight. */
  drainS: number;
  /** Sessions whose facilitator still saw a phone's awareness state after all phones left. */
  staleAwareness: number;
  server: {
    cpuAvgPct: number;
    /** Of the average: the main thread's share (the rest is worker and GC threads), and the kernel's. */
    cpuMainThreadPct: number;
    cpuSystemPct: number;
    cpuMaxPct: number;
    rssIdle: number;
    rssConnected: number;
    rssPeak: number;
    rssEnd: number;
    rssAfterUnload: number;
    heapIdle: number;
    heapEnd: number;
    heapAfterUnload: number;
    /** Rooms still loaded after everyone left and the idle delay passed (Kringen's health answer). */
    roomsAfterUnload: number | null;
    /** The server's own event-loop delay during the run (through its inspector), ms. */
    loopP50: number;
    loopP99: number;
    loopMax: number;
    /** Its garbage-collection pauses during the run. */
    gc: ServerLoop['gc'];
  };
  generator: {
    /** All generator processes (parent and workers), % of one core. */
    cpuAvgPct: number;
    /** The worst of the workers. */
    loopP50: number;
    loopP99: number;
    loopMax: number;
    /** The facilitators' process: its delay adds to the measured latency. */
    facilitatorLoopP99: number;
    /** Summed over the generator's processes. */
    rssPeak: number;
    workers: WorkerRow[];
  };
  /** CPU that other processes on the machine used during the run, in % of one core (noise). */
  otherCpuPct: number;
  /** Share of the run in which some runnable task waited for a CPU (Linux PSI, /proc/pressure/cpu "some"). */
  cpuPressurePct: number;
  loadAverage: { start: number[]; end: number[] };
  timeline: MinuteRow[];
  /** The seconds of the run (by arrival) with the worst latency, and what the facilitators heard then. */
  worstSeconds: {
    second: number;
    maxMs: number;
    ripples: number;
    awareness: number;
    /** The server in the 5 s up to that second: its longest loop delay, GC time and CPU. */
    serverDelayMaxMs: number;
    serverGcMs: number;
    serverCpuPct: number;
  }[];
  /** How the sessions' own p99 latencies spread: one stuck room or a slow server. */
  sessionSpread: {
    p99Min: number;
    p99Median: number;
    p99Max: number;
    worst: ({ session: number } & Distribution)[];
  };
  /** Awareness updates all facilitators heard per second (renewals every 15 s, joins, leaves). */
  awarenessPerSecond: { mean: number; max: number };
  hotSpots: { functions: HotSpot[]; totals: HotSpot[]; files: HotSpot[] } | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PROFILE_MS = 30_000;
const DRAIN_MS = 10_000;
const DRAIN_MAX_MS = 60_000;
/** Clients connecting at once per worker. */
const CONNECT_CONCURRENCY = 50;
/** The run stops sending when the machine has less memory available than this. */
const MIN_AVAILABLE_BYTES = 1.5 * 2 ** 30;

function memAvailable(): number {
  const meminfo = readFileSync('/proc/meminfo', 'utf8');
  return Number(/^MemAvailable:\s+(\d+) kB/m.exec(meminfo)?.[1] ?? Number.NaN) * 1024;
}

const nothing: ProcSample = {
  cpuSeconds: Number.NaN,
  systemSeconds: Number.NaN,
  mainThreadSeconds: Number.NaN,
  rss: Number.NaN,
  peakRss: Number.NaN,
};

export async function runScenario(
  target: Target,
  params: ScenarioParams,
  progress: (line: string) => void = (line) => console.log(line),
): Promise<ScenarioResult> {
  const server =
    params.servers.length > 0
      ? await externalServers(params.servers, params.serverPids)
      : await startServer(target, params.serverJs, params.serverNice, params.serverNodeFlags);
  try {
    return await drive(server, params, progress);
  } finally {
    await server.stop();
  }
}

/** How many ripples a phone with this phase adds in the run. */
function scheduled(phase: number, intervalMs: number, durationMs: number): number {
  const first = phase * intervalMs;
  return first >= durationMs ? 0 : Math.floor((durationMs - first - 1) / intervalMs) + 1;
}

async function drive(
  server: ServerUnderTest,
  params: ScenarioParams,
  progress: (line: string) => void,
): Promise<ScenarioResult> {
  const { target } = server;
  const sample = () => server.sample() ?? nothing;
  const heap = async () => (server.inspector ? server.inspector.heapAfterGc() : Number.NaN);
  const loadStart = loadAverage();

  await sleep(2000); // let start-up work (the classifier's index) finish
  const heapIdle = await heap();
  const rssIdle = sample().rss;

  // Set up: sessions over HTTP a few at a time; then the workers connect every client.
  const setupStart = performance.now();
  const indices = Array.from({ length: params.sessions }, (_, i) => i);
  const plans: SessionPlan[] = await inPool(indices, 3, (i) =>
    planSession(target, server.endpoints, i, params.phones),
  );
  const totalPhones = params.sessions * params.phones;
  const intervalMs = params.intervalS * 1000;
  const durationMs = params.durationS * 1000;
  let k = 0;
  let ripplesScheduled = 0;
  // Probe phones, spread over the sessions, live in the facilitators' process (protocol.ts).
  const probeEvery =
    params.probes > 0 ? totalPhones / Math.min(params.probes, totalPhones) : Number.POSITIVE_INFINITY;
  let nextProbe = 0;
  for (const plan of plans) {
    for (const phone of plan.phones) {
      if (k >= nextProbe) {
        phone.probe = true;
        nextProbe += probeEvery;
      }
      // Staggered: phone k of all phones adds its ripples at its own offset within the interval.
      phone.phase = k++ / totalPhones;
      ripplesScheduled += scheduled(phone.phase, intervalMs, durationMs);
    }
  }
  const generator: Generator = await startGenerator(plans, {
    phoneWorkers: params.phoneWorkers,
    nice: params.nice,
    connectConcurrency: CONNECT_CONCURRENCY,
    leanPhones: params.leanPhones,
  });
  try {
    return await run();
  } finally {
    await generator.stop();
  }

  async function run(): Promise<ScenarioResult> {
    const anchor = takeAnchor();
    const now = clockFrom(anchor);
    const initDoc = target === 'reference' ? { title: 'Bench sessie', programme: SESSION_PROGRAMME } : null;
    const { syncTimeouts } = await generator.connect(params.awareness, initDoc, anchor);
    const setupS = (performance.now() - setupStart) / 1000;
    const clients = params.sessions * (1 + params.phones);
    progress(
      `  ${clients} clients in ${generator.workers.length} processes connected and synced in ${setupS.toFixed(1)} s; ` +
        `adding ripples for ${params.durationS} s`,
    );
    await sleep(2000);
    const rssConnected = sample().rss;

    // Samplers: the server every second from /proc; the workers' memory, against the guard.
    const samples: { t: number; cpu: number; system: number; main: number; rss: number }[] = [];
    const generatorPids = [process.pid, ...generator.workers.map((w) => w.pid)];
    const generatorCpu = () => generatorPids.reduce((sum, pid) => sum + readProc(pid).cpuSeconds, 0);
    let aborted: string | null = null;
    // The server's own stalls per second (through its inspector), to set against latency.
    const serverSeconds: { second: number; delayMaxMs: number; gcMs: number; cpuPct: number }[] = [];
    let askingServer = false;
    const tick = () => {
      const { cpuSeconds, systemSeconds, mainThreadSeconds, rss } = sample();
      const t = performance.now();
      const previous = samples.at(-1);
      samples.push({ t, cpu: cpuSeconds, system: systemSeconds, main: mainThreadSeconds, rss });
      if (server.inspector && !askingServer && serverSeconds.length < 4 * 3600) {
        askingServer = true;
        const second = Math.round((now() - runStart) / 1000);
        const cpuPct = previous
          ? ((cpuSeconds - previous.cpu) / ((t - previous.t) / 1000)) * 100
          : Number.NaN;
        void server.inspector
          .loopInterval()
          .then((interval) => serverSeconds.push({ second, cpuPct, ...interval }))
          .catch(() => undefined)
          .finally(() => {
            askingServer = false;
          });
      }
      const available = memAvailable();
      if (!aborted && available < MIN_AVAILABLE_BYTES) {
        aborted = `memory guard: ${(available / 2 ** 30).toFixed(1)} GB available on the machine`;
      }
      const crashed = generator.workers.find((w) => w.exited)?.exited;
      if (!aborted && crashed) aborted = crashed;
    };

    await server.inspector?.startLoopMonitor();
    if (params.heapProfile)
      await server.inspector?.send('HeapProfiler.startSampling', { samplingInterval: 16384 });
    const runStart = now() + 500; // every worker has the start message before it is due
    await generator.start(runStart, intervalMs, durationMs);
    await sleep(Math.max(0, runStart - now()));
    const runStartPerf = performance.now();
    const generatorCpuBefore = generatorCpu();
    const machineBefore = readMachineCpu();
    const pressureBefore = cpuPressureUs();
    tick();
    const sampler = setInterval(tick, 1000);
    const progressEvery = setInterval(() => {
      void generator.counts().then(
        ({ sent, seen }) => {
          const total = (counts: Record<number, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
          const elapsed = (performance.now() - runStartPerf) / 1000;
          progress(
            `  ${elapsed.toFixed(0)} s: ${total(sent)} ripples sent, ${total(seen)} seen by facilitators; ` +
              `load average ${(loadAverage()[0] ?? 0).toFixed(2)}`,
          );
        },
        () => undefined,
      );
    }, 60_000);

    // Wait for the end of the run (or an abort), with the profile in the middle if asked.
    let hotSpots: ScenarioResult['hotSpots'] = null;
    const until = async (deadline: number) => {
      while (!aborted && performance.now() < deadline)
        await sleep(Math.min(500, deadline - performance.now()));
    };
    const profileMs = Math.min(PROFILE_MS, durationMs / 3);
    if (params.cpuProfile && server.inspector) {
      await until(runStartPerf + durationMs / 2 - profileMs / 2);
      if (!aborted) {
        await server.inspector.startProfile();
        await until(performance.now() + profileMs);
        const profile = await server.inspector.stopProfile();
        const file = join(tmpdir(), `kringen-bench-${target}-${Date.now()}.cpuprofile`);
        writeFileSync(file, JSON.stringify(profile));
        progress(`  CPU profile of the server written to ${file} (open it in Chrome DevTools)`);
        hotSpots = summariseProfile(profile);
      }
    }
    await until(runStartPerf + durationMs);
    if (aborted) progress(`  aborted: ${aborted}`);
    clearInterval(progressEvery);
    clearInterval(sampler);
    tick();
    const runMs = performance.now() - runStartPerf;
    const generatorCpuS = generatorCpu() - generatorCpuBefore;
    const machineAfter = readMachineCpu();
    const pressureAfter = cpuPressureUs();
    const loadEnd = loadAverage();
    const nan = Number.NaN;
    const serverLoop: ServerLoop = server.inspector
      ? await server.inspector.stopLoopMonitor()
      : { p50: nan, p99: nan, max: nan, gc: { count: nan, totalMs: nan, maxMs: nan, over100: nan } };

    // Let what is in flight arrive: wait while ripples keep arriving (a slow server is slow,
    // not lossy), until nothing new came for DRAIN_MS or DRAIN_MAX_MS passed. What never
    // arrives is lost.
    const lostNow = async () => {
      const { sent, seen } = await generator.counts();
      let lost = 0;
      for (const [session, n] of Object.entries(sent)) lost += Math.max(0, n - (seen[Number(session)] ?? 0));
      return lost;
    };
    const drainStart = performance.now();
    let lost = await lostNow().catch(() => Number.NaN);
    let progressAt = performance.now();
    while (
      lost > 0 &&
      performance.now() - progressAt < DRAIN_MS &&
      performance.now() - drainStart < DRAIN_MAX_MS
    ) {
      await sleep(200);
      const before = lost;
      lost = await lostNow().catch(() => Number.NaN);
      if (lost < before) progressAt = performance.now();
    }
    const drainS = (performance.now() - drainStart) / 1000;
    const reports = await generator.reports();
    const rssEnd = sample().rss;
    if (server.inspector)
      console.log(`  server memory at the end of sending: ${await server.inspector.memoryBreakdown()}`);
    if (params.heapProfile && server.inspector) {
      const { profile } = await server.inspector.send<{ profile: HeapProfileNode }>(
        'HeapProfiler.stopSampling',
      );
      const file = join(tmpdir(), `kringen-bench-${target}-${Date.now()}.heapprofile`);
      writeFileSync(file, JSON.stringify({ head: profile.head ?? profile }));
      progress(`  heap profile of the server (live at the end of sending) written to ${file}`);
      for (const line of summariseHeapProfile(profile)) progress(line);
    }
    const heapEnd = await heap();

    // Phones leave; within 10 s each facilitator must see only its own awareness state.
    await generator.closePhones();
    const awarenessEnd = performance.now() + 10_000;
    let staleAwareness = await generator.staleAwareness();
    while (staleAwareness > 0 && performance.now() < awarenessEnd) {
      await sleep(100);
      staleAwareness = await generator.staleAwareness();
    }
    const generatorRssPeak = generatorPids.reduce((sum, pid) => {
      try {
        return sum + readProc(pid).peakRss;
      } catch {
        return sum; // a worker that crashed
      }
    }, 0);
    await generator.stop();

    // Rooms unload after the idle delay (Kringen); the reference keeps its documents.
    let roomsAfterUnload: number | null = null;
    await sleep(IDLE_UNLOAD_MS + 2000);
    if (target === 'kringen') {
      const roomsNow = async () => {
        let rooms = 0;
        for (const { baseUrl } of server.endpoints) {
          rooms += ((await (await fetch(`${baseUrl}/api/health`)).json()) as { rooms: number }).rooms;
        }
        return rooms;
      };
      const unloadEnd = performance.now() + 10_000;
      roomsAfterUnload = await roomsNow();
      while (roomsAfterUnload > 0 && performance.now() < unloadEnd) {
        await sleep(500);
        roomsAfterUnload = await roomsNow();
      }
    }
    const heapAfterUnload = await heap();
    const final = sample();

    // Merge the workers' histograms and counts.
    const latency = new Histogram();
    const probeLatency = new Histogram();
    const sendCall = new Histogram();
    const sendLateness = new Histogram();
    const minutes: Histogram[] = [];
    const closeCodes = new Map<number, number>();
    const errors = { unexpectedCloses: 0, connectionErrors: 0, commandFailures: 0 };
    let ripplesSent = 0;
    const sessionRows: ({ session: number } & Distribution)[] = [];
    const perSecond = { max: [] as number[], ripples: [] as number[], awareness: [] as number[] };
    for (const report of reports) {
      if (!report) continue;
      report.seconds.max.forEach((v, i) => {
        perSecond.max[i] = Math.max(perSecond.max[i] ?? 0, v);
      });
      report.seconds.ripples.forEach((v, i) => {
        perSecond.ripples[i] = (perSecond.ripples[i] ?? 0) + v;
      });
      report.seconds.awareness.forEach((v, i) => {
        perSecond.awareness[i] = (perSecond.awareness[i] ?? 0) + v;
      });
      latency.add(report.latency);
      sessionRows.push(...report.sessions);
      probeLatency.add(report.probeLatency);
      sendCall.add(report.sendCall);
      sendLateness.add(report.sendLateness);
      report.minutes.forEach((data, i) => {
        const minute = minutes[i] ?? new Histogram();
        minute.add(data);
        minutes[i] = minute;
      });
      for (const [code, n] of report.errors.closeCodes) closeCodes.set(code, (closeCodes.get(code) ?? 0) + n);
      errors.unexpectedCloses += report.errors.unexpectedCloses;
      errors.connectionErrors += report.errors.connectionErrors;
      errors.commandFailures += report.errors.commandFailures;
      ripplesSent += Object.values(report.sent).reduce((a, b) => a + b, 0);
    }

    /** The server's worst stall in the few seconds up to `second`. */
    const serverBefore = (second: number) => {
      const window = serverSeconds.filter((s) => s.second <= second && s.second > second - 5);
      const delays = window.map((s) => s.delayMaxMs).filter(Number.isFinite);
      return {
        serverDelayMaxMs: delays.length > 0 ? Math.max(...delays) : Number.NaN,
        serverGcMs: window.reduce((sum, s) => sum + s.gcMs, 0),
        serverCpuPct: mean(window.map((s) => s.cpuPct).filter(Number.isFinite)),
      };
    };
    const worstSeconds = Array.from(perSecond.max, (maxMs, second) => ({
      second,
      maxMs: maxMs ?? 0,
      ripples: perSecond.ripples[second] ?? 0,
      awareness: perSecond.awareness[second] ?? 0,
      ...serverBefore(second),
    }))
      .sort((a, b) => b.maxMs - a.maxMs)
      .slice(0, 8);
    const awarenessPerSecond = Array.from(perSecond.awareness, (n) => n ?? 0);

    const first = samples[0];
    const last = samples.at(-1);
    const averagePct = (of: 'cpu' | 'system' | 'main') =>
      first && last ? ((last[of] - first[of]) / ((last.t - first.t) / 1000)) * 100 : Number.NaN;
    const cpuAvgPct = averagePct('cpu');
    let cpuMaxPct = server.pids.length > 0 ? 0 : Number.NaN;
    for (let i = 1; i < samples.length; i++) {
      const a = samples[i - 1];
      const b = samples[i];
      if (!a || !b) continue;
      cpuMaxPct = Math.max(cpuMaxPct, ((b.cpu - a.cpu) / ((b.t - a.t) / 1000)) * 100);
    }
    const timeline: MinuteRow[] = [];
    for (let minute = 0; minute * 60_000 < runMs - 1000; minute++) {
      const inMinute = samples.filter(
        (s) => s.t - runStartPerf >= minute * 60_000 && s.t - runStartPerf <= (minute + 1) * 60_000,
      );
      const a = inMinute[0];
      const b = inMinute.at(-1);
      const lat = (minutes[minute] ?? new Histogram()).distribution();
      timeline.push({
        minute: minute + 1,
        ripples: lat.count,
        p99: lat.p99,
        serverCpuPct: a && b && b.t > a.t ? ((b.cpu - a.cpu) / ((b.t - a.t) / 1000)) * 100 : Number.NaN,
        serverRss: b?.rss ?? Number.NaN,
      });
    }

    const serverCpuS = first && last && Number.isFinite(last.cpu - first.cpu) ? last.cpu - first.cpu : 0;
    const otherCpuS = machineAfter.busy - machineBefore.busy - generatorCpuS - serverCpuS;
    const serverLogProblems = server.problems().slice();
    const workers: WorkerRow[] = generator.workers.map((worker, i) => {
      const report = reports[i];
      if (!report) {
        const nan = Number.NaN;
        const row = {
          cpuPct: nan,
          loopP50: nan,
          loopP99: nan,
          loopMax: nan,
          rssPeak: nan,
          updatesDropped: nan,
        };
        return { role: worker.role, clients: worker.specs.length, nice: worker.nice, ...row };
      }
      return {
        role: worker.role,
        clients: worker.specs.length,
        nice: worker.nice,
        cpuPct: report.runSeconds > 0 ? (report.cpuSeconds / report.runSeconds) * 100 : Number.NaN,
        loopP50: report.loop.p50,
        loopP99: report.loop.p99,
        loopMax: report.loop.max,
        rssPeak: report.rssPeak,
        updatesDropped: report.updatesDropped,
      };
    });
    const worst = (pick: (row: WorkerRow) => number) => Math.max(...workers.map(pick));
    const allErrors = { ...errors, closeCodes, syncTimeouts, lost, serverLogProblems };
    return {
      target,
      serverDescription: server.description,
      params,
      setupS,
      clients,
      ripplesScheduled,
      ripplesSent,
      ripplesDelivered: latency.count,
      latency: latency.distribution(),
      probeLatency: probeLatency.distribution(),
      sendCall: sendCall.distribution(),
      sendLateness: sendLateness.distribution(),
      errors: allErrors,
      errorCount:
        errors.unexpectedCloses +
        errors.connectionErrors +
        syncTimeouts +
        errors.commandFailures +
        (Number.isFinite(lost) ? lost : 0) +
        serverLogProblems.length,
      aborted,
      drainS,
      staleAwareness,
      server: {
        cpuAvgPct,
        cpuMainThreadPct: averagePct('main'),
        cpuSystemPct: averagePct('system'),
        cpuMaxPct,
        rssIdle,
        rssConnected,
        rssPeak: final.peakRss,
        rssEnd,
        rssAfterUnload: final.rss,
        heapIdle,
        heapEnd,
        heapAfterUnload,
        roomsAfterUnload,
        loopP50: serverLoop.p50,
        loopP99: serverLoop.p99,
        loopMax: serverLoop.max,
        gc: serverLoop.gc,
      },
      generator: {
        cpuAvgPct: (generatorCpuS / (runMs / 1000)) * 100,
        loopP50: worst((w) => w.loopP50),
        loopP99: worst((w) => w.loopP99),
        loopMax: worst((w) => w.loopMax),
        facilitatorLoopP99: workers.find((w) => w.role === 'facilitators')?.loopP99 ?? Number.NaN,
        rssPeak: generatorRssPeak,
        workers,
      },
      otherCpuPct: Math.max(0, (otherCpuS / (runMs / 1000)) * 100),
      cpuPressurePct: ((pressureAfter - pressureBefore) / 1000 / runMs) * 100,
      loadAverage: { start: loadStart, end: loadEnd },
      timeline,
      worstSeconds,
      sessionSpread: spread(sessionRows),
      awarenessPerSecond: {
        mean: awarenessPerSecond.reduce((a, b) => a + b, 0) / Math.max(1, awarenessPerSecond.length),
        max: Math.max(0, ...awarenessPerSecond),
      },
      hotSpots,
    };
  }
}

function spread(rows: ({ session: number } & Distribution)[]): ScenarioResult['sessionSpread'] {
  const byP99 = [...rows].sort((a, b) => a.p99 - b.p99);
  return {
    p99Min: byP99[0]?.p99 ?? Number.NaN,
    p99Median: byP99[Math.floor(byP99.length / 2)]?.p99 ?? Number.NaN,
    p99Max: byP99.at(-1)?.p99 ?? Number.NaN,
    worst: byP99.slice(-3).reverse(),
  };
}

const mean = (values: number[]): number =>
  values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;

/** Total time (µs) some task waited for a CPU since boot, or NaN without PSI. */
function cpuPressureUs(): number {
  try {
    const line = readFileSync('/proc/pressure/cpu', 'utf8').split('\n')[0] ?? '';
    return Number(/total=(\d+)/.exec(line)?.[1] ?? Number.NaN);
  } catch {
    return Number.NaN;
  }
}

function loadAverage(): number[] {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
}

interface HeapProfileNode {
  head?: HeapProfileNode;
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapProfileNode[];
}

/** The allocation sites that hold the most live memory, by the server's own functions on their stack. */
function summariseHeapProfile(profile: HeapProfileNode): string[] {
  const total = new Map<string, number>();
  let all = 0;
  const walk = (node: HeapProfileNode, stack: string[]) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    const here = [...stack, name];
    all += node.selfSize;
    for (const frame of new Set(here)) total.set(frame, (total.get(frame) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child, here);
  };
  walk(profile.head ?? profile, []);
  return [...total]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 40)
    .map(
      ([name, bytes]) =>
        `  ${(bytes / 1048576).toFixed(1).padStart(7)} MB ${((100 * bytes) / all).toFixed(1).padStart(5)} %  ${name}`,
    );
}
