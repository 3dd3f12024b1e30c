import type { CoAuthor, Language, Ripple } from '../model/ripple';
import type { SessionExport } from './sessionExport';

/**
 * What an export does with the names of the people who took part (AVG/GDPR): keep them,
 * replace each person by a stable pseudonym within the file ("Deelnemer 7"), or leave them
 * out. The choice is the facilitator's at every export (board panel and API `?names=`).
 */
export const NAME_POLICIES = ['keep', 'pseudonymise', 'drop'] as const;
export type NamePolicy = (typeof NAME_POLICIES)[number];

export const isNamePolicy = (value: unknown): value is NamePolicy =>
  NAME_POLICIES.includes(value as NamePolicy);

export interface NameMask {
  /** The name to write for a person (`id`, known as `name`), or '' when none may be written. */
  name(id: string, name: string): string;
  /** `text` with every name the mask knows replaced as the policy says. */
  text(text: string): string;
}

/** The words a masked file uses, in the session's language (the file's contents, like csv.ts's columns). */
const WORDS: Record<Language, { pseudonym: (n: number) => string; removed: string }> = {
  nl: { pseudonym: (n) => `Deelnemer ${n}`, removed: '[naam]' },
  en: { pseudonym: (n) => `Participant ${n}`, removed: '[name]' },
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A mask over the names in `ripples` (authors and co-authors). Pseudonyms are numbered in
 * the order people first appear (oldest ripple first), so one person is one number within
 * a file. Names are also replaced inside texts, stories and "involved", where people
 * sometimes name each other; a name nobody in the session carries cannot be recognised and
 * stays (docs/privacy.md says so).
 * Pseudonyms and removed names are written in `language` ("Deelnemer 7", "[naam]").
 */
export function nameMask(ripples: readonly Ripple[], policy: NamePolicy, language: Language): NameMask {
  const { pseudonym: label, removed } = WORDS[language];
  if (policy === 'keep') return { name: (_id, name) => name, text: (text) => text };
  const numbers = new Map<string, number>();
  const names = new Map<string, string>();
  const people = (r: Ripple): CoAuthor[] => [{ id: r.authorId, name: r.authorName }, ...(r.coAuthors ?? [])];
  for (const ripple of [...ripples].sort((a, b) => a.createdAt - b.createdAt)) {
    for (const person of people(ripple)) {
      const name = person.name.trim();
      // Anonymous people have no name to replace, and take no number.
      if (name === '') continue;
      if (!numbers.has(person.id)) numbers.set(person.id, numbers.size + 1);
      // One- and two-letter "names" would eat parts of words.
      if (name.length >= 3) names.set(name, person.id);
    }
  }
  const replacement = (id: string) => (policy === 'drop' ? '' : label(numbers.get(id) ?? 0));
  // Longest first, so "Anna de Vries" is replaced before "Anna".
  const known = [...names.keys()].sort((a, b) => b.length - a.length);
  const pattern =
    known.length > 0
      ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${known.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu')
      : null;
  const byLowerName = new Map([...names].map(([name, id]) => [name.toLowerCase(), id]));
  return {
    name: (id, name) => (name.trim() === '' ? '' : replacement(id)),
    text: (text) =>
      pattern
        ? text.replace(pattern, (found) => {
            const id = byLowerName.get(found.toLowerCase()) ?? '';
            return policy === 'drop' ? removed : replacement(id);
          })
        : text,
  };
}

/** A copy of `data` with every participant's name masked (`nameMask`). */
export function withNames(data: SessionExport, policy: NamePolicy): SessionExport {
  if (policy === 'keep') return data;
  const mask = nameMask(data.ripples, policy, data.session.language);
  return {
    ...data,
    ripples: data.ripples.map((ripple) => ({
      ...ripple,
      text: mask.text(ripple.text),
      story: mask.text(ripple.story),
      involved: mask.text(ripple.involved),
      authorName: mask.name(ripple.authorId, ripple.authorName),
      coAuthors: (ripple.coAuthors ?? []).map((co) => ({ id: co.id, name: mask.name(co.id, co.name) })),
    })),
  };
}
