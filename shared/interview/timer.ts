import type { InterviewTimer } from '../model/interview';

/** Where a round's countdown stands at one instant (server time). */
export interface TimerState {
  /** The turn running now (0-based); equals `turns` once the round is over. */
  turn: number;
  /** Milliseconds left in this turn (0 when over). */
  remainingMs: number;
  paused: boolean;
  over: boolean;
}

const lengthOf = (timer: InterviewTimer, turn: number): number => timer.turnMs + (timer.extraMs[turn] ?? 0);

/** Time the round has run at `now`: wall time since the start, less the pauses. */
export function elapsedMs(timer: InterviewTimer, now: number): number {
  const until = timer.endedAt ?? timer.pausedAt ?? now;
  return Math.max(0, until - timer.startedAt - timer.pausedMs);
}

/**
 * The countdown at `now` (server time): every screen computes it from the same stored
 * instants, so they agree to within their clock offsets.
 *
 * @example
 * timerState({ ...timer, startedAt: 0 }, 60_000); // { turn: 0, remainingMs: turnMs - 60_000, … }
 */
export function timerState(timer: InterviewTimer, now: number): TimerState {
  const paused = timer.pausedAt !== null && timer.endedAt === null;
  if (timer.endedAt !== null) return { turn: timer.turns, remainingMs: 0, paused: false, over: true };
  let left = elapsedMs(timer, now);
  for (let turn = 0; turn < timer.turns; turn++) {
    const length = lengthOf(timer, turn);
    if (left < length) return { turn, remainingMs: length - left, paused, over: false };
    left -= length;
  }
  return { turn: timer.turns, remainingMs: 0, paused: false, over: true };
}

/** A new timer for `round`, running from `now`. */
export function startTimer(round: number, turnMs: number, turns: number, now: number): InterviewTimer {
  return { round, turnMs, turns, startedAt: now, pausedAt: null, pausedMs: 0, extraMs: [], endedAt: null };
}

export function pauseTimer(timer: InterviewTimer, now: number): InterviewTimer {
  if (timer.pausedAt !== null || timer.endedAt !== null) return timer;
  return { ...timer, pausedAt: now };
}

export function resumeTimer(timer: InterviewTimer, now: number): InterviewTimer {
  if (timer.pausedAt === null) return timer;
  return { ...timer, pausedAt: null, pausedMs: timer.pausedMs + Math.max(0, now - timer.pausedAt) };
}

/** Adds `ms` to the turn running at `now` (the facilitator's "+1 minuut"). */
export function extendTimer(timer: InterviewTimer, now: number, ms: number): InterviewTimer {
  const { turn, over } = timerState(timer, now);
  if (over) return timer;
  const extraMs = [...timer.extraMs];
  while (extraMs.length <= turn) extraMs.push(0);
  extraMs[turn] = (extraMs[turn] ?? 0) + ms;
  return { ...timer, extraMs };
}

export function endTimer(timer: InterviewTimer, now: number): InterviewTimer {
  return timer.endedAt !== null ? timer : { ...timer, endedAt: now };
}

/** "6:59" from milliseconds, rounding up so the last second shows "0:01", not "0:00". */
export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
