import type { Codebook } from '../../shared/codebooks';
import type { RippleView } from '../../shared/doc/viewModel';
import { type CardChip, type CardContent, cardHeight } from '../../shared/layouts';
import type { Language, SessionMeta } from '../../shared/model/ripple';
import type { Translate } from '../i18n/useT';
import { codeLooks, extraCodeLooks } from './codeLook';
import { orderLabel } from './orderLabel';
import { type CardData, type MapCard, toMapCards } from './toCards';

/** The colour swatch before a further code's label and its margin (canvas.css `.code-swatch`). */
const SWATCH = 14.4;
/** A valence mark is at least 1.6 rem wide (canvas.css `.mark--valence`). */
const VALENCE_MIN = 25.6;

/**
 * The words a card shows, chip by chip, as CardLayer draws them: what cardHeight needs to
 * size the card. Kept beside CardLayer's markup: a chip added there is added here.
 */
export function cardContent(data: CardData, t: Translate): CardContent {
  const chips: CardChip[] = [
    { text: data.kind === 'activity' ? t('node.activity') : orderLabel(t, data.order) },
  ];
  if (data.codeLabel) chips.push({ text: data.codeLabel });
  else if (data.suggestedLabel) chips.push({ text: t('node.suggested', { code: data.suggestedLabel }) });
  if (data.intended === 'intended') chips.push({ text: t('node.intended') });
  if (data.intended === 'unintended') chips.push({ text: t('node.unintended') });
  if (data.valence !== 'unknown') chips.push({ text: '±', extraWidth: VALENCE_MIN });
  if (data.extraLabel)
    chips.push({
      text: data.extraMore > 0 ? `${data.extraLabel} +${data.extraMore}` : data.extraLabel,
      extraWidth: SWATCH,
    });
  if (data.ongoing !== 'unknown')
    chips.push({ text: t(data.ongoing === 'ongoing' ? 'ongoing.markOngoing' : 'ongoing.markStopped') });
  if (data.votes > 0) chips.push({ text: t('node.votes', { count: data.votes }) });
  const author =
    data.author || data.coAuthors > 0
      ? `${data.author ?? t('inbox.anonymous')}${data.coAuthors > 0 ? ` ${t('node.coAuthors', { count: data.coAuthors })}` : ''}`
      : null;
  return {
    text: data.text,
    chips,
    author,
    origin: data.origin ? t('node.origin', { session: data.origin }) : null,
  };
}

/** Computed heights by the card's words: most cards keep theirs from one change to the next. */
const cache = new Map<string, number>();
const CACHE_LIMIT = 4000;

/** Each card's height (cardSize.ts), by ripple id. */
export function cardHeights(cards: readonly MapCard[], t: Translate): Map<string, number> {
  const heights = new Map<string, number>();
  for (const card of cards) {
    const content = cardContent(card.data, t);
    const key = JSON.stringify(content);
    let height = cache.get(key);
    if (height === undefined) {
      height = cardHeight(content);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(key, height);
    }
    heights.set(card.id, height);
  }
  return heights;
}

/**
 * Each ripple's card height as the board draws it, for whoever lays out the map away from
 * the board (the picture export), so its layout matches the board's.
 */
export function rippleCardHeights(
  ripples: readonly RippleView[],
  meta: SessionMeta,
  codebook: Codebook,
  language: Language,
  t: Translate,
): Map<string, number> {
  const cards = toMapCards(
    ripples,
    new Map(),
    codeLooks(codebook, language),
    () => '',
    false,
    meta.votesRevealed,
    extraCodeLooks(meta, language),
  );
  return cardHeights(cards, t);
}
