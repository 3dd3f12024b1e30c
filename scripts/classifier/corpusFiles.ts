import { readdirSync, readFileSync } from 'node:fs';
import { readFeatures } from '../../shared/classifier/features';
import { contentVector } from '../../shared/classifier/sessionExamples';

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

/**
 * A corpus part. The training part is the split's `train.corpus.json` plus every statement
 * written after the split (`train-only/*.txt`): the test part stays as it was frozen.
 */
export function loadCorpus(name: 'train.corpus.json' | 'test.corpus.json'): CorpusStatement[] {
  const split = readSplit(name);
  if (name === 'test.corpus.json') return split;
  const dir = corpusPath('train-only');
  const later = readdirSync(dir)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .flatMap((file) => parseSourceFile(file, readFileSync(`${dir}/${file}`, 'utf8')));
  return [...split, ...withoutNearDuplicates(later, readSplit('test.corpus.json'))];
}

const readSplit = (name: string): CorpusStatement[] =>
  JSON.parse(readFileSync(corpusPath(name), 'utf8')) as CorpusStatement[];

/**
 * Statements written after the split came from the same hand as the test part, and some
 * retell one of its statements. Whatever looks that much like a test statement (cosine ≥
 * NEAR_DUPLICATE over content words, character 4-grams and bigrams) stays out of training.
 * The rule was fixed before it was applied; the test part is read only to compare texts.
 */
export const NEAR_DUPLICATE = 0.5;

export function withoutNearDuplicates(
  statements: readonly CorpusStatement[],
  test: readonly CorpusStatement[],
): CorpusStatement[] {
  const none = new Set<string>();
  const vectorOf = (text: string) =>
    new Map(contentVector(readFeatures(text, none)).map(({ key, value }) => [key, value]));
  const testVectors = test.map((s) => vectorOf(s.text));
  return statements.filter((s) => {
    const vector = vectorOf(s.text);
    return testVectors.every((other) => {
      let dot = 0;
      for (const [key, value] of vector) dot += value * (other.get(key) ?? 0);
      return dot < NEAR_DUPLICATE;
    });
  });
}

/** One source file: a line `lang|code|text` per statement, `none` for off-topic. */
export function parseSourceFile(file: string, content: string): CorpusStatement[] {
  const codebook = SOURCE_CODEBOOKS.find(([prefix]) => file.startsWith(prefix))?.[1];
  if (codebook === undefined) throw new Error(`no codebook for corpus file ${file}`);
  const statements: CorpusStatement[] = [];
  for (const line of content.split('\n')) {
    if (line.trim() === '') continue;
    const [lang, code, ...rest] = line.split('|');
    const text = rest.join('|').trim();
    if ((lang !== 'nl' && lang !== 'en') || !code || !text) throw new Error(`bad line in ${file}: ${line}`);
    statements.push(
      code === 'none' ? { text, lang, codebook: null, code: null } : { text, lang, codebook, code },
    );
  }
  return statements;
}

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
