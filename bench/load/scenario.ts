import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { addRipple } from '../../shared/doc/commands';
import { type HotSpot, summariseProfile } from './inspector';
import {
  IDLE_UNLOAD_MS,
  readMachineCpu,
  readProc,
  type ServerChild,
  startServer,
  type Target,
} from './serverChild';
import { type BenchSession, closeClient, inPool, openSession } from './sessions';
import { type Distribution, distribution } from './stats';

/**
 * The load scenario shared by hold.ts and compare.ts: N sessions, each one facilitator
 * and P phones. Each phone joins, sets its awareness once and adds a ripple every
 * `intervalS` seconds (staggered); each facilitator watches its ripples map. Latency is
 * the time from a phone's `addRipple` to its facilitator seeing the ripple.
 */
export interface ScenarioParams {
  sessions: number;
  phones: number;
  durationS: number;
  intervalS: number;
  awareness: boolean;
  /** Take a sampling CPU profile of the server for up to 30 s in the middle of the run. */
  cpuProfile: boolean;
}

export interface MinuteRow {
  minute: number;
  ripples: number;
  p99: number;
  serverCpuPct: number;
  serverRss: number;
}

export interface ScenarioResult {
  target: Target;
  params: ScenarioParams;
  setupS: number;
  clients: number;
  ripplesSent: number;
  ripplesDelivered: number;
  latency: Distribution;
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
  /** Sessions whose facilitator still saw a phone's awareness state after all phones left. */
  staleAwareness: number;
  server: {
    cpuAvgPct: number;
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
  };
  generator: { cpuAvgPct: number; loopP50: number; loopP99: number; loopMax: number; rssPeak: number };
  /** CPU that other processes on the machine used during the run, in % of one core (noise). */
  otherCpuPct: number;
  timeline: MinuteRow[];
  hotSpots: { functions: HotSpot[]; files: HotSpot[] } | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PROFILE_MS = 30_000;
const DRAIN_MS = 10_000;
/** The histogram records the time between ticks: the delay is what exceeds the tick. */
const LOOP_RESOLUTION_MS = 10;

/** Real ripple texts (the classifier's corpus), so the server's suggestion work is realistic. */
function rippleTexts(): string[] {
  try {
    const file = new URL('../../tests/shared/classifier/dev.corpus.json', import.meta.url);
    return (JSON.parse(readFileSync(file, 'utf8')) as { text: string }[]).map((item) => item.text);
  } catch {
    return ['Er is nu een inloopochtend in het buurthuis', 'Bewoners kennen elkaar beter'];
  }
}

export async function runScenario(
  target: Target,
  params: ScenarioParams,
  progress: (line: string) => void = (line) => console.log(line),
): Promise<ScenarioResult> {
  // Every stock WebsocketProvider adds a process 'exit' listener; 1,550 of them are expected.
  process.setMaxListeners(0);
  const server = await startServer(target);
  try {
    return await drive(server, params, progress);
  } finally {
    await server.stop();
  }
}

async function drive(
  server: ServerChild,
  params: ScenarioParams,
  progress: (line: string) => void,
): Promise<ScenarioResult> {
  const { target } = server;
  const closeCodes = new Map<number, number>();
  let unexpectedCloses = 0;
  let connectionErrors = 0;
  let commandFailures = 0;
  const events = {
    onUnexpectedClose(code: number) {
      unexpectedCloses++;
      closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1);
    },
    onConnectionError() {
      connectionErrors++;
    },
  };

  await sleep(2000); // let start-up work (the classifier's index) finish
  const heapIdle = await server.inspector.heapAfterGc();
  const rssIdle = server.sample().rss;

  // Set up: sessions a few at a time, each facilitator first, then its phones.
  const setupStart = performance.now();
  const indices = Array.from({ length: params.sessions }, (_, i) => i);
  let syncTimeouts = 0;
  const sessions: BenchSession[] = await inPool(indices, 3, async (i) => {
    const opened = await openSession(server, i, params.phones, params.awareness, events);
    syncTimeouts += opened.syncTimeouts;
    return opened.session;
  });
  const setupS = (performance.now() - setupStart) / 1000;
  const clients = sessions.length * (1 + params.phones);
  progress(
    `  ${clients} clients connected and synced in ${setupS.toFixed(1)} s; adding ripples for ${params.durationS} s`,
  );
  await sleep(2000);
  const rssConnected = server.sample().rss;

  // Latency: id → time of addRipple; the facilitator's observer takes it out.
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const minuteLatencies: number[][] = [];
  let runStart = performance.now();
  for (const { facilitator } of sessions) {
    facilitator.doc.getMap('ripples').observe((event) => {
      const now = performance.now();
      for (const [id, change] of event.changes.keys) {
        if (change.action !== 'add') continue;
        const t0 = sentAt.get(id);
        if (t0 === undefined) continue;
        sentAt.delete(id);
        latencies.push(now - t0);
        const minute = Math.floor((t0 - runStart) / 60_000);
        const bucket = minuteLatencies[minute] ?? [];
        bucket.push(now - t0);
        minuteLatencies[minute] = bucket;
      }
    });
  }

  // Samplers: the server every second from /proc; the generator's own loop and CPU.
  const samples: { t: number; cpu: number; rss: number }[] = [];
  const sample = () => {
    const { cpuSeconds, rss } = server.sample();
    samples.push({ t: performance.now(), cpu: cpuSeconds, rss });
  };
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  const texts = rippleTexts();
  let sent = 0;
  const timers: NodeJS.Timeout[] = [];
  const addOne = (session: BenchSession, p: number) => {
    const phone = session.phones[p];
    if (!phone) return;
    const text = texts[sent % texts.length] as string;
    const t0 = performance.now();
    const result = addRipple(phone.client.doc, phone.actor, { text, authorName: phone.name });
    if (!result.ok) {
      commandFailures++;
      return;
    }
    sentAt.set(result.value.id, t0);
    sent++;
  };

  runStart = performance.now();
  const cpuBefore = process.cpuUsage();
  const machineBefore = readMachineCpu();
  sample();
  loop.enable();
  const sampler = setInterval(sample, 1000);
  const intervalMs = params.intervalS * 1000;
  sessions.forEach((session, s) => {
    session.phones.forEach((_, p) => {
      // Staggered: phone k of all phones starts at its own offset within the first interval.
      const offset = ((s * params.phones + p) / clients) * intervalMs;
      timers.push(
        setTimeout(() => {
          addOne(session, p);
          timers.push(setInterval(() => addOne(session, p), intervalMs));
        }, offset),
      );
    });
  });

  let hotSpots: ScenarioResult['hotSpots'] = null;
  const durationMs = params.durationS * 1000;
  const profileMs = Math.min(PROFILE_MS, durationMs / 3);
  const progressEvery = setInterval(() => {
    const elapsed = (performance.now() - runStart) / 1000;
    progress(`  ${elapsed.toFixed(0)} s: ${sent} ripples sent, ${latencies.length} seen by facilitators`);
  }, 60_000);
  if (params.cpuProfile) {
    await sleep(durationMs / 2 - profileMs / 2);
    await server.inspector.startProfile();
    await sleep(profileMs);
    hotSpots = summariseProfile(await server.inspector.stopProfile());
    await sleep(durationMs - (performance.now() - runStart));
  } else {
    await sleep(durationMs);
  }
  for (const timer of timers) clearInterval(timer);
  clearInterval(progressEvery);
  const runMs = performance.now() - runStart;
  sample();
  clearInterval(sampler);
  loop.disable();
  const cpuUsed = process.cpuUsage(cpuBefore);
  const machineAfter = readMachineCpu();
  const generatorRssPeak = readProc(process.pid).peakRss;

  // Let what is in flight arrive; what never does is lost.
  const drainEnd = performance.now() + DRAIN_MS;
  while (sentAt.size > 0 && performance.now() < drainEnd) await sleep(100);
  const lost = sentAt.size;
  const rssEnd = server.sample().rss;
  const heapEnd = await server.inspector.heapAfterGc();

  // Phones leave; within 10 s each facilitator must see only its own awareness state.
  for (const session of sessions) for (const phone of session.phones) closeClient(phone.client);
  const ownOnly = () =>
    sessions.filter((s) => s.facilitator.provider.awareness.getStates().size > (params.awareness ? 1 : 0))
      .length;
  const awarenessEnd = performance.now() + 10_000;
  while (ownOnly() > 0 && performance.now() < awarenessEnd) await sleep(100);
  const staleAwareness = ownOnly();
  for (const session of sessions) closeClient(session.facilitator);

  // Rooms unload after the idle delay (Kringen); the reference keeps its documents.
  let roomsAfterUnload: number | null = null;
  await sleep(IDLE_UNLOAD_MS + 2000);
  if (target === 'kringen') {
    const roomsNow = async () =>
      ((await (await fetch(`${server.baseUrl}/api/health`)).json()) as { rooms: number }).rooms;
    const unloadEnd = performance.now() + 10_000;
    roomsAfterUnload = await roomsNow();
    while (roomsAfterUnload > 0 && performance.now() < unloadEnd) {
      await sleep(500);
      roomsAfterUnload = await roomsNow();
    }
  }
  const heapAfterUnload = await server.inspector.heapAfterGc();
  const final = server.sample();

  const first = samples[0];
  const last = samples.at(-1);
  const cpuAvgPct = first && last ? ((last.cpu - first.cpu) / ((last.t - first.t) / 1000)) * 100 : Number.NaN;
  let cpuMaxPct = 0;
  const timeline: MinuteRow[] = [];
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1];
    const b = samples[i];
    if (!a || !b) continue;
    cpuMaxPct = Math.max(cpuMaxPct, ((b.cpu - a.cpu) / ((b.t - a.t) / 1000)) * 100);
  }
  for (let minute = 0; minute * 60_000 < runMs - 1000; minute++) {
    const inMinute = samples.filter(
      (s) => s.t - runStart >= minute * 60_000 && s.t - runStart <= (minute + 1) * 60_000,
    );
    const a = inMinute[0];
    const b = inMinute.at(-1);
    const lat = distribution(minuteLatencies[minute] ?? []);
    timeline.push({
      minute: minute + 1,
      ripples: lat.count,
      p99: lat.p99,
      serverCpuPct: a && b && b.t > a.t ? ((b.cpu - a.cpu) / ((b.t - a.t) / 1000)) * 100 : Number.NaN,
      serverRss: b?.rss ?? Number.NaN,
    });
  }

  const generatorCpuS = (cpuUsed.user + cpuUsed.system) / 1e6;
  const serverCpuS = first && last ? last.cpu - first.cpu : 0;
  const otherCpuS = machineAfter.busy - machineBefore.busy - generatorCpuS - serverCpuS;
  const serverLogProblems = server.problems().slice();
  const errors = {
    unexpectedCloses,
    closeCodes,
    connectionErrors,
    syncTimeouts,
    commandFailures,
    lost,
    serverLogProblems,
  };
  return {
    target,
    params,
    setupS,
    clients,
    ripplesSent: sent,
    ripplesDelivered: latencies.length,
    latency: distribution(latencies),
    errors,
    errorCount:
      unexpectedCloses + connectionErrors + syncTimeouts + commandFailures + lost + serverLogProblems.length,
    staleAwareness,
    server: {
      cpuAvgPct,
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
    },
    generator: {
      cpuAvgPct: (generatorCpuS / (runMs / 1000)) * 100,
      loopP50: Math.max(0, loop.percentile(50) / 1e6 - LOOP_RESOLUTION_MS),
      loopP99: Math.max(0, loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
      loopMax: Math.max(0, loop.max / 1e6 - LOOP_RESOLUTION_MS),
      rssPeak: generatorRssPeak,
    },
    otherCpuPct: Math.max(0, (otherCpuS / (runMs / 1000)) * 100),
    timeline,
    hotSpots,
  };
}
