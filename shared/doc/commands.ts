import * as Y from 'yjs';
import { LIMITS } from '../model/limits';
import {
  type Actor,
  linkId,
  mergedCoAuthors,
  type Ripple,
  type SessionMeta,
  type SessionPhase,
  voteKey,
} from '../model/ripple';
import { randomId } from '../util/randomId';
import { err, ok, type Result } from '../util/result';
import { sameValue } from '../util/sameValue';
import { findCodebook } from './codeRefs';
import { type CommandName, CommandOrigin } from './origins';
import { parseMeta, parseRipple, RIPPLE_DEFAULTS } from './parse';
import {
  type Action,
  can,
  mayEditField,
  newRippleStart,
  PARTICIPANT_CONTENT_FIELDS,
  voteAction,
} from './permissions';
import { nextFreeSlot, readLinks, readMeta, readRipple, readVotes } from './read';
import { wouldCreateCycle } from './rippleOrder';
import { type RippleMap, roots, SCHEMA_VERSION } from './schema';

/**
 * Every change to a session document is one of these commands: it checks its input,
 * then runs one transaction whose origin names it. Phones, the board, the server and the
 * tests all call the same functions.
 */

export { CommandOrigin } from './origins';

export type CommandError =
  | { kind: 'invalid'; detail: string }
  | { kind: 'not-found' }
  | { kind: 'forbidden' }
  | { kind: 'cycle' }
  | { kind: 'voting-closed' }
  | { kind: 'no-dots-left' };

export type CommandResult<T = undefined> = Result<T, CommandError>;

/** A closed session is read-only for everyone but its settings (so the facilitator can reopen it). */
/** The rules' answer (permissions.ts) as a command's refusal, or null when `actor` may do `action` now. */
function refusal(doc: Y.Doc, actor: Actor, action: Action): CommandResult<never> | null {
  const permission = can(actor, action, readMeta(doc));
  if (permission.ok) return null;
  if (permission.error === 'voting-closed' || permission.error === 'no-dots-left')
    return fail({ kind: permission.error });
  return fail({ kind: 'forbidden' });
}
const fail = <T = undefined>(error: CommandError): CommandResult<T> => err(error);

function run(doc: Y.Doc, command: CommandName, fn: () => void): void {
  doc.transact(fn, new CommandOrigin(command));
}

/** Ripple values are plain JSON, so equal JSON is an equal value (arrays and objects included). */

/** The default a missing key of a ripple's map reads as (undefined for a required field). */
const defaultOf = (key: string): unknown =>
  Object.hasOwn(RIPPLE_DEFAULTS, key) ? RIPPLE_DEFAULTS[key as keyof typeof RIPPLE_DEFAULTS] : undefined;

/**
 * Writes only the keys whose value differs, so a no-op edit sends nothing over the wire.
 * A missing key holds its default, so writing the default there is a no-op too.
 */
function writeFields(map: RippleMap, fields: Partial<Ripple>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const stored = map.has(key) ? map.get(key) : defaultOf(key);
    if (!sameValue(stored, value)) map.set(key, value);
  }
}

/** What a new ripple stores: the fields that differ from what their missing key reads as. */
function storedEntries(ripple: Ripple): [string, unknown][] {
  return Object.entries(ripple).filter(
    ([key, value]) => !Object.hasOwn(RIPPLE_DEFAULTS, key) || !sameValue(value, defaultOf(key)),
  );
}

/** A new ripple's map, holding only its non-default fields (a map not yet in a document can be written but not read). */
export const rippleMapOf = (ripple: Ripple): RippleMap => new Y.Map(storedEntries(ripple));

/** Sets up a new session document. */
export function initSession(doc: Y.Doc, meta: Partial<SessionMeta>, now = Date.now()): CommandResult {
  const full = { ...readMeta(doc), ...meta, schemaVersion: SCHEMA_VERSION, createdAt: meta.createdAt ?? now };
  const parsed = parseMeta(full);
  if (!parsed.ok) return fail({ kind: 'invalid', detail: parsed.error });
  run(doc, 'initSession', () => {
    const map = roots(doc).meta;
    for (const [key, value] of Object.entries(parsed.value)) map.set(key, value);
  });
  return ok(undefined);
}

export function updateMeta(doc: Y.Doc, actor: Actor, patch: Partial<SessionMeta>): CommandResult {
  const denied = refusal(doc, actor, { kind: 'settings' });
  if (denied) return denied;
  return writeMeta(doc, 'updateMeta', patch);
}

/** Validates the meta with `patch` applied and writes the keys whose value changed, in one transaction. */
function writeMeta(doc: Y.Doc, command: CommandName, patch: Partial<SessionMeta>): CommandResult {
  const parsed = parseMeta({ ...readMeta(doc), ...patch });
  if (!parsed.ok) return fail({ kind: 'invalid', detail: parsed.error });
  run(doc, command, () => {
    const map = roots(doc).meta;
    for (const key of Object.keys(patch) as (keyof SessionMeta)[]) {
      const value = parsed.value[key];
      if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value);
    }
  });
  return ok(undefined);
}

/** The fields a person types for a new ripple: a participant's content, and where it goes. */
const RIPPLE_INPUT_FIELDS = [...PARTICIPANT_CONTENT_FIELDS, 'position'] as const;

/** What a person types for a new ripple; everything but the text is optional. */
export type RippleInput = Pick<Ripple, 'text'> & Partial<Pick<Ripple, (typeof RIPPLE_INPUT_FIELDS)[number]>>;

/** The fields of `input` that were given (an undefined or null one falls back to its default). */
function givenFields(input: RippleInput): Partial<Ripple> {
  const given: Partial<Record<keyof Ripple, unknown>> = {};
  for (const key of RIPPLE_INPUT_FIELDS) {
    const value = input[key];
    if (value !== undefined && value !== null) given[key] = value;
  }
  return given as Partial<Ripple>;
}

/**
 * Adds a ripple as `actor`. A facilitator's ripple goes straight onto the map; a phone's
 * waits in the inbox while moderation is on.
 *
 * @example
 * const result = addRipple(doc, { role: 'participant', id: 'p1' }, { text: 'Er is nu een inloopochtend' });
 * if (result.ok) console.log(result.value.id);
 */
export function addRipple(
  doc: Y.Doc,
  actor: Actor,
  input: RippleInput,
  options: { id?: string; now?: number } = {},
): CommandResult<Ripple> {
  const denied = refusal(doc, actor, { kind: 'add' });
  if (denied) return denied;
  const now = options.now ?? Date.now();
  const { status, mayPlace } = newRippleStart(actor, readMeta(doc));
  const candidate: Ripple = {
    ...RIPPLE_DEFAULTS,
    // Required in the stored form, so these defaults belong to a new ripple only.
    kind: 'effect',
    showAuthor: true,
    ...givenFields(input),
    id: options.id ?? randomId(),
    text: input.text,
    authorId: actor.id,
    createdAt: now,
    updatedAt: now,
    status,
    position: mayPlace ? (input.position ?? null) : null,
  };
  const parsed = parseRipple(candidate);
  if (!parsed.ok) return fail({ kind: 'invalid', detail: parsed.error });
  if (roots(doc).ripples.has(parsed.value.id)) return fail({ kind: 'invalid', detail: 'id: already taken' });
  run(doc, 'addRipple', () => {
    roots(doc).ripples.set(parsed.value.id, rippleMapOf(parsed.value));
  });
  return ok(parsed.value);
}

/** Changes some fields of a ripple. Participants may change only their own pending ripple's content fields. */
export function editRipple(
  doc: Y.Doc,
  actor: Actor,
  id: string,
  patch: Partial<Omit<Ripple, 'id' | 'authorId' | 'createdAt'>>,
  now = Date.now(),
): CommandResult<Ripple> {
  const current = readRipple(doc, id);
  if (!current) return fail({ kind: 'not-found' });
  const denied = refusal(doc, actor, { kind: 'edit', ripple: current });
  if (denied) return denied;
  if (Object.keys(patch).some((key) => !mayEditField(actor, key))) {
    return fail({ kind: 'forbidden' });
  }
  const parsed = parseRipple({ ...current, ...patch, updatedAt: now });
  if (!parsed.ok) return fail({ kind: 'invalid', detail: parsed.error });
  const map = roots(doc).ripples.get(id);
  if (!map) return fail({ kind: 'not-found' });
  run(doc, 'editRipple', () => {
    const changed: Partial<Ripple> = {};
    for (const key of Object.keys(patch) as (keyof Ripple)[])
      Object.assign(changed, { [key]: parsed.value[key] });
    writeFields(map, { ...changed, updatedAt: now });
  });
  return ok(parsed.value);
}

/** A participant takes back their own ripple while it still waits in the inbox. */
export function withdrawRipple(doc: Y.Doc, actor: Actor, id: string): CommandResult {
  const current = readRipple(doc, id);
  if (!current) return fail({ kind: 'not-found' });
  const denied = refusal(doc, actor, { kind: 'edit', ripple: current });
  if (denied) return denied;
  run(doc, 'withdrawRipple', () => roots(doc).ripples.delete(id));
  return ok(undefined);
}

/** The facilitator removes a ripple with its links and the dots on it. */
export function deleteRipple(doc: Y.Doc, actor: Actor, id: string): CommandResult {
  const denied = refusal(doc, actor, { kind: 'arrange' });
  if (denied) return denied;
  const { ripples, links, votes } = roots(doc);
  if (!ripples.has(id)) return fail({ kind: 'not-found' });
  run(doc, 'deleteRipple', () => {
    ripples.delete(id);
    for (const link of readLinks(doc)) if (link.from === id || link.to === id) links.delete(link.id);
    for (const vote of readVotes(doc))
      if (vote.rippleId === id) votes.delete(voteKey(vote.voterId, vote.slot));
  });
  return ok(undefined);
}

/**
 * Accepts a waiting ripple onto the map (turning the causes its author proposed into
 * links, where that makes no loop) or hides it.
 */
export function setRippleStatus(
  doc: Y.Doc,
  actor: Actor,
  id: string,
  status: Ripple['status'],
  now = Date.now(),
): CommandResult {
  const denied = refusal(doc, actor, { kind: 'arrange' });
  if (denied) return denied;
  const current = readRipple(doc, id);
  const map = roots(doc).ripples.get(id);
  if (!current || !map) return fail({ kind: 'not-found' });
  run(doc, 'setRippleStatus', () => {
    writeFields(map, { status, updatedAt: now });
    if (status !== 'accepted') return;
    for (const cause of current.proposedCauses) {
      if (readRipple(doc, cause)?.status !== 'accepted') continue;
      if (wouldCreateCycle(readLinks(doc), cause, id)) continue;
      roots(doc).links.set(linkId(cause, id), { id: linkId(cause, id), from: cause, to: id, createdAt: now });
    }
  });
  return ok(undefined);
}

export function moveRipple(
  doc: Y.Doc,
  actor: Actor,
  id: string,
  position: { x: number; y: number },
): CommandResult {
  const denied = refusal(doc, actor, { kind: 'arrange' });
  if (denied) return denied;
  const map = roots(doc).ripples.get(id);
  if (!map) return fail({ kind: 'not-found' });
  if (!Number.isFinite(position.x) || !Number.isFinite(position.y))
    return fail({ kind: 'invalid', detail: 'position' });
  run(doc, 'moveRipple', () => writeFields(map, { position: { x: position.x, y: position.y } }));
  return ok(undefined);
}

/** Moves many ripples in one transaction (a "tidy up", a layout written back as positions). */
export function moveRipples(
  doc: Y.Doc,
  actor: Actor,
  positions: ReadonlyMap<string, { x: number; y: number }>,
): CommandResult {
  const denied = refusal(doc, actor, { kind: 'arrange' });
  if (denied) return denied;
  for (const p of positions.values())
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) return fail({ kind: 'invalid', detail: 'position' });
  const { ripples } = roots(doc);
  run(doc, 'moveRipples', () => {
    for (const [id, p] of positions) {
      const map = ripples.get(id);
      if (map) writeFields(map, { position: { x: Math.round(p.x), y: Math.round(p.y) } });
    }
  });
  return ok(undefined);
}

/**
 * Merges a duplicate (`sourceId`, usually waiting in the inbox) into a ripple already on
 * the map (`targetId`): the target keeps its text and gains the duplicate's author (and
 * co-authors), links and dots; the duplicate is removed. Nobody's contribution vanishes.
 *
 * @example
 * mergeRipples(doc, facilitator, 'pending-1', 'on-map-7');
 */
export function mergeRipples(
  doc: Y.Doc,
  actor: Actor,
  sourceId: string,
  targetId: string,
  now = Date.now(),
): CommandResult<Ripple> {
  const denied = refusal(doc, actor, { kind: 'arrange' });
  if (denied) return denied;
  if (sourceId === targetId) return fail({ kind: 'invalid', detail: 'merge: the same ripple' });
  const source = readRipple(doc, sourceId);
  const target = readRipple(doc, targetId);
  const { ripples, links, votes } = roots(doc);
  const targetMap = ripples.get(targetId);
  if (!source || !target || !targetMap) return fail({ kind: 'not-found' });
  const story = [target.story, source.story].filter((s) => s.trim() !== '').join('\n\n');
  const parsed = parseRipple({
    ...target,
    coAuthors: mergedCoAuthors(target, source, LIMITS.coAuthors),
    story: story.slice(0, LIMITS.rippleStory),
    updatedAt: now,
  });
  if (!parsed.ok) return fail({ kind: 'invalid', detail: parsed.error });
  run(doc, 'mergeRipples', () => {
    writeFields(targetMap, { coAuthors: parsed.value.coAuthors, story: parsed.value.story, updatedAt: now });
    const remaining = readLinks(doc).filter((l) => l.from !== sourceId && l.to !== sourceId);
    for (const link of readLinks(doc)) {
      if (link.from !== sourceId && link.to !== sourceId) continue;
      links.delete(link.id);
      const from = link.from === sourceId ? targetId : link.from;
      const to = link.to === sourceId ? targetId : link.to;
      if (from === to || wouldCreateCycle(remaining, from, to)) continue;
      const id = linkId(from, to);
      const moved = { id, from, to, createdAt: link.createdAt };
      links.set(id, moved);
      remaining.push(moved);
    }
    for (const vote of readVotes(doc))
      if (vote.rippleId === sourceId) votes.set(voteKey(vote.voterId, vote.slot), targetId);
    ripples.delete(sourceId);
  });
  return ok(parsed.value);
}

/**
 * Moves the session to another stage. Leaving reflection closes a dot vote that is still
 * open (the facilitator opens one with `openVoting`); closed makes the map read-only for
 * everyone until the facilitator reopens it.
 */
export function setSessionPhase(doc: Y.Doc, actor: Actor, phase: SessionPhase): CommandResult {
  const denied = refusal(doc, actor, { kind: 'settings' });
  if (denied) return denied;
  const votingOpen = phase === 'reflection' && readMeta(doc).votingOpen;
  return writeMeta(doc, 'setSessionPhase', { sessionPhase: phase, votingOpen });
}

/**
 * The facilitator opens a dot vote (REM's reflection): every participant gets `dots` dots
 * (1–10) and the counts stay hidden from every screen until `revealVotes`, so the dots
 * already placed do not steer the rest. Moves the session to reflection.
 */
export function openVoting(doc: Y.Doc, actor: Actor, dots: number): CommandResult {
  const denied = refusal(doc, actor, { kind: 'arrange' });
  if (denied) return denied;
  if (!Number.isInteger(dots) || dots < 1 || dots > LIMITS.dotsOffered)
    return fail({ kind: 'invalid', detail: `dots per participant: 1 to ${LIMITS.dotsOffered}` });
  return writeMeta(doc, 'openVoting', {
    votingOpen: true,
    votesRevealed: false,
    dotsPerParticipant: dots,
    sessionPhase: 'reflection',
  });
}

/** Stops the dot vote: phones can no longer place or move dots; the counts stay hidden. */
export function closeVoting(doc: Y.Doc, actor: Actor): CommandResult {
  const denied = refusal(doc, actor, { kind: 'settings' });
  if (denied) return denied;
  return writeMeta(doc, 'closeVoting', { votingOpen: false });
}

/** Shows (or hides again) the result of a closed vote on every screen; a vote still open is closed first. */
export function revealVotes(doc: Y.Doc, actor: Actor, shown = true): CommandResult {
  const denied = refusal(doc, actor, { kind: 'settings' });
  if (denied) return denied;
  return writeMeta(
    doc,
    'revealVotes',
    shown ? { votingOpen: false, votesRevealed: true } : { votesRevealed: false },
  );
}

/** Removes every dot, for a fresh round; only while no vote is open. */
export function clearVotes(doc: Y.Doc, actor: Actor): CommandResult {
  const denied = refusal(doc, actor, { kind: 'arrange' });
  if (denied) return denied;
  if (readMeta(doc).votingOpen) return fail({ kind: 'invalid', detail: 'close the vote first' });
  run(doc, 'clearVotes', () => {
    const { votes, meta } = roots(doc);
    for (const key of [...votes.keys()]) votes.delete(key);
    if (meta.get('votesRevealed') === true) meta.set('votesRevealed', false);
  });
  return ok(undefined);
}

/**
 * Switches the session's main codebook without losing what codes meant. Each confirmed
 * code is either mapped to a code of the new codebook (`mapping[old] = new`) or kept as an
 * extra code from the codebook it came from (so it keeps that codebook's label and colour,
 * never a raw key). One transaction: nobody sees half a switch.
 *
 * @example
 * switchCodebook(doc, facilitator, 'borging', { ownership: 'key_people' }); // other codes kept
 */
export function switchCodebook(
  doc: Y.Doc,
  actor: Actor,
  codebookId: string,
  mapping: Readonly<Record<string, string | null>> = {},
): CommandResult {
  const denied = refusal(doc, actor, { kind: 'arrange' });
  if (denied) return denied;
  const meta = readMeta(doc);
  const target = findCodebook(meta, codebookId);
  if (!target) return fail({ kind: 'invalid', detail: `no codebook ${codebookId}` });
  const from = meta.codebook;
  const known = new Set(target.codes.map((c) => c.id));
  const changes: [RippleMap, Partial<Ripple>][] = [];
  for (const [id, map] of roots(doc).ripples.entries()) {
    const ripple = readRipple(doc, id);
    if (!ripple?.code || from === codebookId) continue;
    const mapped = mapping[ripple.code] ?? null;
    if (mapped !== null && !known.has(mapped)) return fail({ kind: 'invalid', detail: `no code ${mapped}` });
    const kept = ripple.extraCodes.some((c) => c.codebook === from && c.code === ripple.code);
    const extraCodes =
      mapped !== null || kept
        ? ripple.extraCodes
        : [...ripple.extraCodes, { codebook: from, code: ripple.code }];
    const parsed = parseRipple({ ...ripple, code: mapped, extraCodes });
    if (!parsed.ok) return fail({ kind: 'invalid', detail: parsed.error });
    changes.push([map as RippleMap, { code: mapped, extraCodes }]);
  }
  run(doc, 'switchCodebook', () => {
    for (const [map, fields] of changes) writeFields(map, fields);
    if (roots(doc).meta.get('codebook') !== codebookId) roots(doc).meta.set('codebook', codebookId);
  });
  return ok(undefined);
}

/** "from led to to". Refused when it would close a loop. */
export function linkRipples(
  doc: Y.Doc,
  actor: Actor,
  from: string,
  to: string,
  now = Date.now(),
): CommandResult {
  const denied = refusal(doc, actor, { kind: 'arrange' });
  if (denied) return denied;
  if (!readRipple(doc, from) || !readRipple(doc, to)) return fail({ kind: 'not-found' });
  if (wouldCreateCycle(readLinks(doc), from, to)) return fail({ kind: 'cycle' });
  const id = linkId(from, to);
  run(doc, 'linkRipples', () => roots(doc).links.set(id, { id, from, to, createdAt: now }));
  return ok(undefined);
}

export function unlinkRipples(doc: Y.Doc, actor: Actor, from: string, to: string): CommandResult {
  const denied = refusal(doc, actor, { kind: 'arrange' });
  if (denied) return denied;
  const id = linkId(from, to);
  if (!roots(doc).links.has(id)) return fail({ kind: 'not-found' });
  run(doc, 'unlinkRipples', () => roots(doc).links.delete(id));
  return ok(undefined);
}

/**
 * Puts one of the actor's dots on a ripple during a reflection round: a participant's next
 * free dot, while the vote is open and they have one left (the facilitator's dots are map
 * work, see `voteAction`).
 */
export function castVote(doc: Y.Doc, actor: Actor, rippleId: string): CommandResult {
  const slot = nextFreeSlot(doc, actor.id);
  const denied = refusal(doc, actor, voteAction(actor, actor.id, slot));
  if (denied) return denied;
  if (readRipple(doc, rippleId)?.status !== 'accepted') return fail({ kind: 'not-found' });
  run(doc, 'castVote', () => roots(doc).votes.set(voteKey(actor.id, slot), rippleId));
  return ok(undefined);
}

/** Takes one of the actor's dots back off a ripple (while the vote is open, for a participant). */
export function withdrawVote(doc: Y.Doc, actor: Actor, rippleId: string): CommandResult {
  const mine = readVotes(doc).find((v) => v.voterId === actor.id && v.rippleId === rippleId);
  const denied = refusal(doc, actor, voteAction(actor, actor.id, mine?.slot ?? 0));
  if (denied) return denied;
  if (!mine) return fail({ kind: 'not-found' });
  run(doc, 'withdrawVote', () => roots(doc).votes.delete(voteKey(mine.voterId, mine.slot)));
  return ok(undefined);
}
