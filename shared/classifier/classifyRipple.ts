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
  const lexicon = compileLexicon(codebook);
  const tokens = tokenize(typeof text === 'string' ? text : '');
  const language = detectLanguage(tokens.map((token) => token.word));
  const ranked = rankCodes(text, tokens, findMatches(tokens, lexicon, language), lexicon);
  const best = ranked[0];
  const code = best && best.score >= MIN_SCORE ? best.code : null;
  return { code, ranked, valence: suggestValence(tokens) };
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
  const lexicon = compileLexicon(codebook);
  const tokens = tokenize(typeof text === 'string' ? text : '');
  const language = detectLanguage(tokens.map((token) => token.word));
  const best = scoreCodes(findMatches(tokens, lexicon, language), lexicon)[0];
  return best && best.score >= MIN_SCORE ? best.code : null;
}
