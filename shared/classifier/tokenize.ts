import { foldWord } from './normalize';

/** A word of the ripple text, with where it sits so evidence can quote the text exactly. */
export interface Token {
  /** The folded form (see `foldWord`), used for every comparison. */
  word: string;
  /** UTF-16 offsets into the original text: `text.slice(start, end)` is the word as typed. */
  start: number;
  end: number;
}

/**
 * Ripples are one or two sentences (LIMITS.rippleText is 500 characters). Reading at most
 * this many words keeps a pasted novel from stalling the board, and keeps the result a
 * pure function of the text.
 */
export const MAX_TOKENS = 400;

/**
 * The longest word worth analysing. Dutch compounds run long ("ervaringsdeskundigheid" is
 * 22 letters), but a 200-letter "word" is a pasted URL or a cat on the keyboard, and
 * compound splitting and typo search grow with the square of the length.
 */
export const MAX_WORD_LENGTH = 40;

/**
 * Letters and digits, with an apostrophe allowed inside a word ("thema's", "didn't").
 * Hyphens split words, so "deur-aan-deur" and "drop-in" meet lexicon phrases word by word.
 */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/**
 * Splits a text into folded words with their original offsets.
 *
 * @example
 * tokenize('Deur-aan-deur gesprekken').map((t) => t.word); // ['deur', 'aan', 'deur', 'gesprekken']
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    if (match[0].length > MAX_WORD_LENGTH) continue;
    const word = foldWord(match[0]);
    if (word.length === 0) continue;
    tokens.push({ word, start: match.index, end: match.index + match[0].length });
    if (tokens.length >= MAX_TOKENS) break;
  }
  return tokens;
}
