import type { Codebook } from '../codebooks/types';
import { WORKING_ELEMENTS } from '../codebooks/workingElements';
import { readFeatures, type TextFeatures } from './features';
import { compileLexicon } from './lexicon';
import { findMatches } from './match';
import { type FeatureValue, featureVector, logits, rowsOf, softmax, tokenContributions } from './model';
import { BUILTIN_MODELS, type ExampleSettings, type ModelFit, type ModelSource } from './models';
import { type RankedCode, rankCodes, scoreCodes } from './score';
import { type CodedExample, contentOf, contentVector, voteOfExamples } from './sessionExamples';
import { type RippleValence, suggestValence } from './valence';

export interface Classification {
  /** The suggested code, or `null`: off-topic, or not sure enough to suggest honestly. */
  code: string | null;
  /** Every code of the codebook exactly once, best first, ties in codebook order. */
  ranked: RankedCode[];
  valence: RippleValence | null;
}

/**
 * The least keyword evidence worth a suggestion in a codebook without a trained model (a
 * custom codebook): one whole keyword, or one keyword found inside a compound or with a typo.
 */
export const MIN_SCORE = 0.8;

/**
 * How far the session's examples may move the suggestion. Each code
 * gains `boost` (log-odds of a model) or `keywordBoost` (keyword score of a custom codebook)
 * times the summed similarity of its examples among the ripple's nearest, scaled by
 * count / (count + `half`): a few examples nudge, many speak loudly, and a
 * ripple unlike every example keeps the base answer. Chosen by cross-validation on the
 * training part (scripts/classifier/crossValidate.ts).
 */
export const EXAMPLE_SETTINGS: ExampleSettings = { boost: 2, keywordBoost: 2, half: 8 };

/** Evidence quotes at most this many words: the ones that weighed most. */
const MAX_EVIDENCE = 3;

/**
 * Suggests a code for a ripple, with the words that weighed most. Built-in codebooks use
 * a model trained on the corpus (`weights.generated.ts`), and so do a facilitator's own
 * versions of them for the codes they kept (`ModelFit`); other codes and other custom
 * codebooks use their keywords. All learn from `examples`: codes the facilitator confirmed
 * in this session.
 * Pure and deterministic: the same arguments give the same result in Node and the browser.
 *
 * Keep passing the same codebook and examples objects: their indexes are memoised.
 *
 * @example
 * classifyRipple('De bewoners organiseren de koffieochtend nu helemaal zelf');
 * // { code: 'ownership', ranked: [{ code: 'ownership', score: 0.964, evidence: ['bewoners', 'organiseren', 'helemaal'] }, …], valence: null }
 */
export function classifyRipple(
  text: string,
  codebook: Codebook = WORKING_ELEMENTS,
  examples: readonly CodedExample[] = [],
): Classification {
  return classifyWith(BUILTIN_MODELS, text, codebook, examples);
}

/** `classifyRipple` with other models: how cross-validation scores models trained on part of the corpus. */
export function classifyWith(
  source: ModelSource,
  text: string,
  codebook: Codebook = WORKING_ELEMENTS,
  examples: readonly CodedExample[] = [],
): Classification {
  const reading = readRipple(source, text, codebook, examples);
  const order = rankOrder(reading.probabilities, reading.codeIds.length);
  const { fit } = reading;
  const contributions = fit ? tokenContributions(fit.model, reading.vector, reading.rows) : null;
  // A code the model knows quotes the words that weighed for it; any other, its keywords.
  const classOf = (c: number) => fit?.classOf[c] ?? -1;
  const keywords = fit && !fit.hasAdded ? null : keywordEvidence(reading);
  const ranked = order.map((c) => ({
    code: reading.codeIds[c] ?? '',
    score: Math.round((reading.probabilities[c] ?? 0) * 1000) / 1000,
    evidence:
      contributions && classOf(c) >= 0
        ? modelEvidence(reading.features, contributions, classOf(c))
        : (keywords?.get(reading.codeIds[c] ?? '') ?? []),
  }));
  return { code: reading.code, ranked, valence: suggestValence(reading.features.tokens) };
}

/**
 * The suggestion alone: always `classifyRipple(text, codebook, examples).code`, without
 * quoting evidence or reading valence. The server suggests a code for every new ripple
 * and stores only the code.
 *
 * @example
 * suggestCode('We zijn deur-aan-deur gegaan om te vragen wat mensen missen'); // 'needs'
 */
export function suggestCode(
  text: string,
  codebook: Codebook = WORKING_ELEMENTS,
  examples: readonly CodedExample[] = [],
): string | null {
  return readRipple(BUILTIN_MODELS, text, codebook, examples).code;
}

interface Reading {
  codeIds: readonly string[];
  features: TextFeatures;
  fit: ModelFit | null;
  vector: ReturnType<typeof featureVector>;
  /** Each vector entry's row in the model (`rowsOf`). */
  rows: Int32Array;
  codebook: Codebook;
  /** One per code, then "no code" last. */
  probabilities: Float64Array;
  code: string | null;
}

function readRipple(
  source: ModelSource,
  text: string,
  codebook: Codebook,
  examples: readonly CodedExample[],
): Reading {
  const fit = source.model(codebook);
  const model = fit?.model ?? null;
  const codeIds = codeIdsOf(codebook);
  const features = readFeatures(text, source.vocabulary);
  const vector: Reading['vector'] = model ? featureVector(features, model.kinds, codebook, model.scales) : [];
  const settings = source.examples ?? EXAMPLE_SETTINGS;
  const given = Array.isArray(examples) ? examples : [];
  const gains =
    given.length === 0
      ? codeIds.map(() => 0)
      : exampleGains(
          model ? contentOf(vector, model.scales) : contentVector(features),
          codeIds,
          given,
          source.vocabulary,
          settings,
        );
  let rows: Int32Array = new Int32Array(0);
  let probabilities: Float64Array;
  let isSure: (best: number) => boolean;
  if (fit && model) {
    rows = rowsOf(model, vector);
    const odds = codeOdds(fit, logits(model, vector, rows), {
      keywords: fit.hasAdded ? keywordScores(features, codebook) : [],
      gains,
      settings,
      perKeyword: source.newCodeOdds ?? NEW_CODE_ODDS,
    });
    const all = softmax(odds);
    probabilities = all.slice(0, codeIds.length + 1);
    const noCode = probabilities[codeIds.length] ?? 0;
    let dropped = 0;
    for (let d = codeIds.length + 1; d < all.length; d++) dropped = Math.max(dropped, all[d] ?? 0);
    // Thresholds come from cross-validation (scripts/classifier/calibrate.ts, ADDED_CODE_THRESHOLDS).
    isSure = (best) => {
      const p = probabilities[best] ?? 0;
      return p > noCode && p > dropped && p >= fit.threshold;
    };
  } else {
    // Keywords have no calibrated probabilities: examples add to the keyword score, and a
    // code is suggested when its score reaches MIN_SCORE, as a keyword alone would.
    const scores = keywordScores(features, codebook).map(
      (score, c) => score + settings.keywordBoost * (gains[c] ?? 0),
    );
    probabilities = toProbabilities(scores);
    isSure = (best) => (scores[best] ?? 0) >= MIN_SCORE;
  }
  const best = rankOrder(probabilities, codeIds.length)[0] ?? 0;
  const code = codeIds.length > 0 && isSure(best) ? (codeIds[best] ?? null) : null;
  return { codeIds, features, fit, vector, rows, codebook, probabilities, code };
}

/**
 * How many log-odds a keyword score is worth for a code the model never learned, beyond
 * what it takes to reach MIN_SCORE: there, the code and "no code" are even, as they are
 * for a custom codebook's keywords. Chosen by cross-validation on the training part
 * (scripts/classifier/crossValidate.ts, `derived`).
 */
export const NEW_CODE_ODDS = 4;

/**
 * The log-odds of each of the codebook's codes, then "no code", then each model class the
 * codebook dropped. A code the model knows takes its class's, plus its examples' gain (agreeing
 * with the model they raise its confidence). A code it never learned is scored as a custom
 * codebook's code is, its keyword score plus its examples', and that score is turned into odds
 * against "no code" (NEW_CODE_ODDS per point beyond MIN_SCORE).
 */
function codeOdds(
  fit: ModelFit,
  values: Float64Array,
  {
    keywords,
    gains,
    settings,
    perKeyword,
  }: { keywords: readonly number[]; gains: readonly number[]; settings: ExampleSettings; perKeyword: number },
): Float64Array {
  const { classOf, dropped, model } = fit;
  const noCode = values[model.noCode] ?? 0;
  const odds = new Float64Array(classOf.length + 1 + dropped.length);
  classOf.forEach((c, i) => {
    const gain = gains[i] ?? 0;
    odds[i] =
      c >= 0
        ? (values[c] ?? 0) + settings.boost * gain
        : noCode + perKeyword * ((keywords[i] ?? 0) + settings.keywordBoost * gain - MIN_SCORE);
  });
  odds[classOf.length] = noCode;
  dropped.forEach((c, d) => {
    odds[classOf.length + 1 + d] = values[c] ?? 0;
  });
  return odds;
}

/** A custom codebook's keyword score per code, in codebook order. */
function keywordScores(features: TextFeatures, codebook: Codebook): number[] {
  const lexicon = compileLexicon(codebook);
  const scores = codebook.codes.map(() => 0);
  for (const { code, score } of scoreCodes(
    findMatches(features.tokens, lexicon, features.language),
    lexicon,
  )) {
    scores[lexicon.codeIds.indexOf(code)] = score;
  }
  return scores;
}

/** Scores as a distribution over the codes and "no code" (which scores 1): one whole keyword gives even odds. */
function toProbabilities(scores: readonly number[]): Float64Array {
  const probabilities = new Float64Array(scores.length + 1);
  let total = 1;
  for (const score of scores) total += score;
  scores.forEach((score, c) => {
    probabilities[c] = score / total;
  });
  probabilities[scores.length] = 1 / total;
  return probabilities;
}

/**
 * What the session's examples say for each code: the summed similarity of its examples
 * among the ripple's nearest, scaled by count / (count + `half`).
 */
function exampleGains(
  content: readonly FeatureValue[],
  codeIds: readonly string[],
  examples: readonly CodedExample[],
  vocabulary: ReadonlySet<string>,
  settings: ExampleSettings,
): number[] {
  const gains = codeIds.map(() => 0);
  const vote = voteOfExamples(content, examples, codeIds, vocabulary);
  if (vote.count === 0) return gains;
  const strength = vote.count / (vote.count + settings.half);
  codeIds.forEach((code, c) => {
    gains[c] = strength * (vote.votes.get(code) ?? 0);
  });
  return gains;
}

/** A codebook's code ids, one array per codebook object (the examples' index is kept per array). */
const codeIdLists = new WeakMap<Codebook, readonly string[]>();
function codeIdsOf(codebook: Codebook): readonly string[] {
  let ids = codeIdLists.get(codebook);
  if (!ids) {
    ids = codebook.codes.map((code) => code.id);
    codeIdLists.set(codebook, ids);
  }
  return ids;
}

/** Code indexes best first; equal probabilities keep codebook order. */
function rankOrder(probabilities: Float64Array, codeCount: number): number[] {
  return Array.from({ length: codeCount }, (_, c) => c).sort(
    (a, b) => (probabilities[b] ?? 0) - (probabilities[a] ?? 0) || a - b,
  );
}

/** The keywords each code of a custom codebook found in the text, by code id. */
function keywordEvidence(reading: Reading): Map<string, string[]> {
  const { features, codebook } = reading;
  const lexicon = compileLexicon(codebook);
  const matches = findMatches(features.tokens, lexicon, features.language);
  return new Map(
    rankCodes(features.source, features.tokens, matches, lexicon).map((r) => [r.code, r.evidence]),
  );
}

/** The words of the text that pushed code `c` up most, quoted as typed, in text order. */
function modelEvidence(
  features: TextFeatures,
  contributions: Map<number, Float64Array>,
  c: number,
): string[] {
  const pushes: Array<[number, number]> = [];
  let strongest = 0;
  for (const [token, byClass] of contributions) {
    const push = byClass[c] ?? 0;
    if (push <= 0) continue;
    pushes.push([token, push]);
    strongest = Math.max(strongest, push);
  }
  const chosen = pushes
    .filter(([, push]) => push >= strongest / 3)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MAX_EVIDENCE)
    .map(([token]) => token)
    .sort((a, b) => a - b);
  const quotes: string[] = [];
  for (const index of chosen) {
    const token = features.tokens[index];
    if (!token) continue;
    const quote = features.source.slice(token.start, token.end);
    if (!quotes.includes(quote)) quotes.push(quote);
  }
  return quotes;
}
