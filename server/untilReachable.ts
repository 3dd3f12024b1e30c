import type { Logger } from './log';

export interface UntilReachableOptions {
  log: Logger;
  /** How long to keep trying, in ms (STARTUP_WAIT_MS); 0 tries once. */
  waitMs: number;
  /** How long between tries, in ms. */
  retryEveryMs?: number;
  /** An error no retry can mend (a wrong password): give up at once. */
  isFinal?: (error: unknown) => boolean;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs `attempt` until it succeeds or `waitMs` has passed. A database or Redis that starts
 * after Kringen (a host booting, a restart of both) is the normal case, not a configuration
 * error: the server says once what it waits for, and once when it is there.
 */
export async function untilReachable<T>(
  what: string,
  attempt: () => Promise<T>,
  { log, waitMs, retryEveryMs = 1_000, isFinal }: UntilReachableOptions,
): Promise<T> {
  const start = Date.now();
  let waiting = false;
  for (;;) {
    try {
      const result = await attempt();
      if (waiting) log.info(`${what} reachable after ${((Date.now() - start) / 1000).toFixed(1)} s`);
      return result;
    } catch (error) {
      const waited = Date.now() - start;
      if (isFinal?.(error) || waited + retryEveryMs > waitMs) {
        throw waiting
          ? new Error(`${what} still not reachable after ${Math.round(waited / 1000)} s: ${reasonOf(error)}`)
          : error;
      }
      if (!waiting) {
        log.warn(
          `${what} is not reachable (${reasonOf(error)}); retrying for up to ${Math.round(waitMs / 1000)} s (STARTUP_WAIT_MS)`,
        );
        waiting = true;
      }
      await new Promise((resolve) => setTimeout(resolve, retryEveryMs));
    }
  }
}
