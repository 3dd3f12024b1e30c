import { type ChildProcess, fork } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './cleanup';
import type { ClockAnchor } from './clock';
import type {
  ClientSpec,
  ConnectReply,
  Counts,
  WorkerMessage,
  WorkerReport,
  WorkerRequest,
} from './protocol';
import type { SessionPlan } from './sessions';

/**
 * The load generator: the bench's clients spread over several child processes
 * (worker.ts), so that one Node event loop applying every phone's copy of every ripple is
 * not what the latency measures, and so that no single V8 heap holds every document.
 *
 * - Worker 0 holds every facilitator: the clients that measure. It does little (one
 *   document per session) and runs at normal priority, so a ripple's arrival is seen as
 *   soon as the server sends it.
 * - Workers 1..n hold the phones, round-robin over all sessions' phones, and run at a lower
 *   priority (`nice`, default 10): on a machine shared with the server under test, the
 *   phones' own work (applying every other phone's ripple to their documents, which real
 *   phones do on their own CPUs) yields to the server. A phone's send time is taken inside
 *   its `addRipple` call, so a late timer in a phone process is not counted as latency.
 */
export interface GeneratorOptions {
  phoneWorkers: number;
  /** Niceness of the phone processes (0: same priority as the server). */
  nice: number;
  /** Clients connecting at once per worker. */
  connectConcurrency: number;
  leanPhones: boolean;
}

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export class WorkerProcess {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private exit: string | null = null;
  readonly specs: ClientSpec[] = [];

  constructor(
    readonly index: number,
    readonly role: 'facilitators' | 'phones',
    readonly nice: number,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (message: WorkerMessage) => {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!waiter) return;
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`worker ${index}: ${message.error}`));
    });
    child.on('exit', (code, signal) => {
      this.exit = `worker ${index} (${role}) exited: ${signal ?? `code ${code}`}`;
      for (const waiter of this.pending.values()) waiter.reject(new Error(this.exit));
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /** Why the process ended (a crash, an out-of-memory kill), or null while it runs. */
  get exited(): string | null {
    return this.exit;
  }

  call<T>(request: WorkerRequest): Promise<T> {
    if (this.exit) return Promise.reject(new Error(this.exit));
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, request });
    });
  }

  /** Ends the process: it exits by itself when the IPC channel closes (so `--cpu-prof` gets written), else SIGTERM. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.child.disconnect();
    const term = setTimeout(() => this.child.kill('SIGTERM'), 10_000);
    const kill = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(term);
    clearTimeout(kill);
  }
}

export interface Generator {
  readonly workers: readonly WorkerProcess[];
  /** Connects the facilitators, then the phones; resolves with the clients that did not sync in 30 s. */
  connect(
    awareness: boolean,
    initDoc: { title: string; programme: string } | null,
    anchor: ClockAnchor,
  ): Promise<{ syncTimeouts: number }>;
  start(runStart: number, intervalMs: number, durationMs: number): Promise<void>;
  counts(): Promise<Counts>;
  /** One report per worker, null for a worker that is gone (crashed, killed for memory). */
  reports(): Promise<(WorkerReport | null)[]>;
  closePhones(): Promise<void>;
  staleAwareness(): Promise<number>;
  stop(): Promise<void>;
}

/** Heap limit per worker: the phones share most of the machine's memory; facilitators need little. */
function heapLimitMb(role: WorkerProcess['role'], phoneWorkers: number): number {
  const totalMb = os.totalmem() / 2 ** 20;
  return role === 'facilitators'
    ? Math.round(Math.min(4096, totalMb * 0.2))
    : Math.round(Math.max(2048, (totalMb * 0.7) / phoneWorkers));
}

export async function startGenerator(
  plans: readonly SessionPlan[],
  options: GeneratorOptions,
): Promise<Generator> {
  const phoneWorkers = Math.max(1, Math.round(options.phoneWorkers));
  const workers: WorkerProcess[] = [];
  const spawnWorker = (index: number, role: WorkerProcess['role']) => {
    const nice = role === 'phones' ? options.nice : 0;
    const child = fork(WORKER, [], {
      cwd: ROOT,
      execArgv: [
        '--import',
        'tsx',
        `--max-old-space-size=${heapLimitMb(role, phoneWorkers)}`,
        // A larger young generation: fewer scavenges for the many short-lived objects of
        // decoding updates (a generator setting; the server runs with Node's defaults).
        '--max-semi-space-size=32',
        // BENCH_WORKER_PROFILE_DIR=/tmp/x writes a CPU profile of every worker (diagnosis).
        ...(process.env.BENCH_WORKER_PROFILE_DIR
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_WORKER_PROFILE_DIR}`]
          : []),
      ],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    if (nice !== 0 && child.pid) os.setPriority(child.pid, nice);
    const worker = new WorkerProcess(index, role, nice, child);
    workers.push(worker);
    return worker;
  };
  const facilitators = spawnWorker(0, 'facilitators');
  const phones = Array.from({ length: phoneWorkers }, (_, i) => spawnWorker(i + 1, 'phones'));
  const stopAll = onCleanup(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
  });

  let k = 0;
  for (const plan of plans) {
    facilitators.specs.push(plan.facilitator);
    for (const phone of plan.phones) {
      if (phone.probe) facilitators.specs.push(phone);
      else (phones[k++ % phoneWorkers] as WorkerProcess).specs.push(phone);
    }
  }

  const all = <T>(request: WorkerRequest) => Promise.all(workers.map((worker) => worker.call<T>(request)));
  /** The same from the workers still running (after the run: a crashed worker must not hide the rest). */
  const living = <T>(request: WorkerRequest) =>
    Promise.all(workers.map((worker) => worker.call<T>(request).catch(() => null)));
  return {
    workers,
    async connect(awareness, initDoc, anchor) {
      const connectIn = (worker: WorkerProcess) =>
        worker.call<ConnectReply>({
          cmd: 'connect',
          clients: worker.specs,
          awareness,
          initDoc,
          leanPhones: options.leanPhones,
          concurrency: options.connectConcurrency,
          anchor,
        });
      const first = await connectIn(facilitators);
      const rest = await Promise.all(phones.map(connectIn));
      return { syncTimeouts: [first, ...rest].reduce((sum, reply) => sum + reply.syncTimeouts, 0) };
    },
    async start(runStart, intervalMs, durationMs) {
      await all({ cmd: 'start', runStart, intervalMs, durationMs });
    },
    async counts() {
      const merged: Counts = { sent: {}, seen: {} };
      for (const counts of await living<Counts>({ cmd: 'counts' })) {
        if (!counts) continue;
        for (const key of ['sent', 'seen'] as const) {
          for (const [session, n] of Object.entries(counts[key])) {
            merged[key][Number(session)] = (merged[key][Number(session)] ?? 0) + n;
          }
        }
      }
      return merged;
    },
    reports: () => living<WorkerReport>({ cmd: 'report' }),
    async closePhones() {
      await living({ cmd: 'closePhones' });
    },
    async staleAwareness() {
      return (await living<number>({ cmd: 'staleAwareness' })).reduce<number>((a, b) => a + (b ?? 0), 0);
    },
    async stop() {
      await Promise.all(workers.map((worker) => worker.call({ cmd: 'closeAll' }).catch(() => undefined)));
      await stopAll();
    },
  };
}
