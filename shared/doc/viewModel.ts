import type * as Y from 'yjs';
import type { Link, Ripple, SessionMeta, Vote } from '../model/ripple';
import { readLinks, readMeta, readRippleEntry, readVotes } from './read';
import { computeOrders } from './rippleOrder';
import { roots } from './schema';
import { inTransaction, isSharedType, placeOf } from './yjsInternals';

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
  const cache = inTransaction(doc) ? null : rippleCache(doc);
  const entries: { ripple: Ripple; cached: CachedRipple | null }[] = [];
  // A phone's view holds others' ripples as plain values (shared/doc/phoneView.ts): an
  // entry that is not even an object is nobody's ripple, and cannot key the cache.
  for (const map of roots(doc).ripples.values() as IterableIterator<unknown>) {
    if (map === null || typeof map !== 'object') continue;
    let cached = cache?.get(map) ?? null;
    if (!cached) {
      cached = { ripple: readRippleEntry(map), view: null };
      cache?.set(map, cached);
    }
    if (cached.ripple) entries.push({ ripple: cached.ripple, cached });
  }
  entries.sort((a, b) => a.ripple.createdAt - b.ripple.createdAt || compareIds(a.ripple.id, b.ripple.id));
  const ripples = entries.map((e) => e.ripple);
  const onMap = new Set(ripples.filter((r) => r.status === 'accepted').map((r) => r.id));
  const links = readLinks(doc)
    .filter((l) => onMap.has(l.from) && onMap.has(l.to))
    .sort((a, b) => compareIds(a.id, b.id));
  const orders = computeOrders(onMap, links);
  const votes = readVotes(doc);
  const voteCount = new Map<string, number>();
  for (const vote of votes) voteCount.set(vote.rippleId, (voteCount.get(vote.rippleId) ?? 0) + 1);
  return {
    meta: readMeta(doc),
    ripples: entries.map(({ ripple, cached }) => {
      const order = orders.get(ripple.id) ?? 1;
      const votes = voteCount.get(ripple.id) ?? 0;
      // The same object as last time when nothing about the ripple changed, so the
      // store's shareUnchanged and memoised cards see equality at a glance.
      if (cached?.view && cached.view.order === order && cached.view.votes === votes) return cached.view;
      const view = { ...ripple, order, votes };
      if (cached) cached.view = view;
      return view;
    }),
    links,
    votes,
    pendingCount: ripples.filter((r) => r.status === 'pending').length,
  };
}

/**
 * Ids in code-unit order: the same on every screen, and a tenth of the cost of
 * `localeCompare` (a collator call per comparison, noticeable in a big map's first view).
 */
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A ripple's Y.Map parsed once, and the view last built from it. */
interface CachedRipple {
  ripple: Ripple | null;
  view: RippleView | null;
}

const caches = new WeakMap<Y.Doc, WeakMap<object, CachedRipple>>();

/**
 * Parsed ripples by their Y.Map, so a change to one ripple re-parses one ripple, not a
 * thousand (bench/boardRender.ts). A transaction drops the entries of every type it
 * changed and of their parents (a nested type inside a ripple changes its ripple), before
 * any observer can call docToView. Inside an open transaction the cache is not used.
 */
function rippleCache(doc: Y.Doc): WeakMap<object, CachedRipple> {
  let cache = caches.get(doc);
  if (cache) return cache;
  const fresh = new WeakMap<object, CachedRipple>();
  doc.on('beforeObserverCalls', (transaction) => {
    for (const type of transaction.changed.keys()) {
      for (let t: object | null = type; t; t = parentOf(t)) fresh.delete(t);
    }
  });
  caches.set(doc, fresh);
  cache = fresh;
  return cache;
}

/** The type a Y type is nested in (null for a root type). */
function parentOf(type: object): object | null {
  if (!isSharedType(type)) return null;
  const parent = placeOf(type)?.parent;
  return isSharedType(parent) ? parent : null;
}
