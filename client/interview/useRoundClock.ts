import { type TimerState, timerState } from '../../shared/interview/timer';
import type { InterviewSettings } from '../../shared/model/interview';
import { useServerNow } from './serverClock';

/** How long "Wissel van rol" stays up after a switch. */
export const SWITCH_NOTICE_MS = 10_000;

export interface RoundClock {
  /** The countdown of this round, or null before the facilitator starts it. */
  state: TimerState | null;
  /** The turn whose roles hold now (the last one once the round is over). */
  turn: number;
  turns: number;
  /** Whether the roles just switched (shown as "Wissel van rol" on every screen at once). */
  switching: boolean;
}

/** The round's countdown in server time, renewed four times a second. */
export function useRoundClock(settings: InterviewSettings): RoundClock {
  const now = useServerNow();
  const timer = settings.timer && settings.timer.round === settings.round ? settings.timer : null;
  if (!timer) return { state: null, turn: 0, turns: settings.turns, switching: false };
  const state = timerState(timer, now);
  const turn = Math.min(state.turn, timer.turns - 1);
  const length = timer.turnMs + (timer.extraMs[state.turn] ?? 0);
  const switching = !state.over && state.turn > 0 && length - state.remainingMs < SWITCH_NOTICE_MS;
  return { state, turn, turns: timer.turns, switching };
}
