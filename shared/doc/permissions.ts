import * as Y from 'yjs';
import { participantNumber } from '../interview/participantNumber';
import { type Draft, draftIdOfRipple, type Pair, rippleIdOfDraft } from '../model/interview';
import { LIMITS } from '../model/limits';
import type { Actor, Ripple, SessionMeta } from '../model/ripple';
import { err, ok, type Result } from '../util/result';
import type { DocChange } from './changes';
import { parseLink, parseMeta } from './parse';
import type { PriorRipple, PriorState } from './priorState';
import { parseVoteKey, readMeta, readRipple } from './read';
import { isRootName, roots } from './schema';

/**
 * Who may change what. One pure rule set, used by the server on every incoming update
 * and by the client to show only what a role can do.
 *
 * - facilitator: everything (content must still be valid)
 * - participant: add ripples as themselves; edit or withdraw their own ripples while
 *   pending; cast and withdraw their own votes while voting is open
 * - participant, in interviews: invite one other person by their number (a "self" pair) and
 *   join a pair that invites one's own number, when not yet paired in this round; undo such a pair; write drafts in their own pair only, and send a
 *   draft as a ripple by the teller with the asker as co-author (the teller themself, or the
 *   asker once they recorded the teller's agreement)
 * - facilitator: runs the interviews (guide, round, timer, pairing everyone at random)
 * - viewer: nothing
 * - in a closed session (meta.sessionPhase 'closed') nobody changes ripples, links or
 *   dots; the facilitator may still change the settings, which is how it reopens.
 */

/** What a participant writes about their own ripple: everything but codes, status and place. */
export const PARTICIPANT_CONTENT_FIELDS = [
  'text',
  'story',
  'kind',
  'authorName',
  'showAuthor',
  'involved',
  'when',
  'intended',
  'valence',
  'ongoing',
  'proposedCauses',
] as const satisfies readonly (keyof Ripple)[];

/** Ripple fields a participant may set on their own pending ripple: the content, and when it changed. */
export const PARTICIPANT_FIELDS: ReadonlySet<string> = new Set([...PARTICIPANT_CONTENT_FIELDS, 'updatedAt']);

/** Whether `actor` may set `field` of a ripple they may edit at all (the facilitator: every field). */
export const mayEditField = (actor: Actor, field: string): boolean =>
  actor.role === 'facilitator' || PARTICIPANT_FIELDS.has(field);

/**
 * Where a new ripple of `actor` goes: straight onto the map for the facilitator, or when
 * moderation is off; into the inbox otherwise. Only the facilitator places it.
 */
export function newRippleStart(
  actor: Actor,
  meta: SessionMeta,
): { status: 'accepted' | 'pending'; mayPlace: boolean } {
  const facilitator = actor.role === 'facilitator';
  return { status: facilitator || !meta.moderation ? 'accepted' : 'pending', mayPlace: facilitator };
}

/** What someone wants to do to a session, as the rules see it. */
export type Action =
  /** Change the session's settings (the only thing a closed session allows: it is how it reopens). */
  | { kind: 'settings' }
  /** Work on the map: accept, hide, place, link, merge, delete, code, open and clear a vote. */
  | { kind: 'arrange' }
  /** Add a ripple of one's own. */
  | { kind: 'add' }
  /** Change or withdraw a ripple. */
  | { kind: 'edit'; ripple: PriorRipple }
  /** Place or take back one of one's own dots (`slot`: which of them). */
  | { kind: 'vote'; voterId: string; slot: number }
  /** Run the interviews: the guide, the round's settings and timer, pairing everyone at random. */
  | { kind: 'interview' }
  /**
   * Start a pair of one's own in `round` by inviting another's number; `paired`: everyone
   * already in a pair (or inviting) in that round.
   */
  | { kind: 'pairUp'; pair: Pair; round: number; paired: ReadonlySet<string> }
  /** Join the pair `invited` that invites one's own number, making it `joined`. */
  | { kind: 'joinPair'; invited: Pair; joined: Pair; round: number; paired: ReadonlySet<string> }
  /** Undo a pair one made oneself. */
  | { kind: 'unpair'; pair: Pair }
  /** Write, change or delete a draft of the pair `pair` (null when there is no such pair). */
  | { kind: 'draft'; pair: Pair | null; draft: Draft };

const isMember = (pair: Pair, id: string): boolean => pair.members.some((m) => m.id === id);

/** Why the rules say no to an action. */
export type Denial = 'forbidden' | 'closed' | 'voting-closed' | 'no-dots-left';
export type Permission = Result<undefined, Denial>;

const ALLOWED: Permission = ok(undefined);
const denied = (denial: Denial): Permission => err(denial);

/** How many dots each participant has in the vote that is open. */
export const dotsAllowed = (meta: Pick<SessionMeta, 'dotsPerParticipant'>): number =>
  Math.min(meta.dotsPerParticipant, LIMITS.maxDots);

/**
 * Whether `actor` may do `action` in a session whose settings are `meta`: the one place that
 * decides roles. The commands ask it before they write, and `authorize` asks it for every
 * change a client sends, so a screen never offers what the server would refuse.
 */
export function can(actor: Actor, action: Action, meta: SessionMeta): Permission {
  if (actor.role === 'viewer') return denied('forbidden');
  if (action.kind === 'settings') return actor.role === 'facilitator' ? ALLOWED : denied('forbidden');
  if (meta.sessionPhase === 'closed') return denied('closed');
  if (actor.role === 'facilitator') return ALLOWED;
  switch (action.kind) {
    case 'arrange':
    case 'interview':
      return denied('forbidden');
    case 'pairUp': {
      const { pair, round, paired } = action;
      const mayPair =
        pair.by === 'self' &&
        pair.round === round &&
        pair.members.length === 1 &&
        pair.members[0]?.id === actor.id &&
        pair.invite !== null &&
        pair.invite !== participantNumber(actor.id) &&
        !paired.has(actor.id);
      return mayPair ? ALLOWED : denied('forbidden');
    }
    case 'joinPair': {
      const { invited, joined, round, paired } = action;
      const mayJoin =
        invited.round === round &&
        invited.invite === participantNumber(actor.id) &&
        invited.members.length === 1 &&
        !paired.has(actor.id) &&
        joined.invite === null &&
        joined.members.length === 2 &&
        joined.members[1]?.id === actor.id &&
        JSON.stringify({ ...invited, members: invited.members, invite: null }) ===
          JSON.stringify({ ...joined, members: joined.members.slice(0, 1) });
      return mayJoin ? ALLOWED : denied('forbidden');
    }
    case 'unpair':
      return action.pair.by === 'self' && isMember(action.pair, actor.id) ? ALLOWED : denied('forbidden');
    case 'draft': {
      const { pair, draft } = action;
      const mayWrite =
        pair !== null &&
        pair.id === draft.pairId &&
        isMember(pair, actor.id) &&
        isMember(pair, draft.askerId) &&
        isMember(pair, draft.tellerId);
      return mayWrite ? ALLOWED : denied('forbidden');
    }
    case 'add':
      return ALLOWED;
    case 'edit':
      return action.ripple.authorId === actor.id && action.ripple.status === 'pending'
        ? ALLOWED
        : denied('forbidden');
    case 'vote':
      if (action.voterId !== actor.id) return denied('forbidden');
      if (!meta.votingOpen) return denied('voting-closed');
      return action.slot < dotsAllowed(meta) ? ALLOWED : denied('no-dots-left');
  }
}

/**
 * The action a change to a dot is: a participant places or takes back their own; the
 * facilitator manages the vote (clears it, corrects it) as map work.
 */
export function voteAction(actor: Actor, voterId: string, slot: number): Action {
  return actor.role === 'facilitator' ? { kind: 'arrange' } : { kind: 'vote', voterId, slot };
}

export function canEditRipple(actor: Actor, ripple: PriorRipple, meta: SessionMeta): boolean {
  return can(actor, { kind: 'edit', ripple }, meta).ok;
}

export const canWithdrawRipple = canEditRipple;

/**
 * A ripple a participant may create: their own, uncoded, unplaced, waiting (or straight on
 * the map when moderation is off). Judged on the parsed ripple, so a key left out counts
 * as its default: a sparse ripple and one with every default written get the same verdict.
 */
export function isAcceptableNewRipple(
  actor: Actor,
  ripple: Ripple,
  moderation: boolean,
  fromInterview: InterviewSource = { draft: null, pair: null },
): boolean {
  if (actor.role === 'facilitator') return true;
  if (actor.role !== 'participant') return false;
  const allowedStatus = ripple.status === 'pending' || (!moderation && ripple.status === 'accepted');
  const untouched =
    allowedStatus &&
    ripple.code === null &&
    ripple.extraCodes.length === 0 &&
    ripple.suggestedCode === null &&
    ripple.position === null &&
    (ripple.origin ?? null) === null;
  if (!untouched) return false;
  if ((ripple.interview ?? null) === null)
    return ripple.authorId === actor.id && (ripple.coAuthors ?? []).length === 0;
  return isAcceptableInterviewRipple(actor, ripple, fromInterview);
}

/** The draft a ripple is sent from, and its pair, as the document holds them with the ripple. */
export interface InterviewSource {
  draft: Draft | null;
  pair: Pair | null;
}

/**
 * A ripple sent from an interview draft: its id follows from the draft's, its author is the
 * teller (named as in the pair, or anonymous) and its one co-author the asker; the teller
 * sends it, or the asker once the draft records the teller's agreement.
 */
function isAcceptableInterviewRipple(
  actor: Actor,
  ripple: Ripple,
  { draft, pair }: InterviewSource,
): boolean {
  const marker = ripple.interview;
  if (!marker || !draft || !pair) return false;
  const nameOf = (id: string) => pair.members.find((m) => m.id === id)?.name ?? null;
  const tellerName = nameOf(draft.tellerId);
  const askerName = nameOf(draft.askerId);
  const coAuthors = ripple.coAuthors ?? [];
  const sender = marker.sentBy === 'teller' ? draft.tellerId : draft.askerId;
  return (
    ripple.id === rippleIdOfDraft(draft.id) &&
    marker.pairId === pair.id &&
    draft.pairId === pair.id &&
    ripple.authorId === draft.tellerId &&
    tellerName !== null &&
    askerName !== null &&
    (ripple.authorName === '' || ripple.authorName === tellerName) &&
    coAuthors.length === 1 &&
    coAuthors[0]?.id === draft.askerId &&
    (coAuthors[0]?.name === '' || coAuthors[0]?.name === askerName) &&
    actor.id === sender &&
    (marker.sentBy === 'teller' || draft.agreed)
  );
}

export type Refusal = { reason: 'forbidden' | 'invalid'; detail: string };
export type AuthResult = Result<undefined, Refusal>;

const refuse = (reason: Refusal['reason'], detail: string): AuthResult => err({ reason, detail });
const OK: AuthResult = ok(undefined);

/** Whether a vote key holds an own, valid dot. */
function checkVote(actor: Actor, key: string, before: PriorState, after: Y.Doc): AuthResult {
  const parsed = parseVoteKey(key);
  if (!parsed) return refuse('invalid', `votes.${key}: not a vote key`);
  const value = roots(after).votes.get(key);
  if (value !== undefined) {
    if (typeof value !== 'string') return refuse('invalid', `votes.${key}: not a ripple id`);
    if (readRipple(after, value)?.status !== 'accepted')
      return refuse('invalid', `votes.${key}: no such ripple on the map`);
  }
  const permission = can(actor, voteAction(actor, parsed.voterId, parsed.slot), before.meta);
  if (permission.ok) return OK;
  if (permission.error === 'voting-closed') return refuse('forbidden', 'voting is closed');
  if (permission.error === 'no-dots-left') return refuse('forbidden', `votes.${key}: no dots left`);
  return refuse('forbidden', `votes.${key}: not your vote`);
}

/**
 * How the rules read the interview roots of a document (their parsers). It comes with the
 * prior state (`PriorState.interviewReader`) rather than as an import: this module is in
 * every phone's first bundle, the interview parsers need not be.
 */
export interface InterviewReader {
  isValidEntry(key: string, value: unknown): boolean;
  pair(doc: Y.Doc, id: string): Pair | null;
  pairs(doc: Y.Doc): Pair[];
  draft(doc: Y.Doc, id: string): Draft | null;
}

/** The draft a ripple id says it was sent from, and that draft's pair, as `doc` holds them. */
function interviewSource(read: InterviewReader, doc: Y.Doc, rippleId: string): InterviewSource {
  const draftId = draftIdOfRipple(rippleId);
  const draft = draftId === null ? null : read.draft(doc, draftId);
  return { draft, pair: draft ? read.pair(doc, draft.pairId) : null };
}

/** The interview roots: the facilitator runs them; a phone writes its own pair and drafts. */
function checkInterviewEntry(actor: Actor, key: string, before: PriorState, after: Y.Doc): AuthResult {
  if (!can(actor, { kind: 'interview' }, before.meta).ok)
    return refuse('forbidden', 'only the facilitator runs the interviews');
  const value = roots(after).interview.get(key);
  if (value === undefined || before.interviewReader.isValidEntry(key, value)) return OK;
  return refuse('invalid', `interview.${key}: invalid value`);
}

function checkPair(actor: Actor, key: string, before: PriorState, after: Y.Doc): AuthResult {
  const read = before.interviewReader;
  const stored = roots(after).pairs.get(key);
  const next = read.pair(after, key);
  if (stored !== undefined && next === null) return refuse('invalid', `pairs.${key}: invalid pair`);
  if (can(actor, { kind: 'interview' }, before.meta).ok) return OK;
  const prior = before.pair(key);
  if (prior === 'invalid') return refuse('forbidden', `pairs.${key}: not your pair`);
  const round = before.interview.round;
  const paired = new Set(
    read
      .pairs(after)
      .filter((p) => p.id !== key && p.round === round)
      .flatMap((p) => p.members.map((m) => m.id)),
  );
  if (prior !== null) {
    if (next !== null)
      return can(actor, { kind: 'joinPair', invited: prior, joined: next, round, paired }, before.meta).ok
        ? OK
        : refuse('forbidden', `pairs.${key}: you can only join a pair that asks for your number`);
    return can(actor, { kind: 'unpair', pair: prior }, before.meta).ok
      ? OK
      : refuse('forbidden', `pairs.${key}: not your pair`);
  }
  if (next === null) return OK;
  return can(actor, { kind: 'pairUp', pair: next, round, paired }, before.meta).ok
    ? OK
    : refuse('forbidden', `pairs.${key}: you can pair only yourself, with someone not yet paired`);
}

function checkDraft(actor: Actor, key: string, before: PriorState, after: Y.Doc): AuthResult {
  const read = before.interviewReader;
  const stored = roots(after).drafts.get(key);
  const next = read.draft(after, key);
  if (stored !== undefined && next === null) return refuse('invalid', `drafts.${key}: invalid draft`);
  if (actor.role === 'facilitator') return OK;
  const prior = before.draft(key);
  if (prior === 'invalid') return refuse('forbidden', `drafts.${key}: not your draft`);
  const mayWrite = (draft: Draft) =>
    can(actor, { kind: 'draft', pair: read.pair(after, draft.pairId), draft }, before.meta).ok;
  if (prior && !mayWrite(prior)) return refuse('forbidden', `drafts.${key}: not your pair's draft`);
  if (prior?.state === 'sent') return refuse('forbidden', `drafts.${key}: already sent`);
  if (!next) return OK;
  if (!mayWrite(next)) return refuse('forbidden', `drafts.${key}: not your pair's draft`);
  if (
    prior &&
    (prior.pairId !== next.pairId || prior.tellerId !== next.tellerId || prior.askerId !== next.askerId)
  )
    return refuse('forbidden', `drafts.${key}: pair, teller and asker stay`);
  if (next.state === 'sent' && !roots(after).ripples.has(rippleIdOfDraft(key)))
    return refuse('invalid', `drafts.${key}: sent without its ripple`);
  return OK;
}

function checkRippleEntry(actor: Actor, id: string, before: PriorState, after: Y.Doc): AuthResult {
  const prior = before.ripple(id);
  const old = prior === 'invalid' ? null : prior;
  const stored: unknown = roots(after).ripples.get(id);
  const next = readRipple(after, id);
  // A session holds each ripple as a map of its fields (only phones' views hold plain ones).
  if (stored !== undefined && (next === null || !(stored instanceof Y.Map)))
    return refuse('invalid', `ripples.${id}: invalid ripple`);
  if (next && next.id !== id) return refuse('invalid', `ripples.${id}: id does not match its key`);
  if (actor.role === 'facilitator') return OK;
  if (old && !canWithdrawRipple(actor, old, before.meta))
    return refuse('forbidden', `ripples.${id}: not your pending ripple`);
  if (prior === 'invalid') return refuse('forbidden', `ripples.${id}: not your ripple`);
  if (!old && !can(actor, { kind: 'add' }, before.meta).ok)
    return refuse('forbidden', `ripples.${id}: this screen cannot add ripples`);
  if (
    next &&
    !isAcceptableNewRipple(
      actor,
      next,
      before.meta.moderation,
      interviewSource(before.interviewReader, after, id),
    )
  ) {
    return refuse('forbidden', `ripples.${id}: a new ripple must be your own and wait for the facilitator`);
  }
  return OK;
}

/**
 * One key of an existing ripple changed. Yjs reports a key that was added or removed like
 * one that was overwritten, and ripples store only non-default fields, so `code` or
 * `position` typically arrive as a new key: the field is judged by name, never by whether
 * it was there before or what it held.
 */
function checkRippleField(
  actor: Actor,
  id: string,
  field: string,
  before: PriorState,
  after: Y.Doc,
): AuthResult {
  const next = readRipple(after, id);
  if (roots(after).ripples.has(id) && next === null)
    return refuse('invalid', `ripples.${id}.${field}: invalid value`);
  if (actor.role === 'facilitator') return OK;
  const prior = before.ripple(id);
  const old = prior === 'invalid' ? null : prior;
  if (!old || !canEditRipple(actor, old, before.meta))
    return refuse('forbidden', `ripples.${id}: not your pending ripple`);
  if (!PARTICIPANT_FIELDS.has(field))
    return refuse('forbidden', `ripples.${id}.${field}: only the facilitator can change this`);
  if (next && (next.authorId !== old.authorId || next.status !== old.status)) {
    return refuse('forbidden', `ripples.${id}: author and status are not yours to change`);
  }
  return OK;
}

function checkChange(actor: Actor, change: DocChange, before: PriorState, after: Y.Doc): AuthResult {
  const [root, rippleId, ...deeper] = change.path;
  if (root === undefined || !isRootName(root) || deeper.length > 0) {
    return refuse('invalid', `${change.path.join('.')}: not part of a session document`);
  }
  if (change.key === null) return refuse('invalid', `${change.path.join('.')}: unexpected content`);
  const key = change.key;
  if (root !== 'meta' && before.meta.sessionPhase === 'closed')
    return refuse('forbidden', 'the session is closed: the map is read-only');
  switch (root) {
    case 'ripples':
      if (rippleId === undefined) return checkRippleEntry(actor, key, before, after);
      return checkRippleField(actor, rippleId, key, before, after);
    case 'votes':
      return rippleId === undefined
        ? checkVote(actor, key, before, after)
        : refuse('invalid', 'votes: unexpected nesting');
    case 'links': {
      if (!can(actor, { kind: 'arrange' }, before.meta).ok)
        return refuse('forbidden', 'only the facilitator can link ripples');
      const value = roots(after).links.get(key);
      if (value === undefined) return OK;
      const parsed = parseLink(value);
      return parsed.ok && parsed.value.id === key ? OK : refuse('invalid', `links.${key}: invalid link`);
    }
    case 'interview':
    case 'pairs':
    case 'drafts': {
      if (rippleId !== undefined) return refuse('invalid', `${root}: unexpected nesting`);
      if (root === 'interview') return checkInterviewEntry(actor, key, before, after);
      return root === 'pairs' ? checkPair(actor, key, before, after) : checkDraft(actor, key, before, after);
    }
    case 'meta': {
      if (!can(actor, { kind: 'settings' }, before.meta).ok)
        return refuse('forbidden', 'only the facilitator can change the session');
      const stored = roots(after).meta.get(key);
      if (stored === undefined) return OK;
      const candidate = { ...readMeta(after), [key]: stored };
      return parseMeta(candidate).ok ? OK : refuse('invalid', `meta.${key}: invalid value`);
    }
  }
}

/**
 * Decides whether `actor` may make the change that turned the document into `after`.
 * `before` is what the document held until then (not yet refreshed with `changes`);
 * `changes` comes from `changesOfTransaction` on `after`.
 */
export function authorize(
  actor: Actor,
  changes: readonly DocChange[],
  before: PriorState,
  after: Y.Doc,
): AuthResult {
  if (changes.length > 0 && actor.role === 'viewer') return refuse('forbidden', 'this screen can only watch');
  for (const change of changes) {
    const result = checkChange(actor, change, before, after);
    if (!result.ok) return result;
  }
  return OK;
}

/**
 * Who receives the session document itself: the facilitator's screens. Phones and presenter
 * screens receive a view of it, only what they may see (shared/doc/phoneView.ts).
 */
export const receivesWholeSession = (actor: Actor): boolean => actor.role === 'facilitator';

/** Whether a screen may send changes at all (a presenter screen only watches). */
export const maySendChanges = (actor: Actor): boolean => actor.role !== 'viewer';

/** A participant's screen, a phone: it hears the room's changes in batches, to spare its radio. */
export const isPhone = (actor: Actor): boolean => actor.role === 'participant';
