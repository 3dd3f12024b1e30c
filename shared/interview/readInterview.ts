import type * as Y from 'yjs';
import { roots } from '../doc/schema';
import type { Draft, InterviewSettings, Pair } from '../model/interview';
import { parseDraft, parsePair, settingsFromEntries } from './parseInterview';

/** The interview guide, round settings and timer; invalid or missing keys read as defaults. */
export function readInterview(doc: Y.Doc): InterviewSettings {
  return settingsFromEntries(roots(doc).interview.toJSON() as Record<string, unknown>);
}

export function readPair(doc: Y.Doc, id: string): Pair | null {
  const parsed = parsePair(roots(doc).pairs.get(id));
  return parsed.ok && parsed.value.id === id ? parsed.value : null;
}

/** Every valid pair, of every round, oldest first. */
export function readPairs(doc: Y.Doc): Pair[] {
  const out: Pair[] = [];
  for (const id of roots(doc).pairs.keys()) {
    const pair = readPair(doc, id);
    if (pair) out.push(pair);
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function readDraft(doc: Y.Doc, id: string): Draft | null {
  const parsed = parseDraft(roots(doc).drafts.get(id));
  return parsed.ok && parsed.value.id === id ? parsed.value : null;
}

/** Every valid draft, oldest first. */
export function readDrafts(doc: Y.Doc): Draft[] {
  const out: Draft[] = [];
  for (const id of roots(doc).drafts.keys()) {
    const draft = readDraft(doc, id);
    if (draft) out.push(draft);
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** The pair `participantId` is in during `round`, or null. */
export function pairOf(pairs: readonly Pair[], participantId: string, round: number): Pair | null {
  return pairs.find((p) => p.round === round && p.members.some((m) => m.id === participantId)) ?? null;
}
