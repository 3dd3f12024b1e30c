/**
 * k-fold cross-validation on the training part only (issue 23): model options, the
 * threshold that keeps shown suggestions right often enough, and the session-learning
 * figures. The test part is never read here.
 *
 * Run: npm run cv:classifier [-- quick]   (quick: working elements only, fewer options)
 *      npm run cv:classifier -- derived   (own versions of the built-in codebooks: codes added, removed)
 */
import { EXAMPLE_SETTINGS } from '../../shared/classifier/classifyRipple';
import { ADDED_CODE_THRESHOLDS, BUILTIN_MODELS } from '../../shared/classifier/models';
import { BUILTIN_CODEBOOKS } from '../../shared/codebooks';
import type { Codebook } from '../../shared/codebooks/types';
import { crossValidatedThreshold, K, SEED } from './calibrate';
import { loadCorpus } from './corpusFiles';
import { codebookStatements, folds, outcomesOf, sessionRuns, sourceOf } from './experiment';
import { figures, formatCurve, formatFigures, type Outcome } from './metrics';
import { buildVocabulary, optionsFor, type TrainOptions, trainModel } from './trainModel';
import { withTypos } from './typos';

const train = loadCorpus('train.corpus.json');
const vocabulary = buildVocabulary(train.map((s) => s.text));
const args = process.argv.slice(2);
const argValue = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
/** `--boost=4 --keywordBoost=2 --half=8`: how strongly session examples count (EXAMPLE_SETTINGS otherwise). */
const exampleSettings = {
  boost: Number(argValue('boost') ?? EXAMPLE_SETTINGS.boost),
  keywordBoost: Number(argValue('keywordBoost') ?? EXAMPLE_SETTINGS.keywordBoost),
  half: Number(argValue('half') ?? EXAMPLE_SETTINGS.half),
};

function crossValidate(codebook: Codebook, options: TrainOptions, sessions = false) {
  const statements = codebookStatements(train, codebook);
  const parts = folds(statements, K, SEED);
  const outcomes: Outcome[] = [];
  /** `typos`: the same held-out statements with a slip in a fifth of their longer words. */
  const misspelt: Outcome[] = [];
  const session = new Map<number, Outcome[]>();
  const custom = new Map<number, Outcome[]>();
  const bare = new Map<number, Outcome[]>();
  // The same codes without a single keyword: what a custom codebook learns from examples alone.
  const bareCodebook: Codebook = {
    ...codebook,
    id: `${codebook.id}-bare`,
    codes: codebook.codes.map((code) => ({ ...code, keywords: { nl: [], en: [] } })),
  };
  parts.forEach((heldOut, f) => {
    const rest = parts.filter((_, g) => g !== f).flat();
    const model = trainModel(rest, codebook, vocabulary, options);
    const source = sourceOf(model, vocabulary, exampleSettings);
    outcomes.push(...outcomesOf(source, heldOut, codebook));
    if (args.includes('typos'))
      misspelt.push(
        ...outcomesOf(
          source,
          heldOut.map((s, i) => ({ ...s, text: withTypos(s.text, SEED * 1000 + f * 100 + i, 0.2) })),
          codebook,
        ),
      );
    if (sessions) {
      for (const [size, run] of sessionRuns(source, heldOut, codebook, [0, 10, 30], SEED + f))
        session.set(size, [...(session.get(size) ?? []), ...run]);
      const noModel = sourceOf(null, vocabulary, exampleSettings);
      for (const [size, run] of sessionRuns(noModel, heldOut, codebook, [0, 10, 30], SEED + f))
        custom.set(size, [...(custom.get(size) ?? []), ...run]);
      for (const [size, run] of sessionRuns(noModel, heldOut, bareCodebook, [0, 10, 30], SEED + f))
        bare.set(size, [...(bare.get(size) ?? []), ...run]);
    }
  });
  return { outcomes, misspelt, session, custom, bare };
}

/**
 * A facilitator's own version of a built-in codebook (`derived`): the built-in model serves
 * the codes it knows (`fitModel`). Each code X in turn is
 * - added: the model never learned X (trained without X's statements), the codebook has it
 *   with its keywords, as a code a facilitator adds;
 * - removed: the model knows X, the codebook dropped it, so X's statements have no code.
 * Each is scored against what such a codebook got before, its keywords alone, on the same
 * held-out statements; `--newCodeOdds=2,4,6` tries several weights of a new code's keywords.
 */
function crossValidateDerived(codebook: Codebook, options: TrainOptions, newCodeOdds: readonly number[]) {
  const statements = codebookStatements(train, codebook);
  const parts = folds(statements, K, SEED);
  const pooled = new Map<string, Outcome[]>();
  const add = (name: string, outcomes: readonly Outcome[]) =>
    pooled.set(name, [...(pooled.get(name) ?? []), ...outcomes]);
  const keywordsOnly = sourceOf(null, vocabulary, exampleSettings);
  parts.forEach((heldOut, f) => {
    const rest = parts.filter((_, g) => g !== f).flat();
    const whole = trainModel(rest, codebook, vocabulary, options);
    for (const code of codebook.codes) {
      const own: Codebook = { ...codebook, id: 'eigen-1' };
      const without: Codebook = { ...own, codes: codebook.codes.filter((c) => c.id !== code.id) };
      // Added: the model is trained on the codebook without X and without X's statements.
      const withoutX = trainModel(
        rest.filter((s) => s.code !== code.id),
        without,
        vocabulary,
        options,
      );
      for (const odds of newCodeOdds) {
        const source = { ...sourceOf(withoutX, vocabulary, exampleSettings), newCodeOdds: odds };
        for (const [size, run] of sessionRuns(source, heldOut, own, [0, 10, 30], SEED + f)) {
          add(`added, odds ${odds}, ${size} ex.`, run);
          add(
            `  the added code's, ${size} ex.`,
            run.filter((o) => o.label === code.id),
          );
        }
      }
      for (const [size, run] of sessionRuns(keywordsOnly, heldOut, own, [0, 10, 30], SEED + f))
        add(`added, keywords only, ${size} ex.`, run);
      // Removed: X's statements have no code in this codebook.
      const relabelled = heldOut.map((s) => (s.code === code.id ? { ...s, code: null } : s));
      add('removed, model', outcomesOf(sourceOf(whole, vocabulary, exampleSettings), relabelled, without));
      add('removed, keywords only', outcomesOf(keywordsOnly, relabelled, without));
    }
  });
  return pooled;
}

/** The options tried for a codebook: its own (`optionsFor`) changed by the arguments, or a grid around them. */
function gridFor(codebook: string): Array<[string, TrainOptions]> {
  const base = optionsFor(codebook);
  if (!args.includes('grid')) return [['default', optionsFromArgs(base)]];
  return [
    ['default', base],
    ['l2 1e-4', { ...base, l2: 1e-4 }],
    ['l2 3e-3', { ...base, l2: 3e-3 }],
    ['l2 1e-2', { ...base, l2: 1e-2 }],
    ['no lexicon', { ...base, kinds: ['w', 'c', 'p', 'b'] }],
    ['no char n-grams', { ...base, kinds: ['w', 'p', 'b', 'l'] }],
    ['no bigrams', { ...base, kinds: ['w', 'c', 'p', 'l'] }],
    ['no compound parts', { ...base, kinds: ['w', 'c', 'b', 'l'] }],
    ['stems only', { ...base, kinds: ['w'] }],
    ['lexicon only', { ...base, kinds: ['l'] }],
  ];
}

/** `--l2=1e-4 --iterations=600 --learningRate=0.1 --minCount=2 --kinds=w,c,b --scales=c:0.5,l:0.25`: one option set to try. */
function optionsFromArgs(base: TrainOptions): TrainOptions {
  const options: TrainOptions = { ...base };
  for (const arg of args) {
    const [name, value] = arg.replace(/^--/, '').split('=');
    if (value === undefined) continue;
    if (name === 'kinds') options.kinds = value.split(',');
    else if (name === 'scales')
      options.scales = Object.fromEntries(
        value.split(',').map((pair) => [pair.split(':')[0], Number(pair.split(':')[1])]),
      );
    else if (
      name === 'l2' ||
      name === 'iterations' ||
      name === 'learningRate' ||
      name === 'minCount' ||
      name === 'typoCopies'
    )
      options[name] = Number(value);
  }
  return options;
}

/** `quick`: the first codebook only; `--codebook=borging`: that one only. */
const only = argValue('codebook');
const codebooks = only
  ? BUILTIN_CODEBOOKS.filter((c) => c.id === only)
  : args.includes('quick')
    ? BUILTIN_CODEBOOKS.slice(0, 1)
    : BUILTIN_CODEBOOKS;

console.log(`${K}-fold cross-validation on the training part (${train.length} statements), seed ${SEED}`);
const derivedOdds = (argValue('newCodeOdds') ?? '4').split(',').map(Number);
for (const codebook of codebooks) {
  console.log(`\n── ${codebook.id} ──`);
  if (args.includes('derived')) {
    // The shipped model's threshold: an own version is served by the built-in model.
    const threshold = BUILTIN_MODELS.model(codebook)?.model.threshold ?? 0;
    const added = ADDED_CODE_THRESHOLDS[codebook.id] ?? 1;
    for (const [name, outcomes] of crossValidateDerived(codebook, optionsFor(codebook.id), derivedOdds)) {
      console.log(formatFigures(`  ${name}`, figures(outcomes, name.includes('keywords') ? 0 : threshold)));
      if (args.includes('curve') && !name.includes('keywords')) console.log(formatCurve(outcomes));
      // An own version with codes the model never learned gets a threshold of its own.
      if (name.startsWith('added, odds')) {
        const own = crossValidatedThreshold(outcomes);
        console.log(formatFigures(`    cross-validated ${own.toFixed(3)}`, figures(outcomes, own)));
        console.log(
          formatFigures(`    as shipped ${added.toFixed(3)}`, figures(outcomes, Math.max(threshold, added))),
        );
      }
    }
    continue;
  }
  const grid = gridFor(codebook.id);
  for (const [name, options] of grid) {
    const { outcomes, misspelt, session, custom, bare } = crossValidate(
      codebook,
      options,
      !args.includes('grid'),
    );
    const threshold = crossValidatedThreshold(outcomes);
    console.log(formatFigures(`${name} @ ${threshold.toFixed(3)}`, figures(outcomes, threshold)));
    if (args.includes('curve')) console.log(formatCurve(outcomes));
    console.log(formatFigures(`${name} @ 0.00 (no threshold)`, figures(outcomes, 0)));
    if (misspelt.length > 0)
      console.log(formatFigures(`  with typos @ ${threshold.toFixed(3)}`, figures(misspelt, threshold)));
    if (grid.length === 1) {
      for (const lang of ['nl', 'en'] as const)
        console.log(
          formatFigures(
            `  ${lang}`,
            figures(
              outcomes.filter((o) => o.lang === lang),
              threshold,
            ),
          ),
        );
      for (const [size, run] of session)
        console.log(formatFigures(`  session, ${size} examples`, figures(run, threshold)));
      for (const [size, run] of custom)
        console.log(formatFigures(`  keywords only, ${size} ex.`, figures(run, 0)));
      for (const [size, run] of bare)
        console.log(formatFigures(`  no keywords, ${size} ex.`, figures(run, 0)));
    }
  }
}
