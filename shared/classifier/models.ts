import type { Codebook } from '../codebooks/types';
import { type CompiledModel, compileModel, type StoredModel, type StoredWeights } from './model';
import { WEIGHTS_JSON } from './weights.generated';

/**
 * How a model serves a codebook. A built-in codebook gets its own model whole; a facilitator's
 * own version of one (the board's "Maak een eigen versie om aan te passen") keeps the code ids, so the model still knows the
 * codes it kept, whatever their labels and keywords now say. A code the model never learned is
 * scored by its keywords and the session's examples; a model class the codebook dropped still
 * takes its share of the odds, so a ripple about it gets no suggestion rather than a neighbour's.
 */
export interface ModelFit {
  model: CompiledModel;
  /** Per code of the codebook, in its order: the model's class for it, or -1 when the model never learned it. */
  classOf: Int32Array;
  /** The model's classes that are not in the codebook ("no code" aside). */
  dropped: number[];
  /** Whether the codebook has codes the model never learned (scored by their keywords). */
  hasAdded: boolean;
  /**
   * The least probability a suggestion needs: the model's own, or with codes it never
   * learned the higher one cross-validation chose for that case (ADDED_CODE_THRESHOLDS).
   */
  threshold: number;
}

/**
 * The threshold for an own version of a built-in codebook with codes its model never learned:
 * the model's odds for the codes it knows are then too sure, as a ripple about a new code
 * often looks like one of them. Chosen as the built-in thresholds are, so that shown
 * suggestions are right often enough (`npm run cv:classifier -- derived`, which simulates
 * each code in turn as the one added).
 */
export const ADDED_CODE_THRESHOLDS: Readonly<Record<string, number>> = {
  'working-elements': 0.6,
  borging: 0.675,
  'equal-collaboration': 0.575,
  'community-capitals': 0.7,
};

/** Where the classifier gets a codebook's model and the vocabulary compounds split into. */
export interface ModelSource {
  /** The model for this codebook, or null: classify by its keywords. */
  model(codebook: Codebook): ModelFit | null;
  vocabulary: ReadonlySet<string>;
  /** How strongly session examples count; the built-in setting when absent. */
  examples?: ExampleSettings;
  /** What a keyword is worth for a code the model never learned; NEW_CODE_ODDS when absent. */
  newCodeOdds?: number;
}

export interface ExampleSettings {
  boost: number;
  keywordBoost: number;
  half: number;
}

/** How many of the codebook's codes a model with these classes knows by id. */
function knownCodes(classes: readonly string[], codebook: Codebook): number {
  return codebook.codes.filter((code) => code.id !== '' && classes.includes(code.id)).length;
}

/**
 * Whether a model with these classes may serve the codebook: it knows at least two of its
 * codes and at least half of them. Fewer, and the keywords say more than the model can.
 */
export function mayServe(classes: readonly string[], codebook: Codebook): boolean {
  const known = knownCodes(classes, codebook);
  return known >= 2 && known * 2 >= codebook.codes.length;
}

/**
 * How `model` serves `codebook` (see `ModelFit`), or null when it may not. `added`: the
 * threshold when the codebook has codes the model never learned.
 */
export function fitModel(
  model: CompiledModel,
  codebook: Codebook,
  added = ADDED_CODE_THRESHOLDS[model.codebook] ?? 1,
): ModelFit | null {
  if (!mayServe(model.classes, codebook)) return null;
  const classOf = Int32Array.from(codebook.codes, (code) =>
    code.id === '' ? -1 : model.classes.indexOf(code.id),
  );
  const kept = new Set(classOf);
  const dropped: number[] = [];
  for (let c = 0; c < model.noCode; c++) if (!kept.has(c)) dropped.push(c);
  const hasAdded = kept.has(-1);
  const threshold = hasAdded ? Math.max(model.threshold, added) : model.threshold;
  return { model, classOf, dropped, hasAdded, threshold };
}

/**
 * Models for a set of stored weights. A codebook is served by the model that knows most of
 * its codes by id (its own model first), if any may (`mayServe`).
 */
export function modelSource(weights: StoredWeights): ModelSource {
  const compiled = new Map<string, CompiledModel>();
  const byCodebook = new WeakMap<Codebook, ModelFit | null>();
  const compiledOf = (stored: StoredModel): CompiledModel => {
    let model = compiled.get(stored.codebook);
    if (!model) {
      model = compileModel(stored);
      compiled.set(stored.codebook, model);
    }
    return model;
  };
  return {
    vocabulary: new Set(weights.vocabulary),
    model(codebook) {
      const memo = byCodebook.get(codebook);
      if (memo !== undefined) return memo;
      let best: StoredModel | null = null;
      for (const stored of weights.models) {
        if (!mayServe(stored.classes, codebook)) continue;
        const known = knownCodes(stored.classes, codebook);
        const bestKnown = best ? knownCodes(best.classes, codebook) : -1;
        if (known > bestKnown || (known === bestKnown && stored.codebook === codebook.id)) best = stored;
      }
      const fit = best ? fitModel(compiledOf(best), codebook) : null;
      byCodebook.set(codebook, fit);
      return fit;
    },
  };
}

/** The built-in codebooks' models, trained by `npm run train:classifier`. */
export const BUILTIN_MODELS: ModelSource = modelSource(JSON.parse(WEIGHTS_JSON) as StoredWeights);
