import { foldWord } from './normalize';
import type { Language } from './stem';
import { STOPWORDS_EN, STOPWORDS_NL } from './stopwords.generated';

/** Folded like tokens, so "didn't" in the list meets "didnt" in a text. */
const STOPWORDS: Record<Language, ReadonlySet<string>> = {
  nl: new Set(STOPWORDS_NL.map(foldWord)),
  en: new Set(STOPWORDS_EN.map(foldWord)),
};

/** Whether a folded word is a function word in this language (stopwords-iso). */
export function isStopword(word: string, language: Language): boolean {
  return STOPWORDS[language].has(word);
}

/**
 * The language of a text, from its function words: the one whose stopwords (not shared
 * with the other language) occur more often. Dutch wins ties: the product is Dutch first.
 *
 * @example
 * detectLanguage(['we', 'asked', 'the', 'residents']); // 'en'
 */
export function detectLanguage(words: readonly string[]): Language {
  let nl = 0;
  let en = 0;
  for (const word of words) {
    const inNl = STOPWORDS.nl.has(word);
    const inEn = STOPWORDS.en.has(word);
    if (inNl && !inEn) nl++;
    else if (inEn && !inNl) en++;
  }
  return en > nl ? 'en' : 'nl';
}
