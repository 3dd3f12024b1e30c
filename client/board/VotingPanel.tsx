import { useId, useState } from 'react';
import { clearVotes, closeVoting, openVoting, revealVotes } from '../../shared/doc/commands';
import { LIMITS } from '../../shared/model/limits';
import { VoteResults } from '../components/VoteResults';
import { commandErrorKey } from '../i18n/errorText';
import { useT } from '../i18n/useT';
import { openPanel, showNotice } from '../store/actions';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectDotsCast, selectMeta } from '../store/selectors';

type VoteStage = 'idle' | 'open' | 'closed' | 'revealed';

/**
 * The facilitator runs a dot vote in four separate steps: set the dots and open, close,
 * reveal. While it is open the board shows only how many dots were placed in all, never
 * per ripple; the ranked result appears on every screen only after "Uitslag tonen".
 */
export function VotingPanel() {
  const t = useT();
  const id = useId();
  const { doc, actor, store } = useSessionHandle();
  const meta = useSession(selectMeta);
  const cast = useSession(selectDotsCast);
  const [dots, setDots] = useState(meta.dotsPerParticipant || 3);
  const stage: VoteStage = meta.votingOpen
    ? 'open'
    : meta.votesRevealed
      ? 'revealed'
      : cast > 0
        ? 'closed'
        : 'idle';
  const closed = meta.sessionPhase === 'closed';
  const dotsValid = Number.isInteger(dots) && dots >= 1 && dots <= LIMITS.dotsOffered;

  function run(result: ReturnType<typeof openVoting>) {
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
  }

  return (
    <section className="side-panel voting-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('voting.heading')}</h2>
      <p className="muted">{t('voting.intro')}</p>
      <p role="status" className="voting-panel__status">
        {t(`voting.status.${stage}`, { count: cast })}
      </p>
      {stage !== 'open' && (
        <label className="field">
          <span className="field__label">{t('voting.dots')}</span>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={LIMITS.dotsOffered}
            value={dots}
            aria-invalid={!dotsValid}
            onChange={(e) => setDots(Number(e.target.value))}
          />
          <span className={dotsValid ? 'field__hint' : 'form-error'} role={dotsValid ? undefined : 'alert'}>
            {t('voting.dotsHint')}
          </span>
        </label>
      )}
      <div className="button-row">
        {stage === 'open' ? (
          <button
            type="button"
            className="button button--primary"
            onClick={() => run(closeVoting(doc, actor))}
          >
            {t('voting.close')}
          </button>
        ) : (
          <button
            type="button"
            className={stage === 'idle' ? 'button button--primary' : 'button'}
            disabled={closed || !dotsValid}
            onClick={() => run(openVoting(doc, actor, dots))}
          >
            {t('voting.open')}
          </button>
        )}
        {stage === 'closed' && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => run(revealVotes(doc, actor))}
          >
            {t('voting.reveal')}
          </button>
        )}
        {stage === 'revealed' && (
          <button type="button" className="button" onClick={() => run(revealVotes(doc, actor, false))}>
            {t('voting.hide')}
          </button>
        )}
      </div>
      <VoteResults />
      <div className="button-row">
        {stage !== 'open' && cast > 0 && (
          <button
            type="button"
            className="button button--small button--danger"
            disabled={closed}
            onClick={() => {
              if (window.confirm(t('voting.clearConfirm'))) run(clearVotes(doc, actor));
            }}
          >
            {t('voting.clear')}
          </button>
        )}
        <button type="button" className="button button--small" onClick={() => openPanel(store, 'inbox')}>
          {t('common.close')}
        </button>
      </div>
    </section>
  );
}
