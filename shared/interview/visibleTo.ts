import * as Y from 'yjs';
import { roots } from '../doc/schema';
import { isValidInterviewEntry, parseDraft, parsePair } from './parseInterview';
import { participantNumber } from './participantNumber';

/** The session document's roots that hold the interviews in pairs. */
export const INTERVIEW_ROOTS = ['interview', 'pairs', 'drafts'] as const;
export type InterviewRootName = (typeof INTERVIEW_ROOTS)[number];

/**
 * The entries of the interview roots that one participant's phone may hold, as plain values:
 * the whole `interview` root (guide, round settings, timer: everyone's), the pairs the
 * participant is in or is invited to join by their number, and the drafts of those pairs; never another pair or its drafts. A
 * partner's name is in the pair only when they chose to be named (a pair stores '' for
 * anonymous); the partner's id stays, as the ripples sent from their drafts are theirs.
 * For building a per-participant projection of the document.
 *
 * @example
 * const { pairs, drafts } = interviewEntriesFor(doc, 'p-ans');
 */
export function interviewEntriesFor(
  doc: Y.Doc,
  participantId: string,
): Record<InterviewRootName, Record<string, unknown>> {
  const { interview, pairs, drafts } = roots(doc);
  const out: Record<InterviewRootName, Record<string, unknown>> = { interview: {}, pairs: {}, drafts: {} };
  for (const [key, value] of interview.entries()) {
    if (!(value instanceof Y.AbstractType) && isValidInterviewEntry(key, value)) out.interview[key] = value;
  }
  const own = new Set<string>();
  const number = participantNumber(participantId);
  for (const [key, value] of pairs.entries()) {
    const parsed = parsePair(value);
    if (!parsed.ok || parsed.value.id !== key) continue;
    const invited = parsed.value.invite === number && parsed.value.members.length === 1;
    if (!invited && !parsed.value.members.some((m) => m.id === participantId)) continue;
    own.add(key);
    out.pairs[key] = value;
  }
  for (const [key, value] of drafts.entries()) {
    const parsed = parseDraft(value);
    if (!parsed.ok || parsed.value.id !== key || !own.has(parsed.value.pairId)) continue;
    out.drafts[key] = value;
  }
  return out;
}
