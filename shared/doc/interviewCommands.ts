import type * as Y from 'yjs';
import { isValidInterviewEntry, parseDraft, parsePair } from '../interview/parseInterview';
import { participantNumber } from '../interview/participantNumber';
import { readDraft, readInterview, readPair, readPairs } from '../interview/readInterview';
import { endTimer, extendTimer, pauseTimer, resumeTimer, startTimer } from '../interview/timer';
import {
  type Draft,
  type InterviewSettings,
  type InterviewTimer,
  type Pair,
  type PairMember,
  rippleIdOfDraft,
} from '../model/interview';
import type { Actor, Intended, Ripple, RippleWhen, Valence } from '../model/ripple';
import { randomId } from '../util/randomId';
import { err, ok } from '../util/result';
import { type CommandError, type CommandResult, rippleMapOf } from './commands';
import { type CommandName, CommandOrigin } from './origins';
import { parseRipple } from './parse';
import { type Action, can, isAcceptableNewRipple, newRippleStart } from './permissions';
import { readMeta } from './read';
import { roots } from './schema';

/**
 * The commands of REM's interviews in pairs: the facilitator's guide, pairing and timer, and
 * a pair's drafts and how they become ripples. Each asks `can` (permissions.ts) first and runs
 * one transaction, like shared/doc/commands.ts.
 */

const fail = <T = undefined>(error: CommandError): CommandResult<T> => err(error);
const run = (doc: Y.Doc, command: CommandName, fn: () => void) =>
  doc.transact(fn, new CommandOrigin(command));
const refused = (doc: Y.Doc, actor: Actor, action: Action): boolean => !can(actor, action, readMeta(doc)).ok;

/** Writes the keys of the `interview` root that `patch` changes, each validated. */
function writeInterview(
  doc: Y.Doc,
  actor: Actor,
  command: CommandName,
  patch: Partial<InterviewSettings>,
): CommandResult {
  if (refused(doc, actor, { kind: 'interview' })) return fail({ kind: 'forbidden' });
  for (const [key, value] of Object.entries(patch))
    if (!isValidInterviewEntry(key, value)) return fail({ kind: 'invalid', detail: `interview.${key}` });
  run(doc, command, () => {
    const map = roots(doc).interview;
    for (const [key, value] of Object.entries(patch))
      if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value);
  });
  return ok(undefined);
}

/**
 * The facilitator's interview guide and round length. An empty question list means the
 * built-in REM questions in each screen's language.
 *
 * @example
 * setInterviewGuide(doc, facilitator, { questions: ['Wat is er veranderd?'], turnMinutes: 7 });
 */
export function setInterviewGuide(
  doc: Y.Doc,
  actor: Actor,
  patch: Partial<Pick<InterviewSettings, 'questions' | 'turnMinutes' | 'turns'>>,
): CommandResult {
  const questions = patch.questions?.map((q) => q.trim()).filter((q) => q !== '');
  return writeInterview(doc, actor, 'setInterviewGuide', questions ? { ...patch, questions } : patch);
}

/**
 * Pairs everyone in `people` at random for a new round: pairs of two, and when one is left
 * over they join the last pair as a trio. `random` returns numbers in [0, 1) (Math.random).
 */
export function pairEveryone(
  doc: Y.Doc,
  actor: Actor,
  people: readonly PairMember[],
  random: () => number = Math.random,
  now = Date.now(),
): CommandResult<Pair[]> {
  if (refused(doc, actor, { kind: 'interview' })) return fail({ kind: 'forbidden' });
  const unique = [...new Map(people.map((p) => [p.id, p])).values()];
  if (unique.length < 2) return fail({ kind: 'invalid', detail: 'at least two people' });
  for (let i = unique.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [unique[i], unique[j]] = [unique[j] as PairMember, unique[i] as PairMember];
  }
  const settings = readInterview(doc);
  const hasPairs = readPairs(doc).some((p) => p.round === settings.round);
  const round = hasPairs ? settings.round + 1 : settings.round;
  const pairs: Pair[] = [];
  for (let i = 0; i + 1 < unique.length; i += 2)
    pairs.push({
      id: randomId(),
      round,
      members: unique.slice(i, i + 2),
      by: 'facilitator',
      createdAt: now + i,
      invite: null,
    });
  const last = pairs[pairs.length - 1];
  if (unique.length % 2 === 1 && last) last.members.push(unique[unique.length - 1] as PairMember);
  for (const pair of pairs) if (!parsePair(pair).ok) return fail({ kind: 'invalid', detail: 'pair' });
  run(doc, 'pairEveryone', () => {
    const { interview, pairs: map } = roots(doc);
    if (round !== settings.round) interview.set('round', round);
    if (settings.timer !== null) interview.set('timer', null);
    for (const pair of pairs) map.set(pair.id, pair);
  });
  return ok(pairs);
}

/** Everyone in a pair (or inviting someone) in `round`. */
const pairedIn = (doc: Y.Doc, round: number): Set<string> =>
  new Set(
    readPairs(doc)
      .filter((p) => p.round === round)
      .flatMap((p) => p.members.map((m) => m.id)),
  );

/**
 * A phone starts a pair by typing the number shown on another's phone (participantNumber):
 * the pair waits for that phone, which joins it with `joinPair`. Refused when `self` is
 * already in a pair this round, or types its own number.
 */
export function pairUp(
  doc: Y.Doc,
  actor: Actor,
  self: PairMember,
  invite: string,
  now = Date.now(),
): CommandResult<Pair> {
  const { round } = readInterview(doc);
  const pair: Pair = { id: randomId(), round, members: [self], by: 'self', createdAt: now, invite };
  if (!parsePair(pair).ok) return fail({ kind: 'invalid', detail: 'pair' });
  if (refused(doc, actor, { kind: 'pairUp', pair, round, paired: pairedIn(doc, round) }))
    return fail({ kind: 'forbidden' });
  run(doc, 'pairUp', () => roots(doc).pairs.set(pair.id, pair));
  return ok(pair);
}

/** The open pairs of this round that invite `participantId`'s number. */
export function invitationsFor(doc: Y.Doc, participantId: string): Pair[] {
  const { round } = readInterview(doc);
  const number = participantNumber(participantId);
  return readPairs(doc).filter((p) => p.round === round && p.invite === number && p.members.length === 1);
}

/** Joins a pair that invites `self`'s number: the two are paired. */
export function joinPair(doc: Y.Doc, actor: Actor, self: PairMember, pairId: string): CommandResult<Pair> {
  const invited = readPair(doc, pairId);
  if (!invited) return fail({ kind: 'not-found' });
  const joined: Pair = { ...invited, members: [...invited.members, self], invite: null };
  const { round } = readInterview(doc);
  const paired = pairedIn(doc, round);
  if (refused(doc, actor, { kind: 'joinPair', invited, joined, round, paired }))
    return fail({ kind: 'forbidden' });
  run(doc, 'pairUp', () => roots(doc).pairs.set(pairId, joined));
  return ok(joined);
}

/** Undoes a pair (the facilitator any; a participant one they made themselves). */
export function unpair(doc: Y.Doc, actor: Actor, pairId: string): CommandResult {
  const pair = readPair(doc, pairId);
  if (!pair) return fail({ kind: 'not-found' });
  const action: Action = actor.role === 'facilitator' ? { kind: 'interview' } : { kind: 'unpair', pair };
  if (refused(doc, actor, action)) return fail({ kind: 'forbidden' });
  run(doc, 'unpair', () => roots(doc).pairs.delete(pairId));
  return ok(undefined);
}

export type TimerAction = 'start' | 'pause' | 'resume' | 'addMinute' | 'end';

/**
 * Starts, pauses, resumes, lengthens (+1 minute to the turn running) or ends the round's
 * countdown. `now` must be server time (client/interview/serverClock.ts): every screen
 * counts down from these instants. A round with a trio gets a turn per member.
 */
export function setInterviewTimer(
  doc: Y.Doc,
  actor: Actor,
  action: TimerAction,
  now: number,
): CommandResult<InterviewTimer> {
  const settings = readInterview(doc);
  const current = settings.timer;
  let next: InterviewTimer;
  if (action === 'start') {
    const largest = Math.max(
      2,
      ...readPairs(doc)
        .filter((p) => p.round === settings.round)
        .map((p) => p.members.length),
    );
    next = startTimer(settings.round, settings.turnMinutes * 60_000, Math.max(settings.turns, largest), now);
  } else if (!current) return fail({ kind: 'not-found' });
  else if (action === 'pause') next = pauseTimer(current, now);
  else if (action === 'resume') next = resumeTimer(current, now);
  else if (action === 'addMinute') next = extendTimer(resumeTimer(current, now), now, 60_000);
  else next = endTimer(current, now);
  // +1 minute while paused keeps the pause.
  if (action === 'addMinute' && current?.pausedAt != null) next = { ...next, pausedAt: now };
  const written = writeInterview(doc, actor, 'setInterviewTimer', { timer: next });
  return written.ok ? ok(next) : fail(written.error);
}

/** What the asker types for a draft ripple; all but the text optional. */
export interface DraftInput {
  text: string;
  question?: number | null;
  when?: RippleWhen | null;
  intended?: Intended;
  valence?: Valence;
  agreed?: boolean;
}

/**
 * A new draft in `actor`'s pair, from the turn's roles (the asker writes it, the teller
 * told it). Lives in the document, so the phone keeps it offline and after a reload, and
 * the partner's phone holds it too.
 */
export function addDraft(
  doc: Y.Doc,
  actor: Actor,
  pairId: string,
  roles: { askerId: string; tellerId: string },
  input: DraftInput,
  options: { id?: string; now?: number } = {},
): CommandResult<Draft> {
  const now = options.now ?? Date.now();
  const draft: Draft = {
    id: options.id ?? randomId(),
    pairId,
    askerId: roles.askerId,
    tellerId: roles.tellerId,
    text: input.text,
    question: input.question ?? null,
    when: input.when ?? null,
    intended: input.intended ?? 'unknown',
    valence: input.valence ?? 'unknown',
    agreed: input.agreed ?? false,
    state: 'draft',
    createdAt: now,
    updatedAt: now,
  };
  const parsed = parseDraft(draft);
  if (!parsed.ok) return fail({ kind: 'invalid', detail: 'draft' });
  if (roots(doc).drafts.has(draft.id)) return fail({ kind: 'invalid', detail: 'id: already taken' });
  if (refused(doc, actor, { kind: 'draft', pair: readPair(doc, pairId), draft: parsed.value }))
    return fail({ kind: 'forbidden' });
  run(doc, 'writeDraft', () => roots(doc).drafts.set(draft.id, parsed.value));
  return ok(parsed.value);
}

/** Changes a draft that was not sent yet. */
export function editDraft(
  doc: Y.Doc,
  actor: Actor,
  id: string,
  patch: Partial<DraftInput>,
  now = Date.now(),
): CommandResult<Draft> {
  const current = readDraft(doc, id);
  if (!current) return fail({ kind: 'not-found' });
  if (current.state === 'sent') return fail({ kind: 'invalid', detail: 'already sent' });
  const parsed = parseDraft({ ...current, ...patch, updatedAt: now });
  if (!parsed.ok) return fail({ kind: 'invalid', detail: 'draft' });
  if (refused(doc, actor, { kind: 'draft', pair: readPair(doc, current.pairId), draft: current }))
    return fail({ kind: 'forbidden' });
  run(doc, 'writeDraft', () => roots(doc).drafts.set(id, parsed.value));
  return ok(parsed.value);
}

export function deleteDraft(doc: Y.Doc, actor: Actor, id: string): CommandResult {
  const current = readDraft(doc, id);
  if (!current) return fail({ kind: 'not-found' });
  if (current.state === 'sent') return fail({ kind: 'invalid', detail: 'already sent' });
  if (refused(doc, actor, { kind: 'draft', pair: readPair(doc, current.pairId), draft: current }))
    return fail({ kind: 'forbidden' });
  run(doc, 'deleteDraft', () => roots(doc).drafts.delete(id));
  return ok(undefined);
}

/**
 * Sends a draft to the facilitator's inbox as a ripple by the teller (named as they chose,
 * or anonymous) with the asker as co-author. The teller sends it themself; the asker may
 * with `agreed` (the teller said yes), and the ripple says so. The ripple's id follows from
 * the draft's, so sending again (after a reload, a lost answer) is the same ripple, once.
 *
 * @example
 * sendDraft(doc, teller, draftId); // ripple `iv-${draftId}` in the inbox
 */
export function sendDraft(
  doc: Y.Doc,
  actor: Actor,
  id: string,
  options: { agreed?: boolean; now?: number } = {},
): CommandResult<Ripple> {
  const now = options.now ?? Date.now();
  const stored = readDraft(doc, id);
  if (!stored) return fail({ kind: 'not-found' });
  const pair = readPair(doc, stored.pairId);
  if (!pair) return fail({ kind: 'not-found' });
  const rippleId = rippleIdOfDraft(id);
  const sentBy = actor.id === stored.askerId && actor.id !== stored.tellerId ? 'asker' : 'teller';
  const draft: Draft = {
    ...stored,
    agreed: stored.agreed || (sentBy === 'asker' && options.agreed === true),
    state: 'sent',
    updatedAt: now,
  };
  const teller = pair.members.find((m) => m.id === draft.tellerId);
  const asker = pair.members.find((m) => m.id === draft.askerId);
  if (!teller || !asker) return fail({ kind: 'invalid', detail: 'not in this pair' });
  const meta = readMeta(doc);
  const { status } = newRippleStart(actor, meta);
  const parsed = parseRipple({
    id: rippleId,
    text: draft.text,
    kind: 'effect',
    authorId: teller.id,
    authorName: teller.name,
    showAuthor: teller.name !== '',
    createdAt: now,
    updatedAt: now,
    when: draft.when,
    intended: draft.intended,
    valence: draft.valence,
    status,
    coAuthors: [{ id: asker.id, name: asker.name }],
    interview: { pairId: pair.id, sentBy },
  });
  if (!parsed.ok) return fail({ kind: 'invalid', detail: parsed.error });
  if (refused(doc, actor, { kind: 'draft', pair, draft: stored })) return fail({ kind: 'forbidden' });
  if (!isAcceptableNewRipple(actor, parsed.value, meta.moderation, { draft, pair }))
    return fail({ kind: 'forbidden' });
  const exists = roots(doc).ripples.has(rippleId);
  if (exists && stored.state === 'sent') return ok(parsed.value);
  run(doc, 'sendDraft', () => {
    roots(doc).drafts.set(id, draft);
    if (!exists) roots(doc).ripples.set(rippleId, rippleMapOf(parsed.value));
  });
  return ok(parsed.value);
}
