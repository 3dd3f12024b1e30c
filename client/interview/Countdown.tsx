import { formatCountdown } from '../../shared/interview/timer';
import type { InterviewT } from './useInterviewT';
import type { RoundClock } from './useRoundClock';

/**
 * The round's time left, large, the same on every screen: "6:59", the turn, and "Wissel van
 * rol" at the switch. The figure is a timer (not a live region): screen readers are told
 * the switch, not every second.
 */
export function Countdown({
  clock,
  t,
  large = false,
}: {
  clock: RoundClock;
  t: InterviewT;
  large?: boolean;
}) {
  const { state } = clock;
  return (
    <div className={large ? 'countdown countdown--large' : 'countdown'}>
      {state === null ? (
        <p className="countdown__waiting">{t('iv.timerWaiting')}</p>
      ) : (
        <>
          <p className="countdown__label">
            {state.over ? t('iv.timeUp') : t('iv.timer')}
            {!state.over && <span> · {t('iv.turn', { turn: clock.turn + 1, turns: clock.turns })}</span>}
          </p>
          <p className="countdown__time" role="timer" aria-label={t('iv.timer')} data-testid="countdown">
            {formatCountdown(state.remainingMs)}
          </p>
          {state.paused && <p className="countdown__paused">{t('iv.paused')}</p>}
        </>
      )}
      <p className="countdown__switch" role="status">
        {clock.switching ? t('iv.switch') : ''}
      </p>
    </div>
  );
}
