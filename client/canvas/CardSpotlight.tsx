import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { sessionCodebook } from '../../shared/doc/sessionCodebook';
import type { RippleView } from '../../shared/doc/viewModel';
import { useLanguage } from '../i18n/language';
import type { MessageKey } from '../i18n/nl';
import { useT } from '../i18n/useT';
import { openCard } from '../store/actions';
import type { DocState } from '../store/docStore';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectMeta } from '../store/selectors';
import { codeLooks, extraCodeLooks } from './codeLook';
import { orderLabel } from './orderLabel';

const selectOwn = (s: DocState) => s.openedId;
/** What a facilitator's board shows large, for a presenter screen to show too. */
const selectFacilitators = (s: DocState) =>
  s.peers.find((p) => p.role === 'facilitator' && p.opened)?.opened ?? null;

const INTENDED: Record<string, MessageKey | null> = {
  intended: 'node.intended',
  unintended: 'node.unintended',
  unknown: null,
};
const VALENCE: Record<string, MessageKey | null> = {
  positive: 'node.positive',
  negative: 'node.negative',
  mixed: 'node.mixed',
  unknown: null,
};

/**
 * A ripple opened large over the map: its whole text in big type, its story or quote, who
 * told it, when, its codes and marks, and its dots once revealed. Opened with a click or
 * Enter on a card on the projector, or "Groot tonen" on the board; a facilitator's opened
 * card shows on the presenter screens too (awareness field `opened`). Escape or the close
 * button closes it; the focus returns to where it was.
 */
export function CardSpotlight() {
  const t = useT();
  const language = useLanguage();
  const { store, actor, awareness } = useSessionHandle();
  const own = useSession(selectOwn);
  const followed = useSession(selectFacilitators);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const fromFacilitator = actor.role === 'viewer' && followed !== dismissed ? followed : null;
  const id = own ?? fromFacilitator;
  const selectRipple = useCallback(
    (s: DocState) =>
      id ? (s.view.ripples.find((r) => r.id === id && r.status === 'accepted') ?? null) : null,
    [id],
  );
  const ripple = useSession(selectRipple);
  const meta = useSession(selectMeta);
  const headingId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);

  // A facilitator's board tells the presenter screens which card it shows large.
  useEffect(() => {
    if (actor.role === 'facilitator') awareness?.setLocalStateField('opened', own);
  }, [actor.role, awareness, own]);
  useEffect(() => {
    if (followed === null) setDismissed(null);
  }, [followed]);
  // The focus goes into the card and back where it came from.
  useEffect(() => {
    if (!ripple) return;
    const before = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => before?.focus?.();
  }, [ripple]);

  const close = () => {
    if (own) openCard(store, null);
    else setDismissed(followed);
  };
  useEffect(() => {
    if (!ripple) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        if (own) openCard(store, null);
        else setDismissed(followed);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [ripple, own, followed, store]);

  if (!ripple) return null;
  return (
    <div className="spotlight" role="dialog" aria-modal="true" aria-labelledby={headingId}>
      <article className="spotlight__card">
        <button
          ref={closeRef}
          type="button"
          className="button button--small spotlight__close"
          aria-label={t('spotlight.close')}
          onClick={close}
        >
          <span aria-hidden="true">×</span>
        </button>
        <SpotlightBody ripple={ripple} headingId={headingId} meta={meta} language={language} t={t} />
      </article>
    </div>
  );
}

function SpotlightBody({
  ripple,
  headingId,
  meta,
  language,
  t,
}: {
  ripple: RippleView;
  headingId: string;
  meta: ReturnType<typeof selectMeta>;
  language: ReturnType<typeof useLanguage>;
  t: ReturnType<typeof useT>;
}) {
  const look = ripple.code ? codeLooks(sessionCodebook(meta), language)(ripple.code) : null;
  const extras = extraCodeLooks(meta, language)(ripple.extraCodes);
  const intended = INTENDED[ripple.intended];
  const valence = VALENCE[ripple.valence];
  const authors = [
    ripple.showAuthor && ripple.authorName ? ripple.authorName : null,
    ...(ripple.coAuthors ?? []).map((a) => a.name || null),
  ];
  const named = authors.filter((a): a is string => a !== null);
  const anonymous = authors.length - named.length;
  const when = ripple.when
    ? ripple.when.kind === 'phase'
      ? (meta.phases.find((p) => p.id === ripple.when?.value)?.label ?? '')
      : ripple.when.value
    : '';
  return (
    <>
      <p className="spotlight__meta">
        <span className={`order-badge order-badge--${Math.min(ripple.order, 4)}`}>
          {ripple.kind === 'activity' ? t('node.activity') : orderLabel(t, ripple.order)}
        </span>
        {look && (
          <span className="code-label">
            <span className="code-swatch" style={{ background: look.color }} aria-hidden="true" />
            {look.label}
          </span>
        )}
        {extras.map((extra) => (
          <span key={extra.label} className="code-label code-label--extra">
            <span className="code-swatch" style={{ background: extra.color }} aria-hidden="true" />
            {extra.label}
          </span>
        ))}
        {intended && <span className={`mark mark--${ripple.intended}`}>{t(intended)}</span>}
        {valence && <span className="mark mark--valence">{t(valence)}</span>}
        {ripple.ongoing !== 'unknown' && (
          <span className={`mark mark--${ripple.ongoing}`}>
            {t(ripple.ongoing === 'ongoing' ? 'ongoing.markOngoing' : 'ongoing.markStopped')}
          </span>
        )}
        {meta.votesRevealed && ripple.votes > 0 && (
          <span className="mark mark--votes">{t('node.votes', { count: ripple.votes })}</span>
        )}
      </p>
      <h2 id={headingId} className="spotlight__text">
        {ripple.text}
      </h2>
      {ripple.story && <blockquote className="spotlight__story">{ripple.story}</blockquote>}
      <dl className="spotlight__facts">
        {(named.length > 0 || anonymous > 0) && (
          <>
            <dt>{t('spotlight.told')}</dt>
            <dd>
              {[...named, ...(anonymous > 0 ? [t('spotlight.anonymous', { count: anonymous })] : [])].join(
                ', ',
              )}
            </dd>
          </>
        )}
        {when && (
          <>
            <dt>{t('spotlight.when')}</dt>
            <dd>{when}</dd>
          </>
        )}
        {ripple.involved && (
          <>
            <dt>{t('spotlight.involved')}</dt>
            <dd>{ripple.involved}</dd>
          </>
        )}
      </dl>
    </>
  );
}
