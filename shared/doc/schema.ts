import type * as Y from 'yjs';

/**
 * The layout of a session's Y.Doc. One document per session:
 *
 * - `meta`    Y.Map<plain value>        session meta and settings, one key per `SessionMeta` field
 * - `ripples` Y.Map<Y.Map<plain value>> ripple id → one Y.Map per ripple, one key per `Ripple` field
 *                                       that differs from its default (a missing key reads as
 *                                       `RIPPLE_DEFAULTS` in `parse.ts`)
 * - `links`   Y.Map<plain Link>         `${from}->${to}` → { from, to, createdAt }
 * - `votes`   Y.Map<string>             `${voterId}:${slot}` → ripple id
 *
 * Every value below the ripple maps is a plain JSON value, so a change is always
 * "this key of this map", which keeps the server's permission check simple and exact.
 */
export const ROOTS = ['meta', 'ripples', 'links', 'votes'] as const;
export type RootName = (typeof ROOTS)[number];

/** Bumped when the document layout changes; there is one version so far, so no migration yet. */
export const SCHEMA_VERSION = 1;

export type RippleMap = Y.Map<unknown>;

export interface DocRoots {
  meta: Y.Map<unknown>;
  ripples: Y.Map<RippleMap>;
  links: Y.Map<unknown>;
  votes: Y.Map<unknown>;
}

export function roots(doc: Y.Doc): DocRoots {
  return {
    meta: doc.getMap<unknown>('meta'),
    ripples: doc.getMap<RippleMap>('ripples'),
    links: doc.getMap<unknown>('links'),
    votes: doc.getMap<unknown>('votes'),
  };
}

export function isRootName(name: string): name is RootName {
  return (ROOTS as readonly string[]).includes(name);
}
