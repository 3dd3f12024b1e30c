import type { Actor } from '../../shared/model/ripple';
import type { ClockAnchor } from './clock';
import type { HistogramData } from './histogram';
import type { Distribution } from './stats';

/**
 * What the bench parent (generator.ts) and its client processes (worker.ts) say to each
 * other over the IPC channel of `child_process.fork`. Every request carries an id and gets
 * exactly one reply with that id.
 */

/** One WebSocket client a worker drives. */
export interface ClientSpec {
  /** Index of the session (0-based): sent and seen ripples are counted per session. */
  session: number;
  role: 'facilitator' | 'phone';
  /** What a WebsocketProvider takes as its server URL (the room is appended). */
  wsUrl: string;
  room: string;
  /** Credentials in the socket URL (`key`, or `pid` + `secret`); none for the reference. */
  params: Record<string, string>;
  actor: Actor;
  name: string;
  /** Phones: where in each interval this phone adds its ripple, 0..1 (staggered starts). */
  phase: number;
  /**
   * A probe: a phone that lives in the facilitators' lightly loaded process instead of a
   * phone process. Its ripples' latency is reported apart: when it is low while the other
   * phones' is high, the delay is in the loaded phone processes, not in the server.
   */
  probe?: boolean;
}

export interface ConnectRequest {
  cmd: 'connect';
  clients: ClientSpec[];
  awareness: boolean;
  /** Set on the reference: each facilitator writes the session meta into the blank document. */
  initDoc: { title: string; programme: string } | null;
  /** Phones drop other clients' updates instead of applying them (worker.ts, makeLean). */
  leanPhones: boolean;
  /** Clients connecting (not yet synced) at once in this worker. */
  concurrency: number;
  anchor: ClockAnchor;
}

export interface StartRequest {
  cmd: 'start';
  /** On the shared clock (clock.ts). */
  runStart: number;
  intervalMs: number;
  durationMs: number;
}

export type WorkerRequest =
  | ConnectRequest
  | StartRequest
  | { cmd: 'counts' }
  | { cmd: 'report' }
  | { cmd: 'closePhones' }
  | { cmd: 'staleAwareness' }
  | { cmd: 'closeAll' };

export interface ConnectReply {
  syncTimeouts: number;
  /** Milliseconds from the first connect to the last client synced. */
  ms: number;
}

/** Ripples sent (by this worker's phones) and seen (by its facilitators), per session index. */
export interface Counts {
  sent: Record<number, number>;
  seen: Record<number, number>;
}

export interface WorkerReport extends Counts {
  latency: HistogramData;
  /** Per session this worker's facilitators watch. */
  sessions: ({ session: number } & Distribution)[];
  /** The same for ripples from probe phones only. */
  probeLatency: HistogramData;
  /** Phones: how long the `addRipple` call itself took (part of the latency). */
  sendCall: HistogramData;
  /** Facilitators, per second of the run: worst latency (ms), ripples seen, awareness updates heard. */
  seconds: { max: number[]; ripples: number[]; awareness: number[] };
  /** Lean phones: other clients' updates read and dropped. */
  updatesDropped: number;
  /** Phones: how late each send was against its schedule (a busy generator process). */
  sendLateness: HistogramData;
  /** Per minute of the run, by the ripple's send time. */
  minutes: HistogramData[];
  errors: {
    unexpectedCloses: number;
    closeCodes: [code: number, count: number][];
    connectionErrors: number;
    commandFailures: number;
  };
  /** During the sending phase: this process's CPU (user + system) and event-loop delay, in ms. */
  cpuSeconds: number;
  runSeconds: number;
  loop: { p50: number; p99: number; max: number };
  /** High-water mark of this process's RSS, bytes. */
  rssPeak: number;
  heapUsed: number;
}

export type WorkerMessage =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string };
