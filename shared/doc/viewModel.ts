import type * as Y from 'yjs';
import type { Link, Ripple, SessionMeta, Vote } from '../model/ripple';
import { readLinks, readMeta, readRipples, readVotes } from './read';
import { computeOrders } from './rippleOrder';

export interface RippleView extends Ripple {
  /** 1 for a direct effect of the programme, 2 for an effect of that, … Only meaningful on the map. */
  order: number;
  /** Dots placed on this ripple. */
  votes: number;
}

/** Everything a screen shows, derived from the document alone. */
export interface SessionView {
  meta: SessionMeta;
  /** Ripples in the order they were added. */
  ripples: RippleView[];
  /** Links whose both ends are on the map. */
  links: Link[];
  votes: Vote[];
  pendingCount: number;
}

/**
 * A pure projection of a session document into what screens draw. Order counts only
 * accepted ripples and their links, because that is the map the group sees.
 */
export function docToView(doc: Y.Doc): SessionView {
  const ripples = readRipples(doc).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const onMap = new Set(ripples.filter((r) => r.status === 'accepted').map((r) => r.id));
  const links = readLinks(doc)
    .filter((l) => onMap.has(l.from) && onMap.has(l.to))
    .sort((a, b) => a.id.localeCompare(b.id));
  const orders = computeOrders(onMap, links);
  const votes = readVotes(doc);
  const voteCount = new Map<string, number>();
  for (const vote of votes) voteCount.set(vote.rippleId, (voteCount.get(vote.rippleId) ?? 0) + 1);
  return {
    meta: readMeta(doc),
    ripples: ripples.map((r) => ({ ...r, order: orders.get(r.id) ?? 1, votes: voteCount.get(r.id) ?? 0 })),
    links,
    votes,
    pendingCount: ripples.filter((r) => r.status === 'pending').length,
  };
}
