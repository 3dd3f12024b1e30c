import { type Rect, rectUnion } from './geometry';

/** A card as the pages see it: its box, and the group it is read with (a rings sector). */
export interface PageCard extends Rect {
  id: string;
  group: string;
}

/** One part of the map shown whole at once: its cards, and the rectangle that frames them. */
export interface MapPage {
  ids: string[];
  /** The group its cards belong to (a rings sector's code), or null where there are none. */
  group: string | null;
  bounds: Rect;
}

const union = rectUnion;
const fits = (r: Rect, window: { width: number; height: number }) =>
  r.width <= window.width && r.height <= window.height;

/**
 * The map in parts a screen can show at reading size: when the whole map (`whole`) does
 * not fit in `window` (the screen's size in map units at the smallest readable zoom), each
 * part starts with the first card (in `cards`' order) not shown yet and takes every later
 * card of its group that fits in the window with it; a group's `labels` box (a sector's
 * name) joins its first part when it fits too. One page, framing `whole`, when
 * everything fits.
 *
 * @example
 * mapPages(cards, { width: 1250, height: 860 }, bounds);
 * // [{ ids: ['a', 'b', 'c'], group: 'needs', bounds: … }, { ids: ['d', 'e'], group: 'needs', … }, …]
 */
export function mapPages(
  cards: readonly PageCard[],
  window: { width: number; height: number },
  whole: Rect,
  labels: ReadonlyMap<string, Rect> = new Map(),
): MapPage[] {
  if (cards.length === 0 || fits(whole, window))
    return [{ ids: cards.map((c) => c.id), group: null, bounds: whole }];
  const pages: MapPage[] = [];
  const left = [...cards];
  while (left.length > 0) {
    const first = left.shift() as PageCard;
    const label = pages.at(-1)?.group === first.group ? undefined : labels.get(first.group);
    const box: Rect = { x: first.x, y: first.y, width: first.width, height: first.height };
    const page: MapPage = {
      ids: [first.id],
      group: first.group,
      bounds: label && fits(union(box, label), window) ? union(box, label) : box,
    };
    // Every later card of the group that fits with the ones taken joins the page.
    for (let i = 0; i < left.length; i++) {
      const card = left[i] as PageCard;
      if (card.group !== first.group || !fits(union(page.bounds, card), window)) continue;
      page.ids.push(card.id);
      page.bounds = union(page.bounds, card);
      left.splice(i--, 1);
    }
    pages.push(page);
  }
  return pages;
}
