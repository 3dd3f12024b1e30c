import type * as Y from 'yjs';
import { LIMITS } from '../model/limits';
import type { Actor, Ripple, SessionMeta } from '../model/ripple';
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
  | { kind: 'vote'; voterId: string; slot: number };

export type Permission =
  | { ok: true }
  | { ok: false; why: 'forbidden' | 'closed' | 'voting-closed' | 'no-dots-left' };

const ALLOWED: Permission = { ok: true };
const denied = (why: Exclude<Permission, { ok: true }>['why']): Permission => ({ ok: false, why });

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
      return denied('forbidden');
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
export function isAcceptableNewRipple(actor: Actor, ripple: Ripple, moderation: boolean): boolean {
  if (actor.role === 'facilitator') return true;
  if (actor.role !== 'participant' || ripple.authorId !== actor.id) return false;
  const allowedStatus = ripple.status === 'pending' || (!moderation && ripple.status === 'accepted');
  return (
    allowedStatus &&
    ripple.code === null &&
    ripple.extraCodes.length === 0 &&
    ripple.suggestedCode === null &&
    ripple.position === null &&
    (ripple.coAuthors ?? []).length === 0 &&
    (ripple.origin ?? null) === null
  );
}

export type Refusal = { reason: 'forbidden' | 'invalid'; detail: string };
export type AuthResult = { ok: true } | ({ ok: false } & Refusal);

const refuse = (reason: Refusal['reason'], detail: string): AuthResult => ({ ok: false, reason, detail });
const OK: AuthResult = { ok: true };

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
  if (permission.why === 'voting-closed') return refuse('forbidden', 'voting is closed');
  if (permission.why === 'no-dots-left') return refuse('forbidden', `votes.${key}: no dots left`);
  return refuse('forbidden', `votes.${key}: not your vote`);
}

function checkRippleEntry(actor: Actor, id: string, before: PriorState, after: Y.Doc): AuthResult {
  const prior = before.ripple(id);
  const old = prior === 'invalid' ? null : prior;
  const stored = roots(after).ripples.get(id);
  const next = readRipple(after, id);
  if (stored !== undefined && next === null) return refuse('invalid', `ripples.${id}: invalid ripple`);
  if (next && next.id !== id) return refuse('invalid', `ripples.${id}: id does not match its key`);
  if (actor.role === 'facilitator') return OK;
  if (old && !canWithdrawRipple(actor, old, before.meta))
    return refuse('forbidden', `ripples.${id}: not your pending ripple`);
  if (prior === 'invalid') return refuse('forbidden', `ripples.${id}: not your ripple`);
  if (!old && !can(actor, { kind: 'add' }, before.meta).ok)
    return refuse('forbidden', `ripples.${id}: this screen cannot add ripples`);
  if (next && !isAcceptableNewRipple(actor, next, before.meta.moderation)) {
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
