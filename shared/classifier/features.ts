import { type Language, mainKey, wordKeys } from './stem';
import { detectLanguage, isStopword } from './stopwords';
import { type Token, tokenize } from './tokenize';

/**
 * What the learned model reads from a ripple. Keyword hits stop at the
 * vocabulary of whoever wrote the keywords; these features let a model trained on many
 * phrasings carry over to words it has not seen as whole words:
 * - `w:` the word's stem (Snowball plus the Dutch extras of `stem.ts`), stopwords included
 *   because some carry meaning here ("zelf", "samen", "elkaar", "themselves");
 * - `c:` character 4-grams of content words, so a typo or an unseen compound still shares
 *   most of its pieces with known words ("bewonrs", "buurtbudgetje");
 * - `p:` the known words inside a Dutch compound ("dorpsondersteuner" → dorp, ondersteun);
 * - `b:` stem bigrams, for what two words mean together ("zelf georganiseerd").
 */
export interface TextFeatures {
  /** The text as given: evidence quotes slices of it. */
  source: string;
  tokens: Token[];
  language: Language;
  /** Feature keys with the token each came from (a bigram counts for its first word). */
  keys: string[];
  origins: number[];
  /** Whether the key is a content feature (not a stopword's own stem): used for similarity. */
  isContent: boolean[];
}

/** A word's own features, independent of its neighbours: cached per word. */
interface WordFeatures {
  stem: string;
  keys: readonly string[];
  isStop: boolean;
}

/** Compound parts shorter than this say little ("rol", "dag" occur inside unrelated words). */
const MIN_PART = 4;
/** Dutch linking sounds between compound parts ("bewoner-s-avond", "buurt-en-huis"). */
const LINKS = ['en', 's', 'e'];
const NGRAM = 4;

const CACHE_LIMIT = 20_000;
const wordCache = new Map<string, WordFeatures>();

/** The same word needs the same vocabulary to split the same way: one cache per vocabulary. */
let cachedVocabulary: ReadonlySet<string> | null = null;

function stemOf(word: string, language: Language): string {
  return language === 'nl' ? mainKey(word) : (wordKeys(word, 'en')[0] ?? word);
}

function wordFeatures(word: string, language: Language, vocabulary: ReadonlySet<string>): WordFeatures {
  if (cachedVocabulary !== vocabulary) {
    wordCache.clear();
    cachedVocabulary = vocabulary;
  }
  const cacheKey = `${language}:${word}`;
  const cached = wordCache.get(cacheKey);
  if (cached) return cached;
  const isStop = isStopword(word, language);
  const stem = stemOf(word, language);
  const keys = [`w:${stem}`];
  if (!isStop && word.length >= NGRAM) {
    const padded = `<${word}>`;
    for (let i = 0; i + NGRAM <= padded.length; i++) keys.push(`c:${padded.slice(i, i + NGRAM)}`);
  }
  if (!isStop && language === 'nl' && word.length >= 2 * MIN_PART) {
    for (const part of compoundParts(word, vocabulary)) keys.push(`p:${part}`);
  }
  const features = { stem, keys, isStop };
  if (wordCache.size >= CACHE_LIMIT) wordCache.clear();
  wordCache.set(cacheKey, features);
  return features;
}

/**
 * One string per bigram, made once: a fresh concatenation per ripple would be hashed again
 * by every map that looks it up (the feature count, the model's index).
 */
const bigrams = new Map<string, Map<string, string>>();
let bigramCount = 0;

function bigramKey(first: string, second: string): string {
  let after = bigrams.get(first);
  if (!after) {
    after = new Map();
    bigrams.set(first, after);
  }
  let key = after.get(second);
  if (key === undefined) {
    if (bigramCount >= CACHE_LIMIT) {
      bigrams.clear();
      bigramCount = 0;
      after = new Map();
      bigrams.set(first, after);
    }
    key = `b:${first}_${second}`;
    after.set(second, key);
    bigramCount++;
  }
  return key;
}

/**
 * The known stems a Dutch compound is made of: every split into a known head (optionally
 * with a linking "s", "e" or "en") and a known tail. Known = in the model's vocabulary.
 *
 * @example
 * compoundParts('buurtbudget', new Set(['burt', 'budget'])); // ['burt', 'budget'] (stems: 'buurt' → 'burt')
 */
export function compoundParts(word: string, vocabulary: ReadonlySet<string>): string[] {
  const parts = new Set<string>();
  for (let split = MIN_PART; split <= word.length - MIN_PART; split++) {
    const tail = mainKey(word.slice(split));
    if (!vocabulary.has(tail)) continue;
    const head = word.slice(0, split);
    const heads = [head, ...LINKS.filter((link) => head.endsWith(link)).map((l) => head.slice(0, -l.length))];
    for (const candidate of heads) {
      if (candidate.length < MIN_PART) continue;
      const headStem = mainKey(candidate);
      if (vocabulary.has(headStem)) {
        parts.add(headStem);
        parts.add(tail);
        break;
      }
    }
  }
  return [...parts];
}

/**
 * Reads a ripple's features. `vocabulary` is the set of Dutch stems compounds may be split
 * into (stored with the model, so training and suggesting split alike).
 *
 * @example
 * readFeatures('Bewoners regelen het zelf', new Set()).keys; // ['w:bewoner', 'c:<bew', …, 'w:regel', …, 'b:bewoner_regel', 'w:het', 'b:regel_het', 'w:zelf', 'b:het_zelf']
 */
export function readFeatures(text: string, vocabulary: ReadonlySet<string>): TextFeatures {
  const source = typeof text === 'string' ? text : '';
  const tokens = tokenize(source);
  const language = detectLanguage(tokens.map((token) => token.word));
  const keys: string[] = [];
  const origins: number[] = [];
  const isContent: boolean[] = [];
  let previous: WordFeatures | null = null;
  tokens.forEach((token, index) => {
    const word = wordFeatures(token.word, language, vocabulary);
    for (const key of word.keys) {
      keys.push(key);
      origins.push(index);
      isContent.push(!word.isStop);
    }
    if (previous) {
      keys.push(bigramKey(previous.stem, word.stem));
      origins.push(previous.isStop && !word.isStop ? index : index - 1);
      isContent.push(!(previous.isStop && word.isStop));
    }
    previous = word;
  });
  return { source, tokens, language, keys, origins, isContent };
}
