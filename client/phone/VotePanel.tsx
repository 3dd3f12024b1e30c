import { memo, useCallback, useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { castVote, withdrawVote } from '../../shared/doc/commands';
import type { RippleView } from '../../shared/doc/viewModel';
import { LIMITS } from '../../shared/model/limits';
import { VoteResults } from '../components/VoteResults';
import { commandErrorKey } from '../i18n/errorText';
import { useT } from '../i18n/useT';
import { showNotice } from '../store/actions';
import type { DocState } from '../store/docStore';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectMapRipples, selectMeta } from '../store/selectors';

/** For useShallow: the ripple under each of this voter's dots (a ripple twice for two dots). */
const selectMyDots = (s: DocState, voterId: string): string[] =>
  s.view.votes.filter((v) => v.voterId === voterId).map((v) => v.rippleId);

/**
 * Dot-voting in the reflection round: a participant puts their dots (as many as the
 * facilitator set) on the ripples they find most significant, and can take one back to put
 * it elsewhere until voting closes. Nobody sees totals while voting; after the facilitator
 * reveals them, this tab shows the ripples ranked by their dots.
 */
export function VotePanel() {
  const t = useT();
  const id = useId();
  const { actor } = useSessionHandle();
  const meta = useSession(selectMeta);
  const ripples = useSession(useShallow(selectMapRipples));
  const mine = useSession(useShallow(useCallback((s: DocState) => selectMyDots(s, actor.id), [actor.id])));
  const total = Math.min(meta.dotsPerParticipant, LIMITS.maxDots);
  const left = Math.max(0, total - mine.length);

  return (
    <section className="vote" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('phone.vote.heading')}</h2>
      {meta.votesRevealed ? (
        <VoteResults />
      ) : !meta.votingOpen ? (
        <p className="muted">{t('phone.vote.closed')}</p>
      ) : (
        <>
          <p>{t('phone.vote.intro')}</p>
          <p className="vote__left" role="status">
            <span className="vote__dots" aria-hidden="true">
              {'●'.repeat(left)}
              <span className="vote__dots-used">{'○'.repeat(total - left)}</span>
            </span>{' '}
            {left > 0 ? t('phone.vote.left', { left, total }) : t('phone.vote.noneLeft')}
          </p>
          {ripples.length === 0 ? (
            <p className="muted">{t('phone.vote.empty')}</p>
          ) : (
            <ul className="vote__list">
              {ripples.map((ripple) => (
                <VoteItem
                  key={ripple.id}
                  ripple={ripple}
                  dots={mine.filter((r) => r === ripple.id).length}
                  canAdd={left > 0}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

const VoteItem = memo(function VoteItem({
  ripple,
  dots,
  canAdd,
}: {
  ripple: RippleView;
  dots: number;
  canAdd: boolean;
}) {
  const t = useT();
  const id = useId();
  const { doc, actor, store } = useSessionHandle();
  const run = (result: ReturnType<typeof castVote>) => {
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
  };
  return (
    <li className={`vote-item${dots > 0 ? ' vote-item--chosen' : ''}`}>
      <p className="vote-item__text" id={`${id}-text`}>
        {ripple.text}
      </p>
      <p className="vote-item__mine">
        <span aria-hidden="true">{'●'.repeat(dots)} </span>
        {t('phone.vote.mine', { count: dots })}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          aria-describedby={`${id}-text`}
          disabled={!canAdd}
          onClick={() => run(castVote(doc, actor, ripple.id))}
        >
          {t('phone.vote.put')}
        </button>
        {dots > 0 && (
          <button
            type="button"
            className="button"
            aria-describedby={`${id}-text`}
            onClick={() => run(withdrawVote(doc, actor, ripple.id))}
          >
            {t('phone.vote.remove')}
          </button>
        )}
      </div>
    </li>
  );
});
