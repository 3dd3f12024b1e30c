import type { Intended, RippleWhen, Valence } from './ripple';

/**
 * REM's appreciative interviews in pairs, as plain data: the facilitator's guide and round
 * settings, the shared timer, the pairs and the draft ripples a pair writes. Stored in three
 * roots of the session document (`interview`, `pairs`, `drafts`, see shared/doc/schema.ts);
 * each key holds one plain JSON value, parsed by shared/interview/parseInterview.ts.
 */

/**
 * The shared countdown of one round, every instant in server time (ms since epoch), so a
 * phone with a wrong clock still shows the same remaining time once it knows its offset.
 */
export interface InterviewTimer {
  /** The round this timer counts down (pairs of other rounds are over). */
  round: number;
  /** Length of one turn (one person telling) when the round started. */
  turnMs: number;
  /** How many turns the round has: two for a pair, three when a trio takes part. */
  turns: number;
  startedAt: number;
  /** When it was paused; null while it runs. */
  pausedAt: number | null;
  /** Time spent paused before `pausedAt`. */
  pausedMs: number;
  /** Minutes added to a turn ("+1 minuut"), per turn index. */
  extraMs: number[];
  /** When the facilitator ended the round early; null otherwise. */
  endedAt: number | null;
}

/** The `interview` root, one key per field (like `meta`). */
export interface InterviewSettings {
  /** The interview guide. Empty means the built-in REM questions in the screen's language. */
  questions: string[];
  /** Minutes one person tells (REM practice: 5–10). */
  turnMinutes: number;
  /** Turns per round: each person tells once in a pair. */
  turns: number;
  /** The pairing round: a new round starts when the facilitator pairs everyone again. */
  round: number;
  timer: InterviewTimer | null;
}

export interface PairMember {
  id: string;
  /** Empty when this person chose to stay anonymous. */
  name: string;
}

/**
 * Two people who interview each other (three when someone was left over). A pair a phone
 * starts by typing another's number holds only its maker and `invite` (that number) until
 * the other phone joins it.
 */
export interface Pair {
  id: string;
  round: number;
  members: PairMember[];
  /** The number (participantNumber) of who is asked to join; null once complete. */
  invite: string | null;
  /** Who made it: the facilitator pairing everyone, or two phones pairing themselves. */
  by: 'facilitator' | 'self';
  createdAt: number;
}

export type DraftState = 'draft' | 'sent';

/** A ripple a pair is writing from a story: not yet in the inbox. */
export interface Draft {
  id: string;
  pairId: string;
  /** Who told the story: the ripple's author. */
  tellerId: string;
  /** Who asked and wrote it down: the ripple's co-author. */
  askerId: string;
  text: string;
  /** Index in the guide of the question it answers, or null. */
  question: number | null;
  when: RippleWhen | null;
  intended: Intended;
  valence: Valence;
  /** The asker recorded that the teller agreed to send it (for when the teller's phone is away). */
  agreed: boolean;
  state: DraftState;
  createdAt: number;
  updatedAt: number;
}

/** On a ripple: it came from an interview, and who sent it in. */
export interface InterviewMarker {
  pairId: string;
  sentBy: 'teller' | 'asker';
}

export const DEFAULT_INTERVIEW: InterviewSettings = {
  questions: [],
  turnMinutes: 7,
  turns: 2,
  round: 1,
  timer: null,
};

/** The ripple a draft becomes: its id follows from the draft's, so sending twice is one ripple. */
export const rippleIdOfDraft = (draftId: string): string => `iv-${draftId}`;

/** The draft a ripple id came from, or null for a ripple added directly. */
export const draftIdOfRipple = (rippleId: string): string | null =>
  rippleId.startsWith('iv-') ? rippleId.slice(3) : null;

export type InterviewRole = 'asking' | 'telling' | 'listening';

/**
 * What `memberId` does in `turn`: in turn t the t-th member asks and the next one tells, so
 * in a pair the two swap at each turn, and in a trio the third listens along.
 *
 * @example
 * roleInTurn(pair, pair.members[0].id, 0); // 'asking'
 */
export function roleInTurn(pair: Pair, memberId: string, turn: number): InterviewRole {
  const n = pair.members.length;
  const index = pair.members.findIndex((m) => m.id === memberId);
  if (index < 0 || n === 0) return 'listening';
  if (index === turn % n) return 'asking';
  if (index === (turn + 1) % n) return 'telling';
  return 'listening';
}

/** The asker and teller of a pair in `turn`. */
export function turnRoles(pair: Pair, turn: number): { askerId: string; tellerId: string } {
  const n = pair.members.length;
  return {
    askerId: pair.members[turn % n]?.id ?? '',
    tellerId: pair.members[(turn + 1) % n]?.id ?? '',
  };
}
