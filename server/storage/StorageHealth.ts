import type { Logger } from '../log';

/**
 * Storage could not do what was asked (the database is away, the disk is full, the file is
 * locked). Whoever catches it answers "try again later" (close 4503, HTTP 503) and logs
 * nothing: `StorageHealth` has already said that storage is down, once.
 */
export class StorageError extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'StorageError';
  }
}

export interface StorageHealthOptions {
  log: Logger;
  /** What the log calls the storage ("PostgreSQL at db:5432/kringen"). */
  description: string;
  /**
   * A cheap round trip that succeeds only when storage answers again. With it, calls fail at
   * once while storage is down (nothing waits for a connection timeout, nothing piles up) and
   * a probe notices the return. Without it (SQLite, whose calls fail at once anyway), every
   * call tries, and the first that succeeds brings storage back up.
   */
  ping?: () => Promise<void>;
  /** How often the probe tries while storage is down. */
  probeEveryMs?: number;
  now?: () => number;
}

const PING_TIMEOUT_MS = 2_000;

/**
 * Whether this server's storage answers, decided from what the stores' calls report. It
 * logs one line when storage goes down and one when it comes back, however many updates,
 * connections and health checks fail in between.
 */
export class StorageHealth {
  private down: { since: number; reason: string } | null = null;
  private probe: NodeJS.Timeout | null = null;
  private probing = false;
  private closed = false;
  private readonly now: () => number;

  constructor(private readonly options: StorageHealthOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): 'up' | 'down' {
    return this.down ? 'down' : 'up';
  }

  /** True when calls should fail without trying: storage is down and a probe watches for its return. */
  get failFast(): boolean {
    return this.down !== null && this.options.ping !== undefined;
  }

  succeeded(): void {
    const down = this.down;
    if (!down) return;
    this.down = null;
    this.stopProbe();
    const seconds = ((this.now() - down.since) / 1000).toFixed(1);
    this.options.log.info(`storage up again after ${seconds} s: ${this.options.description}`);
  }

  failed(error: unknown): void {
    if (this.down || this.closed) return;
    const reason = error instanceof Error ? error.message : String(error);
    this.down = { since: this.now(), reason };
    this.options.log.error(
      `storage failed (${reason}): ${this.options.description} is down; changes are refused with 4503 and clients retry until it is back`,
    );
    this.startProbe();
  }

  /**
   * The state for /api/health, checked now where a probe can (a load balancer asks before
   * anyone writes). A probe that fails marks storage down.
   */
  async check(): Promise<'up' | 'down'> {
    if (this.options.ping) await this.tryPing();
    return this.state;
  }

  close(): void {
    this.closed = true;
    this.stopProbe();
  }

  private async tryPing(): Promise<void> {
    const ping = this.options.ping;
    if (!ping || this.probing) return;
    this.probing = true;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        ping(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)),
            PING_TIMEOUT_MS,
          );
        }),
      ]);
      this.succeeded();
    } catch (error) {
      this.failed(error);
    } finally {
      clearTimeout(timer);
      this.probing = false;
    }
  }

  private startProbe(): void {
    if (!this.options.ping || this.probe) return;
    this.probe = setInterval(() => void this.tryPing(), this.options.probeEveryMs ?? 1_000);
    this.probe.unref();
  }

  private stopProbe(): void {
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
  }
}

/**
 * `target` with every promise-returning method watched by `health`: a failure marks storage
 * down and rejects with a `StorageError`; a success marks it up. While storage is down and a
 * probe watches, calls fail at once. `close` passes through untouched, and so do argument
 * errors (a TypeError is a bug of the caller, not an outage).
 */
export function watchedBy<T extends object>(target: T, health: StorageHealth): T {
  // One wrapper per method, made on first use: appends go through here once per update.
  const wrappers = new Map<PropertyKey, (...args: unknown[]) => Promise<unknown>>();
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== 'function' || property === 'close') return value;
      const made = wrappers.get(property);
      if (made) return made;
      const wrapper = async (...args: unknown[]) => {
        if (health.failFast) throw new StorageError(new Error('storage is down'));
        try {
          const result = await value.apply(object, args);
          health.succeeded();
          return result;
        } catch (error) {
          if (error instanceof TypeError) throw error;
          health.failed(error);
          throw new StorageError(error);
        }
      };
      wrappers.set(property, wrapper);
      return wrapper;
    },
  });
}
