import * as Y from 'yjs';
import { parseDraft, parsePair } from '../interview/parseInterview';
import { INTERVIEW_ROOTS, interviewEntriesFor } from '../interview/visibleTo';
import type { Ripple, SessionMeta } from '../model/ripple';
import { sameValue } from '../util/sameValue';
import type { DocChange } from './changes';
import { PARTICIPANT_CONTENT_FIELDS } from './permissions';
import { parseVoteKey, readMeta, readRippleMap } from './read';
import { isRootName, type RootName, roots } from './schema';
import { isViewClientId, writerOf } from './yjsInternals';

/**
 * What a phone may hold of a session: its view, derived entry by entry from the session
 * document. The server keeps one view document per participant and sends a phone only that
 * (server/rooms/phoneViews.ts); a phone's changes to its view are judged by the same rules as
 * before and written into the session document (docs/threat-model.md, "What a phone receives").
 *
 * A participant sees:
 * - the session meta;
 * - the ripples on the map (accepted), with the author's name only where the author chose to
 *   be named, and without anyone's participant id (so anonymous ripples cannot be tied to
 *   named ones); co-authors without names or ids;
 * - their own ripples in every status, and those they co-authored;
 * - the links between ripples they see;
 * - their own dots, and everyone's once the facilitator reveals the vote.
 */

/** The author id a phone sees on someone else's ripple. */
export const SOMEONE = '~';

/** One entry of a view: a key of a root map (a ripple, a link, a dot, a meta key). */
export interface ViewEntry {
  root: RootName;
  key: string;
}

/** A ripple as a view holds it: its stored fields. */
type RippleFields = Record<string, unknown>;

/**
 * What the views written together read of the session, read once for all of them: each
 * ripple parsed, and the meta. Valid while the session does not change.
 */
export class SessionReads {
  private readonly ripples = new Map<string, { ripple: Ripple; fields: RippleFields } | null>();
  private readonly shown = new Map<string, RippleFields>();
  private meta: SessionMeta | null = null;

  constructor(readonly full: Y.Doc) {}

  ripple(id: string): { ripple: Ripple; fields: RippleFields } | null {
    let read = this.ripples.get(id);
    if (read === undefined) {
      const map = roots(this.full).ripples.get(id);
      const ripple = readRippleMap(map);
      read = ripple && map ? { ripple, fields: map.toJSON() as RippleFields } : null;
      this.ripples.set(id, read);
    }
    return read;
  }

  /**
   * A ripple as everyone sees it who neither wrote it nor co-wrote it: one object for all
   * the views written together, which hold it by reference (see `writeViewEntry`).
   */
  shownToOthers(id: string, make: () => RippleFields): RippleFields {
    let shown = this.shown.get(id);
    if (!shown) {
      shown = make();
      this.shown.set(id, shown);
    }
    return shown;
  }

  get votesRevealed(): boolean {
    this.meta ??= readMeta(this.full);
    return this.meta.votesRevealed;
  }
}

function rippleFor(reads: SessionReads, id: string, viewerId: string): RippleFields | undefined {
  const read = reads.ripple(id);
  if (!read) return undefined;
  const { ripple, fields } = read;
  if (ripple.authorId === viewerId) return fields;
  // A co-author (merged duplicates, the asker of an interview) keeps it in their list.
  const coAuthor = (ripple.coAuthors ?? []).some((a) => a.id === viewerId);
  if (ripple.status !== 'accepted' && !coAuthor) return undefined;
  const shownTo = (viewer: string | null): RippleFields => {
    const shown: RippleFields = { ...fields, authorId: SOMEONE };
    if (!ripple.showAuthor) delete shown.authorName;
    if ('coAuthors' in shown)
      shown.coAuthors = (ripple.coAuthors ?? []).map((a) =>
        a.id === viewer ? a : { id: SOMEONE, name: '' },
      );
    return shown;
  };
  return coAuthor ? shownTo(viewerId) : reads.shownToOthers(id, () => shownTo(null));
}

function linkFor(reads: SessionReads, key: string, viewerId: string): unknown {
  const value = roots(reads.full).links.get(key) as { from?: unknown; to?: unknown } | undefined;
  if (!value || typeof value.from !== 'string' || typeof value.to !== 'string') return undefined;
  const seen = rippleFor(reads, value.from, viewerId) && rippleFor(reads, value.to, viewerId);
  return seen ? value : undefined;
}

function voteFor(reads: SessionReads, key: string, viewerId: string): unknown {
  const parsed = parseVoteKey(key);
  if (!parsed || (parsed.voterId !== viewerId && !reads.votesRevealed)) return undefined;
  return roots(reads.full).votes.get(key);
}

/** The id presenter screens act under (a viewer's actor id is its role). */
export const PRESENTER_ID = 'viewer';

/**
 * What a presenter screen holds of the interviews: the guide and the round, and how many
 * pairs and drafts there are (the projector counts them), without names, ids or texts.
 */
function presenterInterview(full: Y.Doc): ReturnType<typeof interviewEntriesFor> {
  const entries = interviewEntriesFor(full, PRESENTER_ID);
  const all = roots(full);
  for (const [key, value] of all.pairs.entries()) {
    const pair = parsePair(value);
    if (!pair.ok) continue;
    const members = pair.value.members.map((_, i) => ({ id: `${SOMEONE}${i}`, name: '' }));
    entries.pairs[key] = { ...pair.value, members };
  }
  for (const [key, value] of all.drafts.entries()) {
    const draft = parseDraft(value);
    if (draft.ok)
      entries.drafts[key] = { ...draft.value, text: '…', tellerId: `${SOMEONE}t`, askerId: `${SOMEONE}a` };
  }
  return entries;
}

/** Work shared by the entries of one view written together (the interview entries are read once). */
export interface ViewCache {
  reads: SessionReads;
  interview?: ReturnType<typeof interviewEntriesFor>;
}

/** The value `viewerId`'s view holds for one entry (undefined: the view does not have it). */
export function viewValue(
  full: Y.Doc,
  entry: ViewEntry,
  viewerId: string,
  cache: ViewCache = { reads: new SessionReads(full) },
): unknown {
  switch (entry.root) {
    case 'interview':
    case 'pairs':
    case 'drafts':
      cache.interview ??=
        viewerId === PRESENTER_ID ? presenterInterview(full) : interviewEntriesFor(full, viewerId);
      return cache.interview[entry.root][entry.key];
    case 'meta':
      return roots(full).meta.get(entry.key);
    case 'ripples':
      return rippleFor(cache.reads, entry.key, viewerId);
    case 'links':
      return linkFor(cache.reads, entry.key, viewerId);
    case 'votes':
      return voteFor(cache.reads, entry.key, viewerId);
  }
}

/** Every entry of the session document and of `view`: what a full comparison of the two covers. */
export function allEntries(full: Y.Doc, view?: Y.Doc): ViewEntry[] {
  const entries = new Map<string, ViewEntry>();
  for (const doc of view ? [full, view] : [full]) {
    const all = roots(doc);
    for (const root of Object.keys(all) as RootName[])
      for (const key of all[root].keys()) entries.set(`${root}\u0000${key}`, { root, key });
  }
  return [...entries.values()];
}

/**
 * The entries a change to the session document may have changed in a view: the changed
 * keys, the links of a ripple that changed (it may have come into view or gone), and every
 * dot when the vote is revealed or hidden again.
 */
export function entriesAfter(full: Y.Doc, changes: readonly DocChange[]): ViewEntry[] {
  const entries = new Map<string, ViewEntry>();
  const add = (root: RootName, key: string) => entries.set(`${root}\u0000${key}`, { root, key });
  const ripples = new Set<string>();
  let allVotes = false;
  let interview = false;
  for (const { path, key } of changes) {
    const [root, inner] = path;
    if (root === undefined || !isRootName(root)) continue;
    if (root === 'ripples') {
      const id = inner ?? key;
      if (id !== null && id !== undefined) ripples.add(id);
      continue;
    }
    if (key === null || inner !== undefined) continue;
    add(root, key);
    if (root === 'meta' && key === 'votesRevealed') allVotes = true;
    if ((INTERVIEW_ROOTS as readonly string[]).includes(root)) interview = true;
  }
  // Who sees which draft follows the pairs: any change to the interviews is read whole.
  if (interview)
    for (const name of INTERVIEW_ROOTS) for (const key of roots(full)[name].keys()) add(name, key);
  for (const id of ripples) add('ripples', id);
  if (ripples.size > 0)
    for (const [key, link] of roots(full).links.entries()) {
      const { from, to } = (link ?? {}) as { from?: unknown; to?: unknown };
      if (ripples.has(from as string) || ripples.has(to as string)) add('links', key);
    }
  if (allVotes) for (const key of roots(full).votes.keys()) add('votes', key);
  return [...entries.values()];
}

/** What a document holds for one entry, as plain values (a ripple: its fields). */
export function entryValue(doc: Y.Doc, entry: ViewEntry): unknown {
  const value = roots(doc)[entry.root].get(entry.key);
  return value instanceof Y.Map ? value.toJSON() : value;
}

/**
 * Makes `doc` hold `value` for one entry, writing only what differs: a ripple field by
 * field (so concurrent edits of other fields stay), any other entry as one value.
 */
export function writeEntry(doc: Y.Doc, entry: ViewEntry, value: unknown): void {
  const map = roots(doc)[entry.root] as Y.Map<unknown>;
  if (value === undefined) {
    if (map.has(entry.key)) map.delete(entry.key);
    return;
  }
  if (entry.root !== 'ripples') {
    if (!sameValue(entryValue(doc, entry), value)) map.set(entry.key, value);
    return;
  }
  const fields = value as RippleFields;
  let ripple = map.get(entry.key);
  if (!(ripple instanceof Y.Map)) {
    ripple = new Y.Map<unknown>();
    map.set(entry.key, ripple);
  }
  const target = ripple as Y.Map<unknown>;
  for (const key of [...target.keys()]) if (!Object.hasOwn(fields, key)) target.delete(key);
  for (const [key, field] of Object.entries(fields))
    if (!target.has(key) || !sameValue(target.get(key), field)) target.set(key, field);
}

/**
 * `writeEntry` for a view. Another participant's ripple (`authorId` SOMEONE) is held as one
 * plain value instead of a Y.Map of its fields: every phone in front of an accepted ripple
 * has it in its view, and a map costs the server an item per field per view, the plain value
 * one item per view, sharing the object the views were written from (`SessionReads`). The
 * phone reads either (`readRippleEntry`); only the participant's own ripples, which the phone
 * edits, stay maps.
 */
export function writeViewEntry(view: Y.Doc, entry: ViewEntry, value: unknown): void {
  const fields = value as RippleFields | undefined;
  if (entry.root !== 'ripples' || fields?.authorId !== SOMEONE) {
    writeEntry(view, entry, value);
    return;
  }
  const map = roots(view).ripples as Y.Map<unknown>;
  const held = map.get(entry.key);
  if (held instanceof Y.Map || !sameValue(held, fields)) map.set(entry.key, fields);
}

/**
 * Whether the writer of a key counts as the phone: the phone's own client ids (those it
 * speaks for in awareness), or anyone but a view (set or removed).
 */
function phoneWrote(map: Y.Map<unknown>, key: string, phoneIds: ReadonlySet<number>): boolean {
  const writer = writerOf(map, key);
  return writer !== null && (phoneIds.has(writer) || !isViewClientId(writer));
}

/**
 * Whether what `view` holds for an entry, where it differs from what the view should hold
 * (`expected`), is the phone's own change rather than an earlier view's content that a
 * reconnecting phone brought back. Only the phone's changes are judged and written to the
 * session; the rest is simply set right in the view. `phoneIds`: the client ids the phone is
 * known by, which count as the phone's whatever their shape (a stock client may pick one
 * that looks like a view's).
 */
export function changedByPhone(
  view: Y.Doc,
  entry: ViewEntry,
  expected: unknown,
  phoneIds: ReadonlySet<number> = new Set(),
): boolean {
  const map = roots(view)[entry.root] as Y.Map<unknown>;
  if (!map.has(entry.key)) return writerOf(map, entry.key) !== null;
  if (phoneWrote(map, entry.key, phoneIds)) return true;
  const ripple = map.get(entry.key);
  if (entry.root !== 'ripples' || !(ripple instanceof Y.Map)) return false;
  const want = (expected ?? {}) as RippleFields;
  for (const field of new Set([...ripple.keys(), ...Object.keys(want)])) {
    const held = ripple.has(field) ? ripple.get(field) : undefined;
    if (!sameValue(held, want[field]) && phoneWrote(ripple, field, phoneIds)) return true;
  }
  return false;
}

/**
 * What a phone coming back to a new view (after a restart, or on another instance) claims of
 * one of its own entries. Its copy may be stale rather than changed: it may have missed that
 * the facilitator accepted or coded a ripple, or closed the vote. Without the view it wrote to,
 * the server cannot tell, so it takes from the phone only what a participant writes (the
 * content of their ripples), over what the session holds; the rest is set right. Null: nothing
 * to claim.
 *
 * An own ripple the phone no longer holds while the session still does is set right, not
 * withdrawn: Yjs does not record who removed a key, and the removal a phone brings back may be
 * an earlier view's. Keeping a ripple the phone meant to withdraw costs a tap; deleting one it
 * did not, a story.
 */
export function returningClaim(
  entry: ViewEntry,
  held: unknown,
  expected: unknown,
  votingOpen: boolean,
): unknown {
  if (entry.root === 'votes') return votingOpen ? held : null;
  if (entry.root === 'ripples' && held === undefined && expected !== undefined) return null;
  if (entry.root !== 'ripples' || held === undefined || expected === undefined) return held;
  const claim: RippleFields = { ...(expected as RippleFields) };
  const phone = held as RippleFields;
  for (const field of PARTICIPANT_CONTENT_FIELDS) {
    if (Object.hasOwn(phone, field)) claim[field] = phone[field];
    else delete claim[field];
  }
  // When it last changed says nothing on its own: the facilitator's accepting sets it too.
  if (sameValue(claim, expected)) return null;
  return { ...claim, updatedAt: phone.updatedAt ?? claim.updatedAt };
}

/** A document holding `viewerId`'s view of `full` (a presenter screen's export). */
export function viewDocument(full: Y.Doc, viewerId: string): Y.Doc {
  const view = new Y.Doc();
  view.transact(() => {
    const cache: ViewCache = { reads: new SessionReads(full) };
    for (const entry of allEntries(full))
      writeViewEntry(view, entry, viewValue(full, entry, viewerId, cache));
  });
  return view;
}
