import type { CodePattern } from '../../shared/codebooks';
import type { RippleView } from '../../shared/doc/viewModel';
import { NODE_SIZE, type RingsResult, rectUnion, type TimelineResult } from '../../shared/layouts';
import type { CodeRef, Intended, Ongoing, Position, RippleKind, Valence } from '../../shared/model/ripple';

/**
 * What a ripple card shows. Only plain values from the document: no callbacks, so a card
 * re-renders only when its data changes.
 */
export interface CardData {
  text: string;
  /** Null when the author stays anonymous or chose not to be shown. */
  author: string | null;
  /** How many more people told the same (merged duplicates). */
  coAuthors: number;
  /** The session the ripple was first mapped in ("title, YYYY-MM-DD"), when it came from another one. */
  origin: string | null;
  order: number;
  kind: RippleKind;
  intended: Intended;
  valence: Valence;
  codeLabel: string | null;
  codeColor: string | null;
  codePattern: CodePattern | null;
  /** The classifier's suggestion while no code is confirmed. */
  suggestedLabel: string | null;
  /**
   * The first further code (the second codebook's first), with the label and colour of
   * the codebook it came from, and how many more there are. Plain values, so an unchanged
   * card keeps its object.
   */
  extraLabel: string | null;
  extraColor: string | null;
  extraMore: number;
  ongoing: Ongoing;
  /** Dots on this ripple; 0 until the facilitator reveals the vote, so counts never steer it. */
  votes: number;
}

/** A card on the map: where it is and what it shows, plus a drag in progress. */
export interface MapCard {
  id: string;
  /** Top-left corner, in map coordinates. */
  position: Position;
  /** How tall the card is (cardSize.ts: as tall as its words need, at least NODE_SIZE.height). */
  height: number;
  /** What a screen reader says for the card (its order and text). */
  label: string;
  draggable: boolean;
  /** Set while a hand or the arrow keys move the card: its place is this screen's until dropped. */
  moving?: boolean;
  data: CardData;
}

export interface CodeLook {
  label: string;
  color: string;
  pattern: CodePattern;
}

export function toMapCards(
  ripples: readonly RippleView[],
  positions: ReadonlyMap<string, Position>,
  codeLook: (code: string) => CodeLook | null,
  describe: (ripple: RippleView) => string,
  draggable: boolean,
  votesRevealed: boolean,
  extraLooks: (codes: readonly CodeRef[]) => CodeLook[],
): MapCard[] {
  return ripples.map((ripple) => {
    const extras = ripple.extraCodes.length > 0 ? extraLooks(ripple.extraCodes) : [];
    const look = ripple.code ? codeLook(ripple.code) : null;
    const suggested = !ripple.code && ripple.suggestedCode ? codeLook(ripple.suggestedCode) : null;
    return {
      id: ripple.id,
      position: positions.get(ripple.id) ?? { x: 0, y: 0 },
      height: NODE_SIZE.height,
      label: describe(ripple),
      draggable,
      data: {
        text: ripple.text,
        author: ripple.showAuthor && ripple.authorName ? ripple.authorName : null,
        coAuthors: ripple.coAuthors?.length ?? 0,
        origin: ripple.origin ? `${ripple.origin.title}, ${ripple.origin.date}` : null,
        order: ripple.order,
        kind: ripple.kind,
        intended: ripple.intended,
        valence: ripple.valence,
        codeLabel: look?.label ?? null,
        codeColor: look?.color ?? null,
        codePattern: look?.pattern ?? null,
        suggestedLabel: suggested?.label ?? null,
        votes: votesRevealed ? ripple.votes : 0,
        extraLabel: extras[0]?.label ?? null,
        extraColor: extras[0]?.color ?? null,
        extraMore: Math.max(0, extras.length - 1),
        ongoing: ripple.ongoing,
      },
    };
  });
}

/**
 * Carries a move in progress over to freshly derived cards, and keeps the previous
 * object when nothing it shows changed, so memoised cards do not re-render.
 */
export function mergeCards(prev: readonly MapCard[], next: readonly MapCard[]): MapCard[] {
  const byId = new Map(prev.map((node) => [node.id, node]));
  let changed = prev.length !== next.length;
  const out = next.map((node, index) => {
    const old = byId.get(node.id);
    if (!old) {
      changed = true;
      return node;
    }
    const position = old.moving ? old.position : node.position;
    const same =
      old.height === node.height &&
      old.position.x === position.x &&
      old.position.y === position.y &&
      old.label === node.label &&
      old.draggable === node.draggable &&
      sameData(old.data, node.data);
    if (same) {
      if (prev[index] !== old) changed = true;
      return old;
    }
    changed = true;
    return {
      ...old,
      position,
      height: node.height,
      label: node.label,
      draggable: node.draggable,
      data: node.data,
    };
  });
  return changed ? out : (prev as MapCard[]);
}

function sameData(a: CardData, b: CardData): boolean {
  for (const key of Object.keys(b) as (keyof CardData)[]) if (a[key] !== b[key]) return false;
  return true;
}

/** The rectangle the cards cover (map coordinates), or null for an empty map. */
export function cardBounds(
  cards: readonly MapCard[],
): { x: number; y: number; width: number; height: number } | null {
  if (cards.length === 0) return null;
  let left = Number.POSITIVE_INFINITY;
  let top = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  let bottom = Number.NEGATIVE_INFINITY;
  for (const { position, height } of cards) {
    left = Math.min(left, position.x);
    top = Math.min(top, position.y);
    right = Math.max(right, position.x + NODE_SIZE.width);
    bottom = Math.max(bottom, position.y + height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The cards at their places in the layout, each as tall as `heights` says. */
export function placeCards(
  cards: readonly MapCard[],
  positions: ReadonlyMap<string, Position>,
  heights: ReadonlyMap<string, number>,
): MapCard[] {
  return cards.map((card) => ({
    ...card,
    position: positions.get(card.id) ?? card.position,
    height: heights.get(card.id) ?? card.height,
  }));
}

type Extent = { x: number; y: number; width: number; height: number };

const union = rectUnion;

/**
 * What "fit to content" frames: the cards and what the layout draws around them (the
 * rings with their sector and order names; the timeline's axis labels, phase bands, lanes
 * and tray), so nothing of the picture is cut at the screen's edge. LayoutBackdrop draws
 * the timeline's month labels up to 110 units above the axis.
 */
export function layoutBounds(
  cards: readonly MapCard[],
  layout:
    | { kind: 'free' }
    | { kind: 'timeline'; timeline: TimelineResult }
    | { kind: 'rings'; rings: RingsResult },
): Extent | null {
  const own = cardBounds(cards);
  if (!own || layout.kind === 'free') return own;
  if (layout.kind === 'rings') return union(own, layout.rings.bounds);
  // The timeline: the month labels above the cards and the tray when it holds cards, not
  // the whole span of the axis (a young map would be framed too small to read).
  const { axis, tray } = layout.timeline;
  const box = tray.ids.length > 0 ? union(own, tray) : own;
  return union(box, { x: box.x, y: axis.y - 110, width: box.width, height: 1 });
}
