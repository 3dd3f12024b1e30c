import type { Codebook } from '../../shared/codebooks/types';
import type { CorpusStatement } from './corpusFiles';
import { codebookStatements, folds, outcomesOf, sourceOf } from './experiment';
import { calibrate, type Outcome, THRESHOLDS } from './metrics';
import { type TrainOptions, trainModel } from './trainModel';

export const K = 5;
export const SEED = 23;
/**
 * Shown suggestions must be right at least 85 % of the time (issue 23, point 4). The
 * threshold is chosen on cross-validation for a little more, for the noise of a small test part.
 */
export const TARGET_PRECISION = 0.88;

/** Out-of-fold results of a codebook's training statements: k models, each scoring the fold it did not see. */
export function outOfFold(
  train: readonly CorpusStatement[],
  codebook: Codebook,
  vocabulary: ReadonlySet<string>,
  options: TrainOptions,
): Outcome[] {
  const parts = folds(codebookStatements(train, codebook), K, SEED);
  return parts.flatMap((heldOut, f) => {
    const rest = parts.filter((_, g) => g !== f).flat();
    return outcomesOf(
      sourceOf(trainModel(rest, codebook, vocabulary, options), vocabulary),
      heldOut,
      codebook,
    );
  });
}

/**
 * A suggestion is never shown below this probability, however precise cross-validation
 * finds the model there: a code the model gives less than one chance in three is a guess.
 */
export const MIN_THRESHOLD = 1 / 3;

/** The threshold for a codebook's model, from its out-of-fold results: on the grid, at least MIN_THRESHOLD. */
export function crossValidatedThreshold(outcomes: readonly Outcome[]): number {
  const floor = THRESHOLDS.find((t) => t >= MIN_THRESHOLD) ?? MIN_THRESHOLD;
  return Math.max(calibrate(outcomes, TARGET_PRECISION), floor);
}
