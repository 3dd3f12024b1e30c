import type { Codebook } from '../codebooks/types';
import type { TextFeatures } from './features';
import { compileLexicon } from './lexicon';
import { findMatches } from './match';
import { scoreCodes } from './score';

/**
 * A linear model (multinomial logistic regression) for one codebook, as stored in
 * `weights.generated.ts` by `npm run train:classifier`. The last class is "no code".
 */
export interface StoredModel {
  codebook: string;
  /** The codebook's code ids in the order the weights use, then `''` for "no code". */
  classes: string[];
  /** Which feature kinds the model reads (`w`, `c`, `p`, `b`, `l`): see `features.ts`. */
  kinds: string[];
  /**
   * How much one occurrence of a feature of each kind counts before the text vector is
   * scaled to unit length (`l`: a keyword score's factor); a kind not listed counts 1.
   */
  scales: Record<string, number>;
  /** A suggestion is shown when its probability reaches this (chosen by cross-validation). */
  threshold: number;
  /** Weights are stored as integers: weight = stored / scale. */
  scale: number;
  bias: number[];
  /** Per feature key, one integer weight per class. */
  weights: Record<string, number[]>;
}

export interface StoredWeights {
  /** Dutch stems a compound may be split into (`compoundParts`). */
  vocabulary: string[];
  models: StoredModel[];
}

/** A stored model made fast to apply: one flat array, features by index. */
export interface CompiledModel {
  codebook: string;
  classes: readonly string[];
  noCode: number;
  kinds: ReadonlySet<string>;
  scales: KindScales;
  threshold: number;
  bias: Float64Array;
  index: Map<string, number>;
  /** Row-major: feature `f`, class `c` at `f * classes.length + c`. */
  weights: Float64Array;
}

/**
 * Per feature kind (its key's first letter), what one occurrence counts: a word yields a
 * stem but many character 4-grams, which would otherwise outweigh it in the unit-length
 * vector. `l` scales the keyword scores, which are added after the text is scaled.
 */
export type KindScales = ReadonlyMap<string, number>;

export const kindScales = (scales: Readonly<Record<string, number>>): KindScales =>
  new Map(Object.entries(scales));

/** Every kind counts 1: the content vectors session examples are compared by. */
export const UNSCALED: KindScales = new Map();

export function compileModel(stored: StoredModel): CompiledModel {
  const width = stored.classes.length;
  const keys = Object.keys(stored.weights);
  const weights = new Float64Array(keys.length * width);
  const index = new Map<string, number>();
  keys.forEach((key, f) => {
    index.set(key, f);
    const row = stored.weights[key] ?? [];
    for (let c = 0; c < width; c++) weights[f * width + c] = (row[c] ?? 0) / stored.scale;
  });
  return {
    codebook: stored.codebook,
    classes: stored.classes,
    noCode: width - 1,
    kinds: new Set(stored.kinds),
    scales: kindScales(stored.scales),
    threshold: stored.threshold,
    bias: Float64Array.from(stored.bias, (b) => b / stored.scale),
    index,
    weights,
  };
}

/** One feature of a text with its value, and the token it came from (-1: the whole text). */
export interface FeatureValue {
  key: string;
  value: number;
  origin: number;
  isContent: boolean;
}

/**
 * The text's features as the model reads them: the kinds it uses, each distinct key once,
 * scaled to unit length (so long and short ripples weigh alike), plus the lexicon hits.
 */
export function featureVector(
  features: TextFeatures,
  kinds: ReadonlySet<string>,
  codebook: Codebook | null,
  scales: KindScales = UNSCALED,
): FeatureValue[] {
  const slots = new Map<string, FeatureValue>();
  const vector: FeatureValue[] = [];
  const { keys, origins, isContent } = features;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const kind = key[0] as string;
    if (!kinds.has(kind)) continue;
    const count = scales.get(kind) ?? 1;
    const existing = slots.get(key);
    if (existing) {
      existing.value += count;
      continue;
    }
    const feature = { key, value: count, origin: origins[i] ?? -1, isContent: isContent[i] ?? true };
    slots.set(key, feature);
    vector.push(feature);
  }
  let norm = 0;
  for (const feature of vector) norm += feature.value * feature.value;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (const feature of vector) feature.value *= scale;
  if (codebook && kinds.has('l')) vector.push(...lexiconFeatures(features, codebook, scales.get('l') ?? 1));
  return vector;
}

/** The keyword classifier's scores as features: the lexicon as a prior the model weighs. */
function lexiconFeatures(features: TextFeatures, codebook: Codebook, scale: number): FeatureValue[] {
  const lexicon = compileLexicon(codebook);
  const matches = findMatches(features.tokens, lexicon, features.language);
  const out: FeatureValue[] = [];
  for (const { code, score, taken } of scoreCodes(matches, lexicon)) {
    if (score <= 0) break;
    out.push({
      key: `l:${code}`,
      value: score * scale,
      origin: taken[0]?.first ?? -1,
      isContent: true,
    });
  }
  return out;
}

/** Each feature's row in the model's weights, -1 when the model does not know it. */
export function rowsOf(model: CompiledModel, vector: readonly FeatureValue[]): Int32Array {
  return Int32Array.from(vector, ({ key }) => model.index.get(key) ?? -1);
}

/** Class logits of a feature vector (`rows` from `rowsOf`). */
export function logits(
  model: CompiledModel,
  vector: readonly FeatureValue[],
  rows: Int32Array,
): Float64Array {
  const width = model.classes.length;
  const out = Float64Array.from(model.bias);
  for (let i = 0; i < vector.length; i++) {
    const f = rows[i] ?? -1;
    if (f < 0) continue;
    const value = vector[i]?.value ?? 0;
    const row = f * width;
    for (let c = 0; c < width; c++) out[c] = (out[c] ?? 0) + value * (model.weights[row + c] ?? 0);
  }
  return out;
}

/** Softmax, in place. */
export function softmax(values: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) max = Math.max(max, v);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const e = Math.exp((values[i] ?? 0) - max);
    values[i] = e;
    sum += e;
  }
  for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) / sum;
  return values;
}

/**
 * How much each token pushed each class above the others: per feature, its weight for the
 * class less its mean weight over all classes, times its value, summed per token of origin.
 * Function words are left out: "de" or "we" may weigh, but quoting them explains nothing.
 * Returns per token that counted, one push per class.
 */
export function tokenContributions(
  model: CompiledModel,
  vector: readonly FeatureValue[],
  rows: Int32Array,
): Map<number, Float64Array> {
  const width = model.classes.length;
  const byToken = new Map<number, Float64Array>();
  for (let i = 0; i < vector.length; i++) {
    const feature = vector[i];
    const f = rows[i] ?? -1;
    if (!feature || f < 0 || feature.origin < 0 || !feature.isContent) continue;
    const { value, origin } = feature;
    const row = f * width;
    let mean = 0;
    for (let k = 0; k < width; k++) mean += model.weights[row + k] ?? 0;
    mean /= width;
    let pushes = byToken.get(origin);
    if (!pushes) {
      pushes = new Float64Array(width);
      byToken.set(origin, pushes);
    }
    for (let k = 0; k < width; k++)
      pushes[k] = (pushes[k] ?? 0) + value * ((model.weights[row + k] ?? 0) - mean);
  }
  return byToken;
}
