import type { Logger } from '../log';
import { type DeleteDeps, deleteSession } from './deleteSession';

const DAY_MS = 24 * 3600_000;
const SWEEP_EVERY_MS = 3600_000;

export interface RetentionDeps extends DeleteDeps {
  log: Logger;
  now?: () => number;
}

/**
 * RETENTION_DAYS: sessions nobody has touched for that many days are deleted by the server
 * itself, at start-up and then every hour. Touched means written to (any change to the
 * map) or created; a session someone is connected to is never deleted. Returns a function
 * that stops the sweeps.
 */
export function startRetention(deps: RetentionDeps, days: number): () => void {
  const now = deps.now ?? Date.now;
  let sweeping = false;
  const sweep = async () => {
    const before = now() - days * DAY_MS;
    for (const session of await deps.sessions.list()) {
      if (session.createdAt >= before || (await deps.rooms.inUse(session.id))) continue;
      const lastWrite = (await deps.store.lastWrite(session.id)) ?? 0;
      if (lastWrite >= before) continue;
      await deleteSession(deps, session.id);
      const since = new Date(Math.max(session.createdAt, lastWrite)).toISOString().slice(0, 10);
      deps.log.info(
        `retention: session=${session.id} deleted, untouched since ${since} (RETENTION_DAYS=${days})`,
      );
    }
  };
  const run = () => {
    // One sweep at a time; a sweep that meets a storage outage tries again next hour
    // (StorageHealth has said that storage is down).
    if (sweeping) return;
    sweeping = true;
    void sweep()
      .catch(() => undefined)
      .finally(() => {
        sweeping = false;
      });
  };
  run();
  const timer = setInterval(run, SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
