import type { Codebook } from '../codebooks/types';
import { type CompiledModel, compileModel, type StoredWeights } from './model';
import { WEIGHTS_JSON } from './weights.generated';

/** Where the classifier gets a codebook's model and the vocabulary compounds split into. */
export interface ModelSource {
  /** The model for this codebook, or null: classify by its keywords. */
  model(codebook: Codebook): CompiledModel | null;
  vocabulary: ReadonlySet<string>;
  /** How strongly session examples count; the built-in setting when absent. */
  examples?: ExampleSettings;
}

export interface ExampleSettings {
  boost: number;
  keywordBoost: number;
  half: number;
}

/**
 * Models for a set of stored weights. A model applies to a codebook with its id and exactly
 * its codes in its order, so a custom codebook that borrows a built-in id but changed its
 * codes falls back to its keywords rather than to weights for other codes.
 */
export function modelSource(weights: StoredWeights): ModelSource {
  const byId = new Map(weights.models.map((stored) => [stored.codebook, stored]));
  const compiled = new Map<string, CompiledModel>();
  const byCodebook = new WeakMap<Codebook, CompiledModel | null>();
  return {
    vocabulary: new Set(weights.vocabulary),
    model(codebook) {
      const memo = byCodebook.get(codebook);
      if (memo !== undefined) return memo;
      const stored = byId.get(codebook.id);
      const fits =
        stored !== undefined &&
        stored.classes.length === codebook.codes.length + 1 &&
        codebook.codes.every((code, i) => stored.classes[i] === code.id);
      let model: CompiledModel | null = null;
      if (stored && fits) {
        model = compiled.get(stored.codebook) ?? compileModel(stored);
        compiled.set(stored.codebook, model);
      }
      byCodebook.set(codebook, model);
      return model;
    },
  };
}

/** The built-in codebooks' models, trained by `npm run train:classifier`. */
export const BUILTIN_MODELS: ModelSource = modelSource(JSON.parse(WEIGHTS_JSON) as StoredWeights);
