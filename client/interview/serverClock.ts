import { useEffect, useState } from 'react';

/**
 * The server's clock as this screen sees it. The interviews' timer stores its instants in
 * server time, so a phone whose own clock is minutes off still counts down with the room:
 * `GET /api/time` is asked a few times and the answer with the shortest round trip is
 * taken, halfway through it (the usual NTP estimate).
 */
let offsetMs = 0;
let measured: Promise<void> | null = null;

/** Milliseconds since the epoch on the server's clock (this screen's clock until measured). */
export const serverNow = (): number => Date.now() + offsetMs;

async function sample(): Promise<{ offset: number; roundTrip: number } | null> {
  const sent = Date.now();
  const response = await fetch('/api/time', { cache: 'no-store' });
  const received = Date.now();
  if (!response.ok) return null;
  const body = (await response.json()) as { now?: unknown };
  if (typeof body.now !== 'number' || !Number.isFinite(body.now)) return null;
  return { offset: body.now + (received - sent) / 2 - received, roundTrip: received - sent };
}

/** Measures the offset once per page (again after a failure); resolves when it is known. */
export function measureServerClock(): Promise<void> {
  measured ??= (async () => {
    let best: { offset: number; roundTrip: number } | null = null;
    for (let i = 0; i < 3; i++) {
      const next = await sample().catch(() => null);
      if (next && (!best || next.roundTrip < best.roundTrip)) best = next;
    }
    if (best) offsetMs = best.offset;
    else measured = null;
  })();
  return measured;
}

/** Server time, renewed every `everyMs` while the component is shown. */
export function useServerNow(everyMs = 250): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    let stopped = false;
    void measureServerClock().then(() => {
      if (!stopped) setNow(serverNow());
    });
    const timer = setInterval(() => setNow(serverNow()), everyMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [everyMs]);
  return now;
}
