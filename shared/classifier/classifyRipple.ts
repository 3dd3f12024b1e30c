import type { Codebook } from '../codebooks/types';
import { WORKING_ELEMENTS } from '../codebooks/workingElements';
import { compileLexicon } from './lexicon';
import { findMatches } from './match';
import { type RankedCode, rankCodes, scoreCodes } from './score';
import { detectLanguage } from './stopwords';
import { tokenize } from './tokenize';
import { type RippleValence, suggestValence } from './valence';

export interface Classification {
  /** The suggested code, or `null`: off-topic, or too little evidence to suggest honestly. */
  code: string | null;
  /** Every code of the codebook exactly once, best first, ties in codebook order. */
  ranked: RankedCode[];
  valence: RippleValence | null;
}

/**
 * The least evidence worth a suggestion: one whole keyword, or one keyword found inside a
 * compound or with a typo. A keyword that two codes share (worth half) is not enough.
 */
export const MIN_SCORE = 0.8;

/**
 * Suggests a code for a ripple from the codebook's keywords, with the words that led to it.
 * Pure and deterministic: the same text and codebook give the same result in Node and in
 * the browser. Dutch and English; handles inflections, diminutives, compounds, missing
 * diacritics and one typo in longer words.
 *
 * Keep passing the same codebook object: its index is built once and memoised per object.
 *
 * @example
 * classifyRipple('We zijn deur-aan-deur gegaan om wensen op te halen');
 * // { code: 'needs', ranked: [{ code: 'needs', score: 2.5, evidence: ['deur-aan-deur', 'wensen'] }, …], valence: null }
 */
export function classifyRipple(text: string, codebook: Codebook = WORKING_ELEMENTS): Classification {
  const { lexicon, tokens, matches } = readText(text, codebook);
  const ranked = rankCodes(text, tokens, matches, lexicon);
  return { code: suggestionOf(ranked[0]), ranked, valence: suggestValence(tokens) };
}

/**
 * The suggestion alone: always `classifyRipple(text, codebook).code`, without quoting the
 * evidence or reading the valence. The server suggests a code for every new ripple and
 * stores only the code; the board quotes the evidence with `classifyRipple`.
 *
 * @example
 * suggestCode('We zijn deur-aan-deur gegaan om wensen op te halen'); // 'needs'
 */
export function suggestCode(text: string, codebook: Codebook = WORKING_ELEMENTS): string | null {
  const { lexicon, matches } = readText(text, codebook);
  return suggestionOf(scoreCodes(matches, lexicon)[0]);
}

/** The text's words and the codebook's keywords found among them. */
function readText(text: string, codebook: Codebook) {
  const lexicon = compileLexicon(codebook);
  const tokens = tokenize(typeof text === 'string' ? text : '');
  const language = detectLanguage(tokens.map((token) => token.word));
  return { lexicon, tokens, matches: findMatches(tokens, lexicon, language) };
}

/** The best-scoring code when its evidence is strong enough to suggest, else null. */
function suggestionOf(best: { code: string; score: number } | undefined): string | null {
  return best && best.score >= MIN_SCORE ? best.code : null;
}
