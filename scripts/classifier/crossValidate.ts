/**
 * k-fold cross-validation on the training part only (issue 23): model options, the
 * threshold that keeps shown suggestions right often enough, and the session-learning
 * figures. The test part is never read here.
 *
 * Run: npm run cv:classifier [-- quick]   (quick: working elements only, fewer options)
 */
import { EXAMPLE_SETTINGS } from '../../shared/classifier/classifyRipple';
import { BUILTIN_CODEBOOKS } from '../../shared/codebooks';
import type { Codebook } from '../../shared/codebooks/types';
import { K, SEED, TARGET_PRECISION } from './calibrate';
import { loadCorpus } from './corpusFiles';
import { codebookStatements, folds, outcomesOf, sessionRuns, sourceOf } from './experiment';
import { calibrate, figures, formatCurve, formatFigures, type Outcome } from './metrics';
import { buildVocabulary, DEFAULT_OPTIONS, type TrainOptions, trainModel } from './trainModel';

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
  return { outcomes, session, custom, bare };
}

const grid: Array<[string, TrainOptions]> = args.includes('grid')
  ? [
      ['default', DEFAULT_OPTIONS],
      ['l2 1e-4', { ...DEFAULT_OPTIONS, l2: 1e-4 }],
      ['l2 3e-3', { ...DEFAULT_OPTIONS, l2: 3e-3 }],
      ['l2 1e-2', { ...DEFAULT_OPTIONS, l2: 1e-2 }],
      ['no lexicon', { ...DEFAULT_OPTIONS, kinds: ['w', 'c', 'p', 'b'] }],
      ['no char n-grams', { ...DEFAULT_OPTIONS, kinds: ['w', 'p', 'b', 'l'] }],
      ['no bigrams', { ...DEFAULT_OPTIONS, kinds: ['w', 'c', 'p', 'l'] }],
      ['no compound parts', { ...DEFAULT_OPTIONS, kinds: ['w', 'c', 'b', 'l'] }],
      ['stems only', { ...DEFAULT_OPTIONS, kinds: ['w'] }],
      ['lexicon only', { ...DEFAULT_OPTIONS, kinds: ['l'] }],
    ]
  : [['default', optionsFromArgs()]];

/** `--l2=1e-4 --iterations=600 --learningRate=0.1 --minCount=2 --kinds=w,c,b`: one option set to try. */
function optionsFromArgs(): TrainOptions {
  const options: TrainOptions = { ...DEFAULT_OPTIONS };
  for (const arg of args) {
    const [name, value] = arg.replace(/^--/, '').split('=');
    if (value === undefined) continue;
    if (name === 'kinds') options.kinds = value.split(',');
    else if (name === 'l2' || name === 'iterations' || name === 'learningRate' || name === 'minCount')
      options[name] = Number(value);
  }
  return options;
}
const codebooks = args.includes('quick') ? BUILTIN_CODEBOOKS.slice(0, 1) : BUILTIN_CODEBOOKS;

console.log(`${K}-fold cross-validation on the training part (${train.length} statements), seed ${SEED}`);
for (const codebook of codebooks) {
  console.log(`\n── ${codebook.id} ──`);
  for (const [name, options] of grid) {
    const { outcomes, session, custom, bare } = crossValidate(codebook, options, !args.includes('grid'));
    const threshold = calibrate(outcomes, TARGET_PRECISION);
    console.log(formatFigures(`${name} @ ${threshold.toFixed(3)}`, figures(outcomes, threshold)));
    if (args.includes('curve')) console.log(formatCurve(outcomes));
    console.log(formatFigures(`${name} @ 0.00 (no threshold)`, figures(outcomes, 0)));
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
