/**
 * One clock for every process of a bench run. A phone and its facilitator may live in
 * different generator processes, so a ripple carries its send time (in its `createdAt`,
 * which the schema allows to be any finite number) and the facilitator subtracts it from
 * its own reading of the same clock.
 *
 * The clock is CLOCK_MONOTONIC (`process.hrtime`), which every process on one Linux
 * machine shares exactly, shifted by an anchor the parent takes once and hands to every
 * worker, so readings look like `Date.now()` (a ripple's createdAt stays plausible) but
 * never jump with NTP and agree between processes to the nanosecond.
 */
export interface ClockAnchor {
  wallMs: number;
  monoMs: number;
}

const monoMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export function takeAnchor(): ClockAnchor {
  return { wallMs: Date.now(), monoMs: monoMs() };
}

/** Milliseconds (with a fraction) on the run's shared clock. */
export function clockFrom(anchor: ClockAnchor): () => number {
  const offset = anchor.wallMs - anchor.monoMs;
  return () => monoMs() + offset;
}
