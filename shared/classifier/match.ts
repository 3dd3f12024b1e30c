import { isOneEditApart } from './editDistance';
import {
  COMPOUND_MIN_PART,
  type CompiledLexicon,
  deletions,
  type LexiconWord,
  type PartialMatch,
  TYPO_MIN_LENGTH,
} from './lexicon';
import { type Language, mainKey, wordKeys } from './stem';
import { isStopword } from './stopwords';
import type { Token } from './tokenize';

/** Why a match counts less than a whole word: compound parts and typos are likelier accidents. */
export const MATCH_KIND_FACTOR = { word: 1, phrase: 1, compound: 0.8, typo: 0.8 } as const;
export type MatchKind = keyof typeof MATCH_KIND_FACTOR;

/** What is left of a compound beside a lexicon word must still be a word. */
const MIN_REST = 3;

/** One lexicon entry found in the text, covering tokens `first..last`. */
export interface Match {
  entryId: number;
  codeIndex: number;
  kind: MatchKind;
  weight: number;
  first: number;
  last: number;
}

/**
 * Words the text's language treats as function words cannot match the other language's
 * lexicon: Dutch "met" is not English "met", English "door" not Dutch "door".
 */
function mayMatchIn(word: string, language: Language, textLanguage: Language): boolean {
  return language === textLanguage || !isStopword(word, textLanguage);
}

/**
 * Whether a token is a form of a phrase word. Function words must be spelled exactly. In
 * Dutch a phrase often fuses with the next noun ("deur-aan-deurgesprekken"), so a
 * content word may also begin a longer token.
 */
function isFormOf(token: string, word: LexiconWord, language: Language): boolean {
  if (token === word.surface) return true;
  if (word.isStopword || isStopword(token, language)) return false;
  if (
    language === 'nl' &&
    word.surface.length >= COMPOUND_MIN_PART &&
    token.length - word.surface.length >= MIN_REST &&
    token.startsWith(word.surface)
  ) {
    return true;
  }
  const keys = wordKeys(token, language);
  return word.keys.some((key) => keys.includes(key));
}

/**
 * Finds every lexicon entry in the tokens: whole words in any inflection, phrases whose
 * words stand close together in any order, parts of Dutch compounds, and one-typo misspellings.
 */
export function findMatches(
  tokens: readonly Token[],
  lexicon: CompiledLexicon,
  textLanguage: Language,
): Match[] {
  const matches: Match[] = [];
  const seenPhrases = new Set<string>();
  const languages: readonly Language[] = textLanguage === 'nl' ? ['nl', 'en'] : ['en', 'nl'];
  tokens.forEach((token, index) => {
    for (const language of languages) {
      if (!mayMatchIn(token.word, language, textLanguage)) continue;
      const stop = isStopword(token.word, language);
      const { wordIds, triggers } = entriesOf(token.word, language, stop, lexicon);
      for (const id of wordIds) matches.push(toMatch(lexicon, id, 'word', index, index));
      if (wordIds.length === 0 && !stop) {
        for (const partial of partialMatches(token.word, language, lexicon)) {
          matches.push(toMatch(lexicon, partial.entryId, partial.kind, index, index));
        }
      }
      for (const id of triggers) {
        const span = matchPhrase(tokens, index, lexicon, id, language, textLanguage);
        if (!span) continue;
        const key = `${id}:${span[0]}:${span[1]}`;
        if (seenPhrases.has(key)) continue;
        seenPhrases.add(key);
        matches.push(toMatch(lexicon, id, 'phrase', span[0], span[1]));
      }
    }
  });
  return matches;
}

/**
 * The single-word entries a word is a form of, and the phrases it may trigger: they depend
 * on the word alone, so they are looked up once per word (per lexicon) rather than per
 * ripple — the server classifies every new ripple.
 */
function entriesOf(
  word: string,
  language: Language,
  stop: boolean,
  lexicon: CompiledLexicon,
): { wordIds: readonly number[]; triggers: readonly number[] } {
  const cacheKey = `${language}:${word}`;
  const cached = lexicon.entryCache.get(cacheKey);
  if (cached) return cached;
  const wordIds = new Set<number>(lexicon.wordsBySurface[language].get(word));
  const triggers = new Set<number>(lexicon.phrasesByTrigger[language].get(word));
  if (!stop) {
    for (const key of wordKeys(word, language)) {
      for (const id of lexicon.wordsByKey[language].get(key) ?? []) wordIds.add(id);
      for (const id of lexicon.phrasesByTrigger[language].get(key) ?? []) triggers.add(id);
    }
  }
  const entries = { wordIds: [...wordIds], triggers: [...triggers] };
  if (lexicon.entryCache.size >= PARTIAL_CACHE_LIMIT) lexicon.entryCache.clear();
  lexicon.entryCache.set(cacheKey, entries);
  return entries;
}

function toMatch(
  lexicon: CompiledLexicon,
  entryId: number,
  kind: MatchKind,
  first: number,
  last: number,
): Match {
  const entry = lexicon.entries[entryId];
  if (!entry) throw new Error(`classifier: no lexicon entry ${entryId}`);
  return {
    entryId,
    codeIndex: entry.codeIndex,
    kind,
    weight: entry.weight * MATCH_KIND_FACTOR[kind],
    first,
    last,
  };
}

/**
 * The phrase's words within a short window around the trigger token, each word at the
 * nearest token that is a form of it. Dutch moves verbs to the end and splits separable
 * verbs ("brachten de wensen in kaart"), so order is free and up to three other words may intervene.
 */
function matchPhrase(
  tokens: readonly Token[],
  triggerIndex: number,
  lexicon: CompiledLexicon,
  entryId: number,
  language: Language,
  textLanguage: Language,
): [number, number] | null {
  const entry = lexicon.entries[entryId];
  if (!entry) return null;
  const reach = entry.words.length + 2;
  const used = new Set<number>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const word of entry.words) {
    let found = -1;
    for (let distance = 0; distance <= reach && found < 0; distance++) {
      for (const j of distance === 0 ? [triggerIndex] : [triggerIndex - distance, triggerIndex + distance]) {
        const token = tokens[j];
        if (!token || used.has(j) || !mayMatchIn(token.word, language, textLanguage)) continue;
        if (isFormOf(token.word, word, language)) {
          found = j;
          break;
        }
      }
    }
    if (found < 0) return null;
    used.add(found);
    first = Math.min(first, found);
    last = Math.max(last, found);
  }
  return last - first <= reach ? [first, last] : null;
}

/**
 * Words that look like compounds of a lexicon word but are not ("televisie" is no "visie",
 * "doelgroep" no "doel"). Checked as prefixes, so plurals are covered.
 */
const NOT_COMPOUNDS = [
  'televisie',
  'supervisie',
  'revisie',
  'divisie',
  'doelgroep',
  'supermarkt',
  'brugklas',
];
const PARTIAL_CACHE_LIMIT = 20_000;

function partialMatches(word: string, language: Language, lexicon: CompiledLexicon): readonly PartialMatch[] {
  const cacheKey = `${language}:${word}`;
  const cached = lexicon.partialCache.get(cacheKey);
  if (cached) return cached;
  let found = language === 'nl' ? compoundParts(word, lexicon) : [];
  if (found.length === 0) found = typoMatches(word, language, lexicon);
  if (lexicon.partialCache.size >= PARTIAL_CACHE_LIMIT) lexicon.partialCache.clear();
  lexicon.partialCache.set(cacheKey, found);
  return found;
}

/**
 * Dutch writes compounds as one word ("inloopochtend", "buurthuiskamer",
 * "bewonersenquête"). Tries every split and keeps, per code, the longest lexicon word
 * found at either end, also across a linking s or e ("ontmoetingsruimte").
 */
function compoundParts(word: string, lexicon: CompiledLexicon): PartialMatch[] {
  if (word.length < COMPOUND_MIN_PART + MIN_REST || NOT_COMPOUNDS.some((prefix) => word.startsWith(prefix)))
    return [];
  const best = new Map<number, { entryId: number; length: number }>();
  const consider = (part: string) => {
    if (part.length < COMPOUND_MIN_PART || isStopword(part, 'nl')) return;
    for (const entryId of lexicon.compoundIndex.get(mainKey(part)) ?? []) {
      const entry = lexicon.entries[entryId];
      if (!entry) continue;
      const current = best.get(entry.codeIndex);
      if (!current || part.length > current.length)
        best.set(entry.codeIndex, { entryId, length: part.length });
    }
  };
  for (let split = MIN_REST; split <= word.length - MIN_REST; split++) {
    const head = word.slice(0, split);
    consider(head);
    if (/[se]$/.test(head)) consider(head.slice(0, -1));
    consider(word.slice(split));
  }
  return [...best.values()].map(({ entryId }) => ({ entryId, kind: 'compound' as const }));
}

/** Lexicon words one edit away, found through the deletion index and then verified. */
function typoMatches(word: string, language: Language, lexicon: CompiledLexicon): PartialMatch[] {
  if (word.length < TYPO_MIN_LENGTH - 1) return [];
  const index = lexicon.typoIndex[language];
  const candidates = new Set<number>(index.get(word));
  for (const variant of deletions(word)) for (const id of index.get(variant) ?? []) candidates.add(id);
  const found: PartialMatch[] = [];
  for (const entryId of [...candidates].sort((a, b) => a - b)) {
    const surface = lexicon.entries[entryId]?.words[0]?.surface;
    if (surface && surface !== word && isOneEditApart(word, surface)) found.push({ entryId, kind: 'typo' });
  }
  return found;
}
