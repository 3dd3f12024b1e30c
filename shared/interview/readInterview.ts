import type * as Y from 'yjs';
import { roots } from '../doc/schema';
import type { Draft, InterviewSettings, Pair } from '../model/interview';
import type { Result } from '../util/result';
import { parseDraft, parsePair, settingsFromEntries } from './parseInterview';

/** The interview guide, round settings and timer; invalid or missing keys read as defaults. */
export function readInterview(doc: Y.Doc): InterviewSettings {
  return settingsFromEntries(roots(doc).interview.toJSON() as Record<string, unknown>);
}

type Parse<T> = (input: unknown) => Result<T>;

/** The entry under `id`, when it parses and names itself by that key. */
function readEntry<T extends { id: string }>(map: Y.Map<unknown>, parse: Parse<T>, id: string): T | null {
  const parsed = parse(map.get(id));
  return parsed.ok && parsed.value.id === id ? parsed.value : null;
}

/** Every valid entry, oldest first. */
function readEntries<T extends { id: string; createdAt: number }>(map: Y.Map<unknown>, parse: Parse<T>): T[] {
  const out: T[] = [];
  for (const id of map.keys()) {
    const entry = readEntry(map, parse, id);
    if (entry) out.push(entry);
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export const readPair = (doc: Y.Doc, id: string): Pair | null => readEntry(roots(doc).pairs, parsePair, id);
/** Every valid pair, of every round, oldest first. */
export const readPairs = (doc: Y.Doc): Pair[] => readEntries(roots(doc).pairs, parsePair);
export const readDraft = (doc: Y.Doc, id: string): Draft | null =>
  readEntry(roots(doc).drafts, parseDraft, id);
/** Every valid draft, oldest first. */
export const readDrafts = (doc: Y.Doc): Draft[] => readEntries(roots(doc).drafts, parseDraft);

/** The pair `participantId` is in (or invites from) during `round`, or null. */
export function pairOf(pairs: readonly Pair[], participantId: string, round: number): Pair | null {
  return pairs.find((p) => p.round === round && p.members.some((m) => m.id === participantId)) ?? null;
}
