import { random } from './corpusFiles';

/** Letters a typo may put in, by the key it slips from: a rough QWERTY neighbourhood. */
const NEIGHBOURS: Readonly<Record<string, string>> = {
  a: 'sq',
  e: 'wr',
  i: 'uo',
  o: 'ip',
  u: 'yi',
  n: 'bm',
  r: 'et',
  t: 'ry',
  s: 'ad',
  l: 'k',
  d: 'sf',
  g: 'fh',
  k: 'jl',
  m: 'n',
};

/**
 * The text as a hurried typist might type it: each word of five letters or more gets, with
 * chance `rate`, one slip (a letter dropped, two swapped, one doubled, or a neighbouring
 * key). Seeded, so cross-validation and training see the same slips on every run.
 *
 * @example
 * withTypos('De bewoners organiseren het zelf', 1, 1); // e.g. 'De bewonrs organsieren het zelf'
 */
export function withTypos(text: string, seed: number, rate: number): string {
  const next = random(seed);
  return text.replace(/\p{L}{5,}/gu, (word) => {
    if (next() >= rate) return word;
    const at = 1 + Math.floor(next() * (word.length - 2));
    const kind = Math.floor(next() * 4);
    const letter = word[at] ?? '';
    if (kind === 0) return word.slice(0, at) + word.slice(at + 1);
    if (kind === 1) return word.slice(0, at) + (word[at + 1] ?? '') + letter + word.slice(at + 2);
    if (kind === 2) return word.slice(0, at) + letter + word.slice(at);
    const options = NEIGHBOURS[letter.toLowerCase()];
    if (!options) return word.slice(0, at) + word.slice(at + 1);
    return word.slice(0, at) + (options[Math.floor(next() * options.length)] ?? letter) + word.slice(at + 1);
  });
}
