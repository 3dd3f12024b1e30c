import type * as Y from 'yjs';
import { addDraft, editDraft } from '../../shared/doc/interviewCommands';
import { roots } from '../../shared/doc/schema';
import { parseDraft } from '../../shared/interview/parseInterview';
import { readDraft, readDrafts, readPairs } from '../../shared/interview/readInterview';
import { type Draft, rippleIdOfDraft } from '../../shared/model/interview';
import type { Actor } from '../../shared/model/ripple';
import { readStored, removeStored, writeStored } from '../util/storage';

/**
 * The drafts of a phone's pairs, through a start-over (client/phone/rescue.ts does the same
 * for its own ripples): when the server refuses one update, the phone throws its document
 * away, and drafts written offline would go with it. They are kept in this browser first
 * and written back, with the same ids, once the fresh document has synced.
 */

export const rescueKey = (sessionId: string, participantId: string) =>
  `kringen:rescue-drafts:${sessionId}:${participantId}`;

/** The unsent drafts of every pair `actor` is in. */
export function draftsToRescue(doc: Y.Doc, actor: Actor): Draft[] {
  const mine = new Set(
    readPairs(doc)
      .filter((p) => p.members.some((m) => m.id === actor.id))
      .map((p) => p.id),
  );
  return readDrafts(doc).filter((d) => d.state === 'draft' && mine.has(d.pairId));
}

/**
 * Writes rescued drafts back: one the server lacks is added again (unless its ripple was
 * sent meanwhile), one it holds unsent gets the phone's text; a sent one stays as it is.
 * Returns how many were written.
 */
export function restoreDrafts(doc: Y.Doc, actor: Actor, drafts: readonly Draft[]): number {
  let written = 0;
  for (const draft of drafts) {
    if (roots(doc).ripples.has(rippleIdOfDraft(draft.id))) continue;
    const current = readDraft(doc, draft.id);
    const { text, question, when, intended, valence } = draft;
    const input = { text, question, when, intended, valence };
    const result = current
      ? current.state === 'sent' ||
        JSON.stringify({ ...current, updatedAt: 0 }) === JSON.stringify({ ...draft, updatedAt: 0 })
        ? null
        : editDraft(doc, actor, draft.id, input)
      : addDraft(doc, actor, draft.pairId, draft, input, { id: draft.id, now: draft.createdAt });
    if (result?.ok) written++;
  }
  return written;
}

/** Before the start-over: keeps the drafts in this browser (merged with an earlier rescue). */
export function saveDraftsForRescue(
  sessionId: string,
  participantId: string,
  doc: Y.Doc,
  actor: Actor,
): void {
  const drafts = draftsToRescue(doc, actor);
  if (drafts.length === 0) return;
  const byId = new Map(loadRescuedDrafts(sessionId, participantId).map((d) => [d.id, d]));
  for (const draft of drafts) byId.set(draft.id, draft);
  writeStored(rescueKey(sessionId, participantId), [...byId.values()]);
}

function loadRescuedDrafts(sessionId: string, participantId: string): Draft[] {
  const parse = (value: unknown) =>
    Array.isArray(value)
      ? value.flatMap((item) => {
          const p = parseDraft(item);
          return p.ok ? [p.value] : [];
        })
      : null;
  return readStored(rescueKey(sessionId, participantId), parse) ?? [];
}

/** After the fresh sync: writes the kept drafts back and forgets them. */
export function restoreRescuedDrafts(
  sessionId: string,
  participantId: string,
  doc: Y.Doc,
  actor: Actor,
): void {
  restoreDrafts(doc, actor, loadRescuedDrafts(sessionId, participantId));
  removeStored(rescueKey(sessionId, participantId));
}
