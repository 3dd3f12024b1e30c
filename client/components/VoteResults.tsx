import { useId, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { rankByVotes } from '../../shared/analysis/rankByVotes';
import { useT } from '../i18n/useT';
import { useSession } from '../store/SessionContext';
import { selectMapRipples, selectVotesRevealed } from '../store/selectors';
import './voteResults.css';

const PROJECTOR_RESULTS = 10;

/**
 * The revealed result of a dot vote: the ripples on the map ranked by their dots. Nothing
 * before the facilitator reveals it (counts seen while voting steer the vote).
 * Over the map (projector, presenter) it lists the first ten: more cannot be read across a room.
 */
export function VoteResults({ overlay = false }: { overlay?: boolean }) {
  const limit = overlay ? PROJECTOR_RESULTS : undefined;
  const t = useT();
  const id = useId();
  const revealed = useSession(selectVotesRevealed);
  const ripples = useSession(useShallow(selectMapRipples));
  const ranked = useMemo(() => rankByVotes(ripples).slice(0, limit), [ripples, limit]);
  if (!revealed) return null;
  return (
    <section className={overlay ? 'vote-results vote-results--overlay' : 'vote-results'} aria-labelledby={id}>
      <h2 id={id}>{t('voting.results')}</h2>
      {ranked.length === 0 ? (
        <p className="muted">{t('voting.resultsEmpty')}</p>
      ) : (
        <ol className="vote-results__list">
          {ranked.map((r) => (
            <li key={r.id} className="vote-results__item">
              <span className="vote-results__rank">
                <span aria-hidden="true">{r.rank}</span>
                <span className="visually-hidden">{t('voting.rank', { rank: r.rank })}</span>
              </span>
              <span className="vote-results__text">{r.text}</span>
              <span className="vote-results__count">{t('voting.dotCount', { count: r.votes })}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
