/**
 * One client process of the load generator (forked by generator.ts). It drives a share of
 * the bench's stock y-websocket clients: facilitators, which watch their session's ripples
 * and record the delay of each new one in a histogram, and/or phones, which add a ripple
 * every interval. Latency crosses processes through the ripple itself: a phone passes the
 * shared clock's reading as the ripple's `createdAt` (clock.ts), and a facilitator
 * subtracts it from its own reading when the ripple arrives.
 *
 * Memory stays bounded apart from the documents themselves: latencies go into fixed-size
 * histograms, counts are per session, and nothing is kept per ripple. Each phone's Y.Doc
 * does hold every ripple of its session (as a real phone's does): at 30 phones adding a
 * ripple every 10 s that is about 9 MB per document after 5 minutes.
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { addRipple, initSession } from '../../shared/doc/commands';
import { roots } from '../../shared/doc/schema';
// The stock y-websocket client on the root's ws and yjs (bench/node_modules holds the
// reference server's own copies: a bare import from bench/ would load a second Yjs).
import { connectClient, type TestClient } from '../../tests/helpers/yClient';
import { clockFrom } from './clock';
import { Histogram } from './histogram';
import { inPool } from './pool';
import type {
  ClientSpec,
  ConnectReply,
  ConnectRequest,
  Counts,
  StartRequest,
  WorkerMessage,
  WorkerReport,
  WorkerRequest,
} from './protocol';

const SYNC_TIMEOUT_MS = 30_000;
/** The histogram records the time between ticks: the delay is what exceeds the tick. */
const LOOP_RESOLUTION_MS = 10;

interface Driven {
  spec: ClientSpec;
  client: TestClient;
}

// Every stock WebsocketProvider adds a process 'exit' listener; hundreds of them are expected.
process.setMaxListeners(0);

let now: () => number = () => Number.NaN;
const clients: Driven[] = [];
const closingOnPurpose = new WeakSet<TestClient>();
const sent: Record<number, number> = {};
const seen: Record<number, number> = {};
const latency = new Histogram();
const probeLatency = new Histogram();
/** Per session (one facilitator each): a few KB each, to tell a stuck room from a slow server. */
const sessionLatency = new Map<number, Histogram>();
/** Actor ids of the probe phones in this process (they share it with the facilitators). */
const probes = new Set<string>();
const sendCall = new Histogram();
const sendLateness = new Histogram();
const minutes: Histogram[] = [];
const errors = {
  unexpectedCloses: 0,
  closeCodes: new Map<number, number>(),
  connectionErrors: 0,
  commandFailures: 0,
};
const timers = new Set<NodeJS.Timeout>();
/** Per second of the run (by arrival): the worst latency, ripples seen, awareness updates heard. Bounded. */
const MAX_SECONDS = 4 * 3600;
const secondMax: number[] = [];
const secondRipples: number[] = [];
const secondAwareness: number[] = [];
const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
let runStart = Number.NaN;
let cpuAtStart: NodeJS.CpuUsage | null = null;
let cpuSeconds = 0;
let runSeconds = 0;

function rippleTexts(): string[] {
  try {
    const file = new URL('../../tests/shared/classifier/dev.corpus.json', import.meta.url);
    return (JSON.parse(readFileSync(file, 'utf8')) as { text: string }[]).map((item) => item.text);
  } catch {
    return ['Er is nu een inloopochtend in het buurthuis', 'Bewoners kennen elkaar beter'];
  }
}
const texts = rippleTexts();

function watchRipples(spec: ClientSpec, client: TestClient): void {
  const ripples = roots(client.doc).ripples;
  ripples.observe((event) => {
    const arrived = now();
    for (const [id, change] of event.changes.keys) {
      if (change.action !== 'add') continue;
      const ripple = ripples.get(id);
      const sentAt = ripple?.get('createdAt');
      if (typeof sentAt !== 'number' || !(sentAt >= runStart)) continue;
      seen[spec.session] = (seen[spec.session] ?? 0) + 1;
      latency.record(arrived - sentAt);
      let perSession = sessionLatency.get(spec.session);
      if (!perSession) {
        perSession = new Histogram();
        sessionLatency.set(spec.session, perSession);
      }
      perSession.record(arrived - sentAt);
      const second = Math.floor((arrived - runStart) / 1000);
      if (second >= 0 && second < MAX_SECONDS) {
        secondMax[second] = Math.max(secondMax[second] ?? 0, arrived - sentAt);
        secondRipples[second] = (secondRipples[second] ?? 0) + 1;
      }
      const author = ripple?.get('authorId');
      if (typeof author === 'string' && probes.has(author)) probeLatency.record(arrived - sentAt);
      const minute = Math.floor((sentAt - runStart) / 60_000);
      let bucket = minutes[minute];
      if (!bucket) {
        bucket = new Histogram();
        minutes[minute] = bucket;
      }
      bucket.record(arrived - sentAt);
    }
  });
}

/** y-websocket's sync message, and its "update" sub-type (y-protocols/sync). */
const MESSAGE_SYNC = 0;
const SYNC_UPDATE = 2;

/**
 * A lean phone (`--lean-phones`): the stock provider, whose sync handler, once synced,
 * reads other clients' updates off the socket and drops them instead of applying them to
 * its document. Everything it sends is unchanged (its own ripples, its awareness and the
 * stock client's echo of everyone else's awareness), so the server does exactly the same
 * work; the generator is spared applying every ripple to every phone's copy (most of its
 * CPU and all of its memory growth). Facilitators always apply everything.
 */
function makeLean(client: TestClient): void {
  const handlers = client.provider.messageHandlers;
  const stock = handlers[MESSAGE_SYNC];
  if (!stock) throw new Error('y-websocket has no sync message handler');
  handlers[MESSAGE_SYNC] = (encoder, decoder, provider, emitSynced, messageType) => {
    // The sub-type is a one-byte varuint: peek at it without a second lib0 in the bench.
    if (provider.synced && decoder.arr[decoder.pos] === SYNC_UPDATE) {
      updatesDropped++;
      return;
    }
    stock(encoder, decoder, provider, emitSynced, messageType);
  };
}
let updatesDropped = 0;

async function connectOne(spec: ClientSpec, request: ConnectRequest): Promise<boolean> {
  const client = connectClient(spec.wsUrl, spec.room, spec.params);
  // One awareness state per client, set once (a phone shows its name; nothing moves).
  if (request.awareness) client.provider.awareness.setLocalStateField('user', { name: spec.name });
  else client.provider.awareness.setLocalState(null);
  client.provider.on('connection-close', (event) => {
    if (closingOnPurpose.has(client)) return;
    const code = event?.code ?? 0;
    errors.unexpectedCloses++;
    errors.closeCodes.set(code, (errors.closeCodes.get(code) ?? 0) + 1);
  });
  client.provider.on('connection-error', () => {
    if (!closingOnPurpose.has(client)) errors.connectionErrors++;
  });
  if (spec.role === 'phone' && request.leanPhones) makeLean(client);
  clients.push({ spec, client });
  if (spec.probe) probes.add(spec.actor.id);
  if (spec.role === 'facilitator') {
    watchRipples(spec, client);
    // Awareness traffic per second, as one facilitator hears it: renewals of every client
    // of its session (the stock client renews every 15 s), to set against latency spikes.
    client.provider.awareness.on('update', (_change: unknown, origin: unknown) => {
      if (origin === 'local' || !(runStart <= now())) return;
      const second = Math.floor((now() - runStart) / 1000);
      if (second < MAX_SECONDS) secondAwareness[second] = (secondAwareness[second] ?? 0) + 1;
    });
  }
  let timer: NodeJS.Timeout | undefined;
  const synced = await Promise.race([
    client.synced.then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), SYNC_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
  if (synced && spec.role === 'facilitator' && request.initDoc) {
    // A blank reference document: the board sets up the same meta a Kringen session starts with.
    initSession(client.doc, request.initDoc);
  }
  return synced;
}

async function connect(request: ConnectRequest): Promise<ConnectReply> {
  now = clockFrom(request.anchor);
  const started = performance.now();
  const results = await inPool(request.clients, request.concurrency, (spec) => connectOne(spec, request));
  return { syncTimeouts: results.filter((ok) => !ok).length, ms: performance.now() - started };
}

function addOne({ spec, client }: Driven, n: number, due: number): void {
  const sentAt = now();
  // How late the phone's timer fired: late sends arrive at the server in bursts, which is
  // the generator's doing (real phones have a CPU each), so it is reported next to the latency.
  sendLateness.record(sentAt - due);
  const result = addRipple(
    client.doc,
    spec.actor,
    { text: texts[n % texts.length] as string, authorName: spec.name },
    { now: sentAt },
  );
  // The call encodes the update and hands it to the socket: time spent here (a GC pause, the
  // process losing its CPU) is inside the measured latency, so it is reported apart.
  sendCall.record(now() - sentAt);

  if (!result.ok) {
    errors.commandFailures++;
    return;
  }
  sent[spec.session] = (sent[spec.session] ?? 0) + 1;
}

function start(request: StartRequest): null {
  runStart = request.runStart;
  cpuAtStart = process.cpuUsage();
  loop.reset();
  loop.enable();
  const end = request.runStart + request.durationMs;
  let n = 0;
  for (const driven of clients) {
    if (driven.spec.role !== 'phone') continue;
    const first = request.runStart + driven.spec.phase * request.intervalMs;
    if (first >= end) continue;
    // One timer per phone, re-armed for its next due time (not setInterval), so a late
    // callback does not shift the phone's later sends.
    let due = first;
    const fire = () => {
      timers.delete(timer);
      if (now() >= end) return; // a late timer in a busy process
      // Node's timers run on the loop's cached clock and can fire a fraction of a
      // millisecond early: a ripple sent before the run started is not counted as seen
      // (its createdAt is before runStart), so it showed up as one "lost" ripple.
      if (now() < due) {
        timer = setTimeout(fire, Math.max(1, due - now()));
        timers.add(timer);
        return;
      }
      addOne(driven, n++, due);
      due += request.intervalMs;
      while (due < now()) due += request.intervalMs; // skipped, counted as not sent
      if (due >= end) return;
      timer = setTimeout(fire, Math.max(0, due - now()));
      timers.add(timer);
    };
    let timer = setTimeout(fire, Math.max(0, first - now()));
    timers.add(timer);
  }
  const stopper = setTimeout(stop, Math.max(0, end - now()));
  timers.add(stopper);
  return null;
}

function stop(): void {
  for (const timer of timers) clearTimeout(timer);
  timers.clear();
  if (!cpuAtStart) return;
  const used = process.cpuUsage(cpuAtStart);
  cpuSeconds = (used.user + used.system) / 1e6;
  runSeconds = (now() - runStart) / 1000;
  cpuAtStart = null;
  loop.disable();
}

const dense = (values: number[]): number[] => Array.from(values, (value) => value ?? 0);

const counts = (): Counts => ({ sent, seen });

function report(): WorkerReport {
  stop();
  const loopMs = (ns: number) => (Number.isFinite(ns) ? Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS) : 0);
  return {
    ...counts(),
    latency: latency.toData(),
    probeLatency: probeLatency.toData(),
    sessions: [...sessionLatency].map(([session, h]) => ({ session, ...h.distribution() })),
    sendCall: sendCall.toData(),
    sendLateness: sendLateness.toData(),
    updatesDropped,
    seconds: { max: dense(secondMax), ripples: dense(secondRipples), awareness: dense(secondAwareness) },
    minutes: Array.from({ length: minutes.length }, (_, i) => (minutes[i] ?? new Histogram()).toData()),
    errors: { ...errors, closeCodes: [...errors.closeCodes] },
    cpuSeconds,
    runSeconds,
    loop: { p50: loopMs(loop.percentile(50)), p99: loopMs(loop.percentile(99)), max: loopMs(loop.max) },
    rssPeak: process.resourceUsage().maxRSS * 1024,
    heapUsed: process.memoryUsage().heapUsed,
  };
}

function close(role: ClientSpec['role'] | null): null {
  for (const { spec, client } of clients) {
    if (role !== null && spec.role !== role) continue;
    closingOnPurpose.add(client);
    client.destroy();
  }
  return null;
}

/** Facilitators that still see another client's awareness state (their own does not count). */
function staleAwareness(): number {
  return clients.filter(
    ({ spec, client }) =>
      spec.role === 'facilitator' &&
      !closingOnPurpose.has(client) &&
      client.provider.awareness.getStates().size > 1,
  ).length;
}

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.cmd) {
    case 'connect':
      return connect(request);
    case 'start':
      return start(request);
    case 'counts':
      return counts();
    case 'report':
      return report();
    case 'closePhones':
      return close('phone');
    case 'staleAwareness':
      return staleAwareness();
    case 'closeAll':
      return close(null);
  }
}

process.on('message', (message: { id: number; request: WorkerRequest }) => {
  void handle(message.request)
    .then(
      (result): WorkerMessage => ({ id: message.id, ok: true, result: result ?? null }),
      (error: Error): WorkerMessage => ({ id: message.id, ok: false, error: error.stack ?? String(error) }),
    )
    .then((reply) => process.send?.(reply));
});
// The parent going away (Ctrl-C, a crash) ends the worker too.
process.on('disconnect', () => process.exit(0));
