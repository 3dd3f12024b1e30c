import { getBezierPath, Position, ViewportPortal } from '@xyflow/react';
import { memo, type RefObject, useId, useMemo } from 'react';
import { useStore } from 'zustand';
import type { MessageKey } from '../i18n/nl';
import { useT } from '../i18n/useT';
import { useSession } from '../store/SessionContext';
import { selectMapPage, selectMapPages, selectSelectedRipples } from '../store/selectors';
import { useReadableZoom } from './detailZoom';
import { LINK_COLOR } from './LinkLayer';
import { orderLabel } from './orderLabel';
import type { MapCard } from './toCards';
import type { CardGestures, DraftStore } from './useCardGestures';

const INTENDED_MARK: Record<string, MessageKey | null> = {
  intended: 'node.intended',
  unintended: 'node.unintended',
  unknown: null,
};
const VALENCE_MARK: Record<string, { symbol: string; key: MessageKey } | null> = {
  positive: { symbol: '+', key: 'node.positive' },
  negative: { symbol: '−', key: 'node.negative' },
  mixed: { symbol: '±', key: 'node.mixed' },
  unknown: null,
};

/**
 * The ripple cards, in map coordinates (inside React Flow's viewport, which pans and zooms
 * them), with their links drawn underneath by LinkLayer.
 *
 * Not React Flow nodes: each node is a wrapper component with a dozen store subscriptions,
 * effects and its own drag handler; for 1,000 cards that was much of the board's first
 * render and a selector per card on every pan frame (bench/boardRender.ts). Here a card is
 * one memoised component that re-renders only when what it shows changes, and one set of
 * listeners on the layer handles every card's gestures (useCardGestures.ts).
 *
 * Zoomed out below DETAIL_ZOOM (detailZoom.ts), cards are drawn brief: a quarter of the
 * elements, nothing that would be too small to read.
 */
export const CardLayer = memo(function CardLayer({
  cards,
  editable,
  gestures,
  draft,
  live,
}: {
  cards: readonly MapCard[];
  /** A facilitator's board: cards can be chosen, moved, linked and deleted. */
  editable: boolean;
  gestures: CardGestures;
  draft: DraftStore;
  /** Where moves made with the keyboard are announced. */
  live: RefObject<HTMLParagraphElement | null>;
}) {
  const t = useT();
  const readable = useReadableZoom();
  const selection = useSession(selectSelectedRipples);
  const chosen = useMemo(() => new Set(selection), [selection]);
  // A projector showing the map in parts fades the cards of the other parts.
  const pages = useSession(selectMapPages);
  const page = useSession(selectMapPage);
  const shown = useMemo(() => (pages && pages.length > 1 ? new Set(pages[page]?.ids) : null), [pages, page]);
  const described = useId();
  return (
    <ViewportPortal>
      <p id={described} hidden>
        {t(editable ? 'canvas.a11y.nodeKeyboard' : 'canvas.a11y.nodeReadOnly')}
      </p>
      <p ref={live} className="visually-hidden" aria-live="polite" />
      <div className="map-cards" {...gestures}>
        {cards.map((card) => (
          <Card
            key={card.id}
            card={card}
            selected={chosen.has(card.id)}
            editable={editable}
            brief={!readable}
            otherPart={shown !== null && !shown.has(card.id)}
            described={described}
          />
        ))}
      </div>
      <ConnectionDraft draft={draft} />
    </ViewportPortal>
  );
});

/**
 * A ripple card. The code shows as a coloured, patterned stripe and a label (so it reads
 * in black-and-white print too); order, intendedness and valence as text.
 */
const Card = memo(function Card({
  card,
  selected,
  editable,
  brief,
  otherPart,
  described,
}: {
  card: MapCard;
  selected: boolean;
  editable: boolean;
  /** Zoomed out too far to read: order, code colour and pattern only. */
  brief: boolean;
  /** On another part of the map than the one the projector shows: faded. */
  otherPart: boolean;
  described: string;
}) {
  const t = useT();
  const { data } = card;
  const order = Math.min(data.order, 4);
  const intended = INTENDED_MARK[data.intended];
  const valence = VALENCE_MARK[data.valence];
  let className = 'map-card';
  if (card.draggable && editable) className += ' map-card--draggable nopan';
  if (selected) className += ' map-card--selected';
  if (card.moving) className += ' map-card--moving';
  const kindClass = `ripple-card ripple-card--order-${order}${data.kind === 'activity' ? ' ripple-card--activity' : ''}`;
  const stripe = (
    <span
      className={`code-stripe pattern--${data.codePattern ?? 'none'}`}
      style={data.codeColor ? { backgroundColor: data.codeColor } : undefined}
      aria-hidden="true"
    />
  );
  const orderText = data.kind === 'activity' ? t('node.activity') : orderLabel(t, data.order);
  if (brief) className += ' map-card--brief';
  if (otherPart) className += ' map-card--other-part';
  return (
    // biome-ignore lint/a11y/useSemanticElements: a card is a group of texts, not a form's fieldset
    <div
      className={className}
      data-id={card.id}
      role="group"
      aria-label={card.label}
      aria-describedby={described}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a card is reached with Tab and operated with keys (CardLayer's gestures)
      tabIndex={0}
      style={{
        transform: `translate(${card.position.x}px,${card.position.y}px)`,
        height: card.height,
        containIntrinsicSize: `280px ${card.height}px`,
      }}
    >
      {brief ? (
        <div className={`${kindClass} ripple-card--brief`}>
          {stripe}
          <span className={`order-badge order-badge--${order} order-badge--brief`}>{orderText}</span>
        </div>
      ) : (
        <div className={kindClass}>
          {stripe}
          {editable && <span className="map-card__handle map-card__handle--target" aria-hidden="true" />}
          <div className="ripple-card__meta">
            <span className={`order-badge order-badge--${order}`}>{orderText}</span>
            {data.codeLabel && <span className="code-label">{data.codeLabel}</span>}
            {!data.codeLabel && data.suggestedLabel && (
              <span className="code-label code-label--suggested">
                {t('node.suggested', { code: data.suggestedLabel })}
              </span>
            )}
            {intended && <span className={`mark mark--${data.intended}`}>{t(intended)}</span>}
            {valence && (
              <span className="mark mark--valence" title={t(valence.key)}>
                <span aria-hidden="true">{valence.symbol}</span>
                <span className="visually-hidden">{t(valence.key)}</span>
              </span>
            )}
            {(data.extraLabel || data.ongoing !== 'unknown') && (
              <span className="ripple-card__extra">
                {data.extraLabel && (
                  <span className="code-label code-label--extra" title={data.extraLabel}>
                    <span
                      className="code-swatch"
                      style={{ background: data.extraColor ?? undefined }}
                      aria-hidden="true"
                    />
                    {data.extraLabel}
                    {data.extraMore > 0 && ` +${data.extraMore}`}
                  </span>
                )}
                {data.ongoing !== 'unknown' && (
                  <span className={`mark mark--${data.ongoing}`}>
                    {t(data.ongoing === 'ongoing' ? 'ongoing.markOngoing' : 'ongoing.markStopped')}
                  </span>
                )}
              </span>
            )}
            {data.votes > 0 && (
              <span className="mark mark--votes">{t('node.votes', { count: data.votes })}</span>
            )}
          </div>
          <p className="ripple-card__text">{data.text}</p>
          {(data.author || data.coAuthors > 0) && (
            <p className="ripple-card__author">
              {data.author ?? t('inbox.anonymous')}
              {data.coAuthors > 0 && ` ${t('node.coAuthors', { count: data.coAuthors })}`}
            </p>
          )}
          {data.origin && <p className="ripple-card__origin">{t('node.origin', { session: data.origin })}</p>}
          {editable && selected && (
            <div className="ripple-card__actions">
              <button type="button" className="button button--small" data-action="open">
                {t('spotlight.open')}
              </button>
              <button type="button" className="button button--small" data-action="edit">
                {t('board.edit')}
              </button>
              <button type="button" className="button button--small button--danger" data-action="delete">
                {t('board.delete')}
              </button>
            </div>
          )}
          {editable && (
            <span
              className="map-card__handle map-card__handle--source nopan"
              title={t('canvas.handle')}
              aria-hidden="true"
            />
          )}
        </div>
      )}
    </div>
  );
});

/** The line being drawn from a card's handle to the pointer, until it is dropped. */
function ConnectionDraft({ draft }: { draft: DraftStore }) {
  const line = useStore(draft, (s) => s.line);
  if (!line) return null;
  const [d] = getBezierPath({
    sourceX: line.sx,
    sourceY: line.sy,
    sourcePosition: Position.Right,
    targetX: line.tx,
    targetY: line.ty,
    targetPosition: Position.Left,
  });
  return (
    <svg className="links links--draft" aria-hidden="true">
      <path d={d} fill="none" stroke={LINK_COLOR} strokeWidth={2.5} strokeDasharray="8 6" />
    </svg>
  );
}
