/**
 * Folds a word to the form lexicons and tokens are compared in: lower case, no
 * diacritics (ë, é, ï are typed both ways on phones: "ideeën" / "ideeen"), no
 * apostrophes, and no possessive or plural `'s` ("thema's" → "thema").
 *
 * @example
 * foldWord("Ideeën"); // 'ideeen'
 * foldWord("thema's"); // 'thema'
 */
export function foldWord(word: string): string {
  let folded = word.toLowerCase();
  // Only pay for Unicode normalisation when the word has something beyond ASCII.
  if (NON_ASCII.test(folded)) folded = folded.normalize('NFD').replace(COMBINING_MARKS, '');
  if (folded.endsWith("'s") || folded.endsWith('’s')) folded = folded.slice(0, -2);
  return folded.replace(APOSTROPHES, '');
}

const NON_ASCII = /[\u0080-\uffff]/;
const COMBINING_MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’‘`]/g;
