import { describe, expect, it } from 'vitest';
import {
  endTimer,
  extendTimer,
  formatCountdown,
  pauseTimer,
  resumeTimer,
  startTimer,
  timerState,
} from '../../../shared/interview/timer';

const MIN = 60_000;

describe('the shared interview timer', () => {
  const timer = startTimer(1, 7 * MIN, 2, 1_000_000);

  it('counts down a turn, switches roles at its end and is over after the last', () => {
    expect(timerState(timer, 1_000_000 + MIN)).toEqual({
      turn: 0,
      remainingMs: 6 * MIN,
      paused: false,
      over: false,
    });
    expect(timerState(timer, 1_000_000 + 7 * MIN).turn).toBe(1);
    expect(timerState(timer, 1_000_000 + 14 * MIN).over).toBe(true);
  });

  it('stands still while paused and continues where it was', () => {
    const paused = pauseTimer(timer, 1_000_000 + MIN);
    expect(timerState(paused, 1_000_000 + 5 * MIN)).toMatchObject({ remainingMs: 6 * MIN, paused: true });
    const resumed = resumeTimer(paused, 1_000_000 + 5 * MIN);
    expect(timerState(resumed, 1_000_000 + 6 * MIN).remainingMs).toBe(5 * MIN);
  });

  it('adds a minute to the turn running, which moves the switch', () => {
    const longer = extendTimer(timer, 1_000_000 + MIN, MIN);
    expect(timerState(longer, 1_000_000 + MIN).remainingMs).toBe(7 * MIN);
    expect(timerState(longer, 1_000_000 + 7 * MIN).turn).toBe(0);
    expect(timerState(longer, 1_000_000 + 8 * MIN).turn).toBe(1);
  });

  it('ends early when the facilitator ends the round', () => {
    expect(timerState(endTimer(timer, 1_000_000 + MIN), 1_000_000 + 2 * MIN).over).toBe(true);
  });

  it('shows minutes and seconds, the last second as 0:01', () => {
    expect(formatCountdown(7 * MIN)).toBe('7:00');
    expect(formatCountdown(61_500)).toBe('1:02');
    expect(formatCountdown(1)).toBe('0:01');
  });
});
