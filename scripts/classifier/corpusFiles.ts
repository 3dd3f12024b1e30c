import { readFileSync } from 'node:fs';

/**
 * One written statement. `codebook` and `code` are null for off-topic statements, which
 * count as "no code" for every codebook.
 */
export interface CorpusStatement {
  text: string;
  lang: 'nl' | 'en';
  codebook: string | null;
  code: string | null;
}

/** Which codebook a source file's statements belong to, by file-name prefix. */
export const SOURCE_CODEBOOKS: ReadonlyArray<readonly [string, string]> = [
  ['borging', 'borging'],
  ['capitals', 'community-capitals'],
  ['equal', 'equal-collaboration'],
  ['', 'working-elements'],
];

export const corpusPath = (name: string): string =>
  new URL(`../../tests/shared/classifier/corpus/${name}`, import.meta.url).pathname;

export const loadCorpus = (name: 'train.corpus.json' | 'test.corpus.json'): CorpusStatement[] =>
  JSON.parse(readFileSync(corpusPath(name), 'utf8')) as CorpusStatement[];

/** mulberry32: a small seeded generator, so splits, folds and simulated sessions are reproducible. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
