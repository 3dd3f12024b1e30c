import type { Codebook } from '../codebooks/types';
import { type Language, mainKey, wordKeys } from './stem';
import { isStopword } from './stopwords';
import { tokenize } from './tokenize';

/** One word of a lexicon entry, folded, with its stems. */
export interface LexiconWord {
  surface: string;
  keys: readonly string[];
  isStopword: boolean;
}

/** One keyword or phrase of one code, ready to match. */
export interface LexiconEntry {
  id: number;
  codeIndex: number;
  language: Language;
  words: LexiconWord[];
  /** What a match is worth before match-kind discounts; see `entryWeight`. */
  weight: number;
}

export interface CompiledLexicon {
  codeIds: readonly string[];
  entries: readonly LexiconEntry[];
  /** Single-word entries by stem, per language. */
  wordsByKey: Record<Language, Map<string, number[]>>;
  /** Single-word entries by folded surface: how stopword tokens may still match exactly. */
  wordsBySurface: Record<Language, Map<string, number[]>>;
  /** Phrases by the stems and surface of their longest word, which triggers the search. */
  phrasesByTrigger: Record<Language, Map<string, number[]>>;
  /** Dutch single-word entries by the stem of the word as written, for compound parts. */
  compoundIndex: Map<string, number[]>;
  /** Single-word entries of 7+ letters by their one-letter deletions, for typo tolerance. */
  typoIndex: Record<Language, Map<string, number[]>>;
  /** Per-lexicon memo of compound and typo matches, by language and folded word. */
  partialCache: Map<string, readonly PartialMatch[]>;
  /** Per-lexicon memo of a word's single-word entries and phrase triggers (`match.ts`). */
  entryCache: Map<string, { wordIds: readonly number[]; triggers: readonly number[] }>;
}

/** A match inside a longer word (compound part) or with one typo. */
export interface PartialMatch {
  entryId: number;
  kind: 'compound' | 'typo';
}

/** A compound part must be this long to mean something ("doel" yes, "rol" no). */
export const COMPOUND_MIN_PART = 4;

/** Typo tolerance starts at seven letters: shorter Dutch words sit one edit from another real word. */
export const TYPO_MIN_LENGTH = 7;

const LANGUAGES: readonly Language[] = ['nl', 'en'];
const compiled = new WeakMap<Codebook, CompiledLexicon>();

/**
 * Indexes a codebook's keywords for matching. Memoised per codebook object, so callers
 * that classify many ripples should keep passing the same object.
 *
 * @example
 * compileLexicon(WORKING_ELEMENTS).codeIds; // ['needs', 'vision', 'ownership', 'connection', 'flexibility']
 */
export function compileLexicon(codebook: Codebook): CompiledLexicon {
  const cached = compiled.get(codebook);
  if (cached) return cached;
  const lexicon = buildLexicon(codebook);
  compiled.set(codebook, lexicon);
  return lexicon;
}

const perLanguage = <T>(make: () => T): Record<Language, T> => ({ nl: make(), en: make() });

function buildLexicon(codebook: Codebook): CompiledLexicon {
  const lexicon: CompiledLexicon = {
    codeIds: codebook.codes.map((code) => code.id),
    entries: [],
    wordsByKey: perLanguage(() => new Map()),
    wordsBySurface: perLanguage(() => new Map()),
    phrasesByTrigger: perLanguage(() => new Map()),
    compoundIndex: new Map(),
    typoIndex: perLanguage(() => new Map()),
    partialCache: new Map(),
    entryCache: new Map(),
  };
  const entries: LexiconEntry[] = [];
  // How many codes share each keyword: a keyword in two codes says half as much about either.
  const codesPerPhrase = new Map<string, Set<number>>();
  const parsed: Array<{ codeIndex: number; language: Language; words: string[] }> = [];
  codebook.codes.forEach((code, codeIndex) => {
    for (const language of LANGUAGES) {
      const seen = new Set<string>();
      for (const keyword of code.keywords[language]) {
        const words = tokenize(keyword).map((token) => token.word);
        const phrase = words.join(' ');
        if (words.length === 0 || seen.has(phrase)) continue;
        seen.add(phrase);
        parsed.push({ codeIndex, language, words });
        const sharing = codesPerPhrase.get(`${language}:${phrase}`) ?? new Set();
        sharing.add(codeIndex);
        codesPerPhrase.set(`${language}:${phrase}`, sharing);
      }
    }
  });
  for (const { codeIndex, language, words } of parsed) {
    const shared = codesPerPhrase.get(`${language}:${words.join(' ')}`)?.size ?? 1;
    const entry: LexiconEntry = {
      id: entries.length,
      codeIndex,
      language,
      words: words.map((surface) => ({
        surface,
        keys: wordKeys(surface, language),
        isStopword: isStopword(surface, language),
      })),
      weight: entryWeight(words.length) / shared,
    };
    entries.push(entry);
    indexEntry(lexicon, entry);
  }
  lexicon.entries = entries;
  return lexicon;
}

/**
 * A phrase is more specific than a single word ("in kaart" against "kaart"), so it weighs
 * more; longer phrases do not weigh more again, to keep one long phrase from outvoting
 * several independent cues.
 */
export function entryWeight(wordCount: number): number {
  return wordCount > 1 ? 1.5 : 1;
}

function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (list.at(-1) !== id) list.push(id);
}

function indexEntry(lexicon: CompiledLexicon, entry: LexiconEntry): void {
  const { language, id } = entry;
  if (entry.words.length === 1) {
    const word = entry.words[0] as LexiconWord;
    push(lexicon.wordsBySurface[language], word.surface, id);
    if (!word.isStopword) for (const key of word.keys) push(lexicon.wordsByKey[language], key, id);
    // Only the stem of the word as written: a participle's extra stems ("geleerd" → "leer")
    // would otherwise turn up inside unrelated words ("instal-leren").
    if (language === 'nl' && !word.isStopword && word.surface.length >= COMPOUND_MIN_PART) {
      push(lexicon.compoundIndex, mainKey(word.surface), id);
    }
    if (word.surface.length >= TYPO_MIN_LENGTH) {
      for (const variant of deletions(word.surface)) push(lexicon.typoIndex[language], variant, id);
      push(lexicon.typoIndex[language], word.surface, id);
    }
    return;
  }
  const trigger = entry.words.reduce((a, b) => (b.surface.length > a.surface.length ? b : a));
  push(lexicon.phrasesByTrigger[language], trigger.surface, id);
  if (!trigger.isStopword) for (const key of trigger.keys) push(lexicon.phrasesByTrigger[language], key, id);
}

/** Every string one deletion away from `word`. */
export function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
