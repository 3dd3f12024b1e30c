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
 * - `interview` Y.Map<plain value>      the interview guide, round settings and timer, one key per
 *                                       `InterviewSettings` field (shared/model/interview.ts)
 * - `pairs`   Y.Map<plain Pair>         pair id → who interviews whom in which round
 * - `drafts`  Y.Map<plain Draft>        draft id → a ripple a pair is writing, not yet sent
 *
 * Every value below the ripple maps is a plain JSON value, so a change is always
 * "this key of this map", which keeps the server's permission check simple and exact.
 */
export const ROOTS = ['meta', 'ripples', 'links', 'votes', 'interview', 'pairs', 'drafts'] as const;
export type RootName = (typeof ROOTS)[number];

/** Bumped when the document layout changes; there is one version so far, so no migration yet. */
export const SCHEMA_VERSION = 1;

export type RippleMap = Y.Map<unknown>;

export interface DocRoots {
  meta: Y.Map<unknown>;
  ripples: Y.Map<RippleMap>;
  links: Y.Map<unknown>;
  votes: Y.Map<unknown>;
  interview: Y.Map<unknown>;
  pairs: Y.Map<unknown>;
  drafts: Y.Map<unknown>;
}

export function roots(doc: Y.Doc): DocRoots {
  return {
    meta: doc.getMap<unknown>('meta'),
    ripples: doc.getMap<RippleMap>('ripples'),
    links: doc.getMap<unknown>('links'),
    votes: doc.getMap<unknown>('votes'),
    interview: doc.getMap<unknown>('interview'),
    pairs: doc.getMap<unknown>('pairs'),
    drafts: doc.getMap<unknown>('drafts'),
  };
}

export function isRootName(name: string): name is RootName {
  return (ROOTS as readonly string[]).includes(name);
}
