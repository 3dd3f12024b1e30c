import type { RippleInput } from '../../shared/doc/commands';
import type { Intended, RippleWhen, SessionMeta, Valence } from '../../shared/model/ripple';
import { readStored, removeStored, writeStored } from '../util/storage';

/**
 * What a participant is writing, as the guided flow holds it. Kept in localStorage on every
 * keystroke, so a reload, a dead battery or a closed tab does not lose half a ripple.
 */
export interface RippleDraft {
  text: string;
  /** '' not answered, 'programme' the project itself, else the id of a ripple on the map. */
  cause: string;
  /** '' not answered, 'phase:<id>', 'month:YYYY-MM' or 'date:YYYY-MM-DD' ('date:' while the day is being picked). */
  when: string;
  intended: Intended;
  valence: Valence;
  involved: string;
}

export const EMPTY_DRAFT: RippleDraft = {
  text: '',
  cause: '',
  when: '',
  intended: 'unknown',
  valence: 'unknown',
  involved: '',
};

const key = (sessionId: string, participantId: string) => `kringen:draft:${sessionId}:${participantId}`;

function parseDraft(value: unknown): RippleDraft | null {
  if (!value || typeof value !== 'object') return null;
  const merged = { ...EMPTY_DRAFT, ...(value as Partial<RippleDraft>) };
  return typeof merged.text === 'string' ? merged : null;
}

export function loadDraft(sessionId: string, participantId: string): RippleDraft {
  return readStored(key(sessionId, participantId), parseDraft) ?? EMPTY_DRAFT;
}

export function saveDraft(sessionId: string, participantId: string, draft: RippleDraft): void {
  if (JSON.stringify(draft) === JSON.stringify(EMPTY_DRAFT)) removeStored(key(sessionId, participantId));
  else writeStored(key(sessionId, participantId), draft);
}

export function parseWhen(value: string): RippleWhen | null {
  const at = value.indexOf(':');
  if (at < 0) return null;
  const kind = value.slice(0, at);
  const rest = value.slice(at + 1);
  if (kind === 'phase' && rest) return { kind: 'phase', value: rest };
  if (kind === 'month' && /^\d{4}-\d{2}$/.test(rest)) return { kind: 'month', value: rest };
  if (kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(rest)) return { kind: 'date', value: rest };
  return null;
}

/** The command input for a draft; "the project itself" is a first-order ripple: no proposed cause. */
export function draftToInput(draft: RippleDraft, authorName: string): RippleInput {
  const cause = draft.cause && draft.cause !== 'programme' ? [draft.cause] : [];
  return {
    text: draft.text.trim(),
    authorName,
    showAuthor: authorName !== '',
    involved: draft.involved.trim(),
    when: parseWhen(draft.when),
    intended: draft.intended,
    valence: draft.valence,
    proposedCauses: cause,
  };
}

/** Months a ripple can be placed in: the session's span, or the last two years. Newest first. */
export function monthsFor(meta: Pick<SessionMeta, 'spanStart' | 'spanEnd'>, now = new Date()): string[] {
  const current = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  const end = meta.spanEnd ?? current;
  const start = meta.spanStart ?? shift(end, -23);
  const out: string[] = [];
  for (let month = end; month >= start && out.length < 120; month = shift(month, -1)) out.push(month);
  return out;
}

function shift(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** "16 maart 2024" / "16 March 2024", in the interface's language. */
export function dayLabel(day: string, language: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(y, m - 1, d),
  );
}

export function monthLabel(month: string, language: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric' }).format(new Date(y, m - 1, 1));
}
