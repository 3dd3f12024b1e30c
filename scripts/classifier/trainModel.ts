/**
 * Trains the classifier's linear model (multinomial logistic regression with L2) on corpus
 * statements. Pure and deterministic: the same statements and options give the same
 * weights, which is what `tests/shared/classifier/weights.test.ts` checks.
 */

import { readFeatures } from '../../shared/classifier/features';
import { featureVector, kindScales, type StoredModel } from '../../shared/classifier/model';
import { mainKey } from '../../shared/classifier/stem';
import { isStopword } from '../../shared/classifier/stopwords';
import { tokenize } from '../../shared/classifier/tokenize';
import type { Codebook } from '../../shared/codebooks/types';
import { withTypos } from './typos';

export interface TrainOptions {
  /** Feature kinds: `w` stems, `c` character 4-grams, `p` compound parts, `b` bigrams, `l` lexicon. */
  kinds: string[];
  /** What one occurrence of a feature of each kind counts (`KindScales` in model.ts). */
  scales: Record<string, number>;
  /** L2 penalty per weight. */
  l2: number;
  iterations: number;
  learningRate: number;
  /** A feature must occur in this many statements to get a weight. */
  minCount: number;
  /**
   * Each statement is also learned as this many copies with typos (`withTypos`, one slip in
   * a fifth of the longer words): the ripples people type are not proofread.
   */
  typoCopies: number;
}

export const DEFAULT_OPTIONS: TrainOptions = {
  kinds: ['w', 'c', 'p', 'b', 'l'],
  scales: { l: 0.5 },
  l2: 1e-5,
  iterations: 300,
  learningRate: 0.05,
  minCount: 2,
  typoCopies: 0,
};

/**
 * Where cross-validation chose otherwise for a codebook: with many statements per code, the
 * working elements and equal collaboration do better when a word's 4-grams count half and
 * the keywords less; the smaller borging and community-capitals parts lean on their keywords.
 */
const CODEBOOK_OPTIONS: Readonly<Record<string, Partial<TrainOptions>>> = {
  'working-elements': { scales: { c: 0.5, l: 0.25 } },
  'equal-collaboration': { scales: { c: 0.5, l: 0.25 } },
};

export const optionsFor = (codebook: string): TrainOptions => ({
  ...DEFAULT_OPTIONS,
  ...CODEBOOK_OPTIONS[codebook],
});

/**
 * Stored weights are integers: weight × SCALE, rounded. Two decimals cost nothing in
 * cross-validation against three, and keep the weights within their size budget
 * (issue 23: ≤ 300 KB gzipped); a feature whose weights all round to 0 is dropped.
 */
export const SCALE = 100;

/** The share of longer words a typo copy misspells. */
const TYPO_RATE = 0.2;

export interface LabelledText {
  text: string;
  /** A code of the codebook, or null for "no code". */
  code: string | null;
}

/** Dutch stems seen in at least two statements: what compounds may be split into. */
export function buildVocabulary(texts: readonly string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const stems = new Set<string>();
    for (const { word } of tokenize(text)) {
      if (word.length >= 4 && !isStopword(word, 'nl')) stems.add(mainKey(word));
    }
    for (const stem of stems) counts.set(stem, (counts.get(stem) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= 2).map(([stem]) => stem));
}

export function trainModel(
  items: readonly LabelledText[],
  codebook: Codebook,
  vocabulary: ReadonlySet<string>,
  options: TrainOptions = DEFAULT_OPTIONS,
): StoredModel {
  const classes = [...codebook.codes.map((code) => code.id), ''];
  const width = classes.length;
  const kinds = new Set(options.kinds);
  const scales = kindScales(options.scales);
  const copies = items.flatMap((item, i) =>
    Array.from({ length: options.typoCopies }, (_, k) => ({
      text: withTypos(item.text, i * 7 + k + 1, TYPO_RATE),
      code: item.code,
    })),
  );
  const learned = [...items, ...copies];
  const vectors = learned.map((item) =>
    featureVector(readFeatures(item.text, vocabulary), kinds, codebook, scales),
  );
  const labels = learned.map((item) => {
    const label = classes.indexOf(item.code ?? '');
    if (label < 0) throw new Error(`code ${item.code} is not in codebook ${codebook.id}`);
    return label;
  });

  const documentFrequency = new Map<string, number>();
  for (const vector of vectors) {
    for (const { key } of vector) documentFrequency.set(key, (documentFrequency.get(key) ?? 0) + 1);
  }
  const keys = [...documentFrequency]
    .filter(([key, n]) => n >= options.minCount || key.startsWith('l:'))
    .map(([key]) => key)
    .sort();
  const index = new Map(keys.map((key, f) => [key, f]));
  const rows = vectors.map((vector) => {
    const kept = vector.filter(({ key }) => index.has(key));
    return {
      features: Int32Array.from(kept, ({ key }) => index.get(key) ?? 0),
      values: Float64Array.from(kept, ({ value }) => value),
    };
  });

  const size = keys.length * width;
  const weights = new Float64Array(size + width); // the last `width` entries are the biases
  const gradient = new Float64Array(size + width);
  const moment1 = new Float64Array(size + width);
  const moment2 = new Float64Array(size + width);
  const probabilities = new Float64Array(width);
  const [beta1, beta2, epsilon] = [0.9, 0.999, 1e-8];
  const n = rows.length;

  for (let step = 1; step <= options.iterations; step++) {
    gradient.fill(0);
    rows.forEach((row, r) => {
      for (let c = 0; c < width; c++) probabilities[c] = weights[size + c] ?? 0;
      for (let i = 0; i < row.features.length; i++) {
        const base = (row.features[i] ?? 0) * width;
        const value = row.values[i] ?? 0;
        for (let c = 0; c < width; c++)
          probabilities[c] = (probabilities[c] ?? 0) + value * (weights[base + c] ?? 0);
      }
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < width; c++) max = Math.max(max, probabilities[c] ?? 0);
      let sum = 0;
      for (let c = 0; c < width; c++) {
        const e = Math.exp((probabilities[c] ?? 0) - max);
        probabilities[c] = e;
        sum += e;
      }
      for (let c = 0; c < width; c++) {
        const g = ((probabilities[c] ?? 0) / sum - (c === labels[r] ? 1 : 0)) / n;
        gradient[size + c] = (gradient[size + c] ?? 0) + g;
        for (let i = 0; i < row.features.length; i++) {
          const at = (row.features[i] ?? 0) * width + c;
          gradient[at] = (gradient[at] ?? 0) + g * (row.values[i] ?? 0);
        }
      }
    });
    const correction1 = 1 - beta1 ** step;
    const correction2 = 1 - beta2 ** step;
    for (let i = 0; i < weights.length; i++) {
      const g = (gradient[i] ?? 0) + (i < size ? options.l2 * (weights[i] ?? 0) : 0);
      moment1[i] = beta1 * (moment1[i] ?? 0) + (1 - beta1) * g;
      moment2[i] = beta2 * (moment2[i] ?? 0) + (1 - beta2) * g * g;
      const update = (moment1[i] ?? 0) / correction1 / (Math.sqrt((moment2[i] ?? 0) / correction2) + epsilon);
      weights[i] = (weights[i] ?? 0) - options.learningRate * update;
    }
  }

  const stored: Record<string, number[]> = {};
  keys.forEach((key, f) => {
    const row = Array.from({ length: width }, (_, c) => Math.round((weights[f * width + c] ?? 0) * SCALE));
    if (row.some((w) => w !== 0)) stored[key] = row;
  });
  return {
    codebook: codebook.id,
    classes,
    kinds: options.kinds,
    scales: options.scales,
    threshold: 0,
    scale: SCALE,
    bias: Array.from({ length: width }, (_, c) => Math.round((weights[size + c] ?? 0) * SCALE)),
    weights: stored,
  };
}
