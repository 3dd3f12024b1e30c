import type { Codebook } from '../codebooks/types';
import type { InterviewMarker } from './interview';

/**
 * The REM domain as plain data: what a ripple, a link, a vote and a session carry.
 * These are the parsed, trusted shapes; `shared/doc/parse.ts` turns untrusted document
 * content into them. The REM terms, in English and Dutch: docs/glossary.md.
 */

export const ROLES = ['facilitator', 'participant', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting. `id` is the participant id for phones, a fixed id for facilitators and viewers. */
export interface Actor {
  role: Role;
  id: string;
}

export const RIPPLE_KINDS = ['effect', 'activity'] as const;
export type RippleKind = (typeof RIPPLE_KINDS)[number];

export const INTENDED_VALUES = ['intended', 'unintended', 'unknown'] as const;
export type Intended = (typeof INTENDED_VALUES)[number];

export const VALENCES = ['positive', 'negative', 'mixed', 'unknown'] as const;
export type Valence = (typeof VALENCES)[number];

export const ONGOING_VALUES = ['ongoing', 'stopped', 'unknown'] as const;
export type Ongoing = (typeof ONGOING_VALUES)[number];

/** pending: sent from a phone, waiting in the inbox; accepted: on the map; hidden: set aside by the facilitator. */
export const RIPPLE_STATUSES = ['pending', 'accepted', 'hidden'] as const;
export type RippleStatus = (typeof RIPPLE_STATUSES)[number];

/** When a ripple happened: a day, a month, or one of the session's phases. */
export type RippleWhen =
  | { kind: 'date'; value: string } // YYYY-MM-DD
  | { kind: 'month'; value: string } // YYYY-MM
  | { kind: 'phase'; value: string }; // phase id

export interface Position {
  x: number;
  y: number;
}

/** A code from a second codebook (e.g. borging strategies), kept apart from the primary code. */
export interface CodeRef {
  codebook: string;
  code: string;
}

export interface Ripple {
  id: string;
  text: string;
  /** An optional story or quote behind the ripple. */
  story: string;
  kind: RippleKind;
  authorId: string;
  /** Empty when the author stays anonymous. */
  authorName: string;
  /** Whether the board shows the author's name next to the ripple. */
  showAuthor: boolean;
  /** Who was involved or affected: a role or organisation, never a person's name. */
  involved: string;
  createdAt: number;
  updatedAt: number;
  when: RippleWhen | null;
  intended: Intended;
  valence: Valence;
  ongoing: Ongoing;
  /** The classifier's suggestion; kept apart from the confirmed code. */
  suggestedCode: string | null;
  /** The confirmed primary code from the session's codebook. */
  code: string | null;
  /** Further confirmed codes, possibly from a second codebook. */
  extraCodes: CodeRef[];
  status: RippleStatus;
  position: Position | null;
  /** Causes a participant proposed from the phone; the facilitator turns them into links. */
  proposedCauses: string[];
  /**
   * Authors of duplicates the facilitator merged into this ripple (`mergeRipples`), so
   * nobody's contribution disappears. Absent in older documents: the parser fills in `[]`
   * (optional here so ripples built by hand elsewhere need not name it).
   */
  coAuthors?: CoAuthor[];
  /**
   * The session this ripple was first mapped in, when it came into this one from another
   * ("Doorgaan in een nieuwe sessie", "Sessies samenvoegen"); null for a ripple made here.
   * Absent in older documents.
   */
  origin?: RippleOrigin | null;
  /**
   * Set when the ripple came from an interview in pairs: the pair, and whether the teller
   * sent it or the asker did with the teller's agreement. Absent in older documents.
   */
  interview?: InterviewMarker | null;
}

/** Where a ripple was first mapped: that session's title and the day it was held. */
export interface RippleOrigin {
  title: string;
  /** YYYY-MM-DD */
  date: string;
}

/** Someone whose duplicate ripple was merged into another one. */
export interface CoAuthor {
  id: string;
  /** Empty when anonymous. */
  name: string;
}

/** "from led to to". The id is derived from both ends so concurrent duplicates collapse. */
export interface Link {
  id: string;
  from: string;
  to: string;
  createdAt: number;
}

export interface Phase {
  id: string;
  label: string;
  /** YYYY-MM, optional */
  start: string | null;
  end: string | null;
}

export const LAYOUTS = ['free', 'timeline', 'rings'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

/** What the timeline's swimlanes group by (the facilitator's choice). */
export const TIMELINE_LANES = ['order', 'code', 'intended'] as const;
export type TimelineLanes = (typeof TIMELINE_LANES)[number];

/**
 * The stage a session is in, set by the facilitator. A dot vote happens in reflection
 * (`openVoting`; leaving reflection closes it);
 * closed makes the map read-only for everyone (`shared/doc/permissions.ts`).
 */
export const SESSION_PHASES = ['interviews', 'mapping', 'reflection', 'closed'] as const;
export type SessionPhase = (typeof SESSION_PHASES)[number];

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface SessionMeta {
  schemaVersion: number;
  title: string;
  /** The programme at the centre: the stone thrown in the water. */
  programme: string;
  language: Language;
  createdAt: number;
  /** YYYY-MM, the time span the map covers. */
  spanStart: string | null;
  spanEnd: string | null;
  phases: Phase[];
  /** Id of the session's primary codebook: a built-in one or one of `customCodebooks`. */
  codebook: string;
  /**
   * Id of the second codebook a ripple can be coded with too (its code is the ripple's
   * `extraCodes` entry from this codebook); the report codes working elements and,
   * separately, borging strategies.
   */
  secondCodebook: string;
  /** Codebooks the facilitator made or edited for this session (exported with it). */
  customCodebooks: Codebook[];
  /** With moderation on, phone ripples wait in the inbox. */
  moderation: boolean;
  /** The question phones show right now, e.g. "Wat ging er minder goed?". */
  prompt: string;
  layout: LayoutName;
  votingOpen: boolean;
  votesRevealed: boolean;
  dotsPerParticipant: number;
  /** Interviews → mapping → reflection → closed. */
  sessionPhase: SessionPhase;
  /** Swimlanes of the timeline layout. */
  timelineLanes: TimelineLanes;
  /**
   * The questions of the prompt card, edited per session. Empty means the built-in REM
   * questions in the screen's language (what went less well, what was not intended, …).
   */
  promptCard: string[];
  /** Whether the prompt card is shown over the map on every screen (projector, presenter). */
  promptCardShown: boolean;
}

/** One dot a participant placed. Key in the document: `${voterId}:${slot}`. */
export interface Vote {
  voterId: string;
  slot: number;
  rippleId: string;
}

export const linkId = (from: string, to: string): string => `${from}->${to}`;
export const voteKey = (voterId: string, slot: number): string => `${voterId}:${slot}`;

/**
 * The co-authors of `target` once `source` is merged into it: everyone who told either, the
 * target's own author once, in the order they came.
 */
export function mergedCoAuthors(target: Ripple, source: Ripple, max: number): CoAuthor[] {
  const coAuthors = [...(target.coAuthors ?? [])];
  const seen = new Set([target.authorId, ...coAuthors.map((a) => a.id)]);
  for (const author of [{ id: source.authorId, name: source.authorName }, ...(source.coAuthors ?? [])]) {
    if (seen.has(author.id)) continue;
    seen.add(author.id);
    coAuthors.push(author);
  }
  return coAuthors.slice(0, max);
}
