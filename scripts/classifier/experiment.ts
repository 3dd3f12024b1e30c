/**
 * What cross-validation and the test evaluation share: which statements belong to a
 * codebook, seeded folds, and the simulated facilitator of issue 23 point 3.
 */
import { classifyWith } from '../../shared/classifier/classifyRipple';
import { compileModel, type StoredModel } from '../../shared/classifier/model';
import {
  type ExampleSettings,
  fitModel,
  type ModelFit,
  type ModelSource,
} from '../../shared/classifier/models';
import type { CodedExample } from '../../shared/classifier/sessionExamples';
import type { Codebook } from '../../shared/codebooks/types';
import { type CorpusStatement, random } from './corpusFiles';
import type { Outcome } from './metrics';

/** A codebook's own statements plus every off-topic one ("no code" in every codebook). */
export function codebookStatements(
  statements: readonly CorpusStatement[],
  codebook: Codebook,
): CorpusStatement[] {
  return statements.filter((s) => s.codebook === codebook.id || s.codebook === null);
}

export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const next = random(seed);
  return items
    .map((item) => ({ item, r: next() }))
    .sort((a, b) => a.r - b.r)
    .map(({ item }) => item);
}

/** k stratified folds (by code), seeded. */
export function folds<T extends { code: string | null }>(
  items: readonly T[],
  k: number,
  seed: number,
): T[][] {
  const out: T[][] = Array.from({ length: k }, () => []);
  const byCode = new Map<string, T[]>();
  for (const item of items) byCode.set(item.code ?? '', [...(byCode.get(item.code ?? '') ?? []), item]);
  let i = 0;
  for (const [, group] of [...byCode].sort(([a], [b]) => a.localeCompare(b))) {
    for (const item of shuffle(group, seed)) out[i++ % k]?.push(item);
  }
  return out;
}

/**
 * A model source that serves one stored model (threshold 0), for scoring a fold: to its
 * codebook and to codebooks derived from it, as `modelSource` would (`fitModel`).
 */
export function sourceOf(
  stored: StoredModel | null,
  vocabulary: ReadonlySet<string>,
  examples?: ExampleSettings,
): ModelSource {
  const model = stored ? compileModel({ ...stored, threshold: 0 }) : null;
  const fits = new WeakMap<Codebook, ModelFit | null>();
  return {
    vocabulary,
    model: (codebook) => {
      if (!model) return null;
      let fit = fits.get(codebook);
      if (fit === undefined) {
        fit = fitModel(model, codebook, 0);
        fits.set(codebook, fit);
      }
      return fit;
    },
    ...(examples ? { examples } : {}),
  };
}

export function outcomesOf(
  source: ModelSource,
  statements: readonly CorpusStatement[],
  codebook: Codebook,
  examples: readonly CodedExample[] = [],
): Outcome[] {
  return statements.map((s) => ({
    lang: s.lang,
    label: s.code,
    result: classifyWith(source, s.text, codebook, examples),
  }));
}

/**
 * A simulated facilitator: in a seeded order, the first `most` on-topic statements are
 * confirmed (they become examples), and every session size is scored on the statements
 * that were never examples, so 0, 10 and 30 examples are compared on the same ripples.
 */
export function sessionRuns(
  source: ModelSource,
  statements: readonly CorpusStatement[],
  codebook: Codebook,
  sizes: readonly number[],
  seed: number,
): Map<number, Outcome[]> {
  const most = Math.max(...sizes);
  const order = shuffle(statements, seed);
  const confirmed = order.filter((s) => s.code !== null).slice(0, most);
  const rest = order.filter((s) => !confirmed.includes(s));
  const runs = new Map<number, Outcome[]>();
  for (const size of sizes) {
    const examples = confirmed.slice(0, size).map((s) => ({ text: s.text, code: s.code ?? '' }));
    runs.set(size, outcomesOf(source, rest, codebook, examples));
  }
  return runs;
}
