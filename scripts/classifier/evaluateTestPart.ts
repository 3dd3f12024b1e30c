/**
 * Scores the shipped classifier (the committed weights) on the frozen test part, once per
 * release of the method (issue 23). Every run is appended to
 * tests/shared/classifier/corpus/test-evaluations.txt, so the count of evaluations is on
 * record; do not tune on what this prints: tune with `npm run cv:classifier`.
 *
 * Run: npm run eval:classifier
 */
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { classifyWith } from '../../shared/classifier/classifyRipple';
import type { StoredWeights } from '../../shared/classifier/model';
import { BUILTIN_MODELS, modelSource } from '../../shared/classifier/models';
import { WEIGHTS_JSON } from '../../shared/classifier/weights.generated';
import { BUILTIN_CODEBOOKS } from '../../shared/codebooks';
import type { Codebook } from '../../shared/codebooks/types';
import { corpusPath, loadCorpus } from './corpusFiles';
import { codebookStatements, outcomesOf, sessionRuns } from './experiment';
import { figures, formatConfusion, formatCurve, formatFigures, formatPerCode, type Outcome } from './metrics';
import { buildVocabulary, optionsFor, trainModel } from './trainModel';

const SESSION_SIZES = [0, 10, 30];
/** Simulated sessions per codebook: several orders, pooled, so one lucky order does not decide. */
const SESSION_ORDERS = 5;

const test = loadCorpus('test.corpus.json');
const train = loadCorpus('train.corpus.json');
const vocabulary = buildVocabulary(train.map((s) => s.text));
const stored = JSON.parse(WEIGHTS_JSON) as StoredWeights;
/** The same models without thresholds: the whole precision/coverage curve. */
const unthresholded = modelSource({ ...stored, models: stored.models.map((m) => ({ ...m, threshold: 0 })) });
const keywordsOnly = { ...BUILTIN_MODELS, model: () => null };

const log = corpusPath('test-evaluations.txt');
const runs = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0;
const commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
const weightsHash = createHash('sha256').update(WEIGHTS_JSON).digest('hex').slice(0, 12);
appendFileSync(log, `evaluation ${runs + 1}: commit ${commit}, weights ${weightsHash}\n`);
console.log(
  `Test part: ${test.length} statements. Evaluation number ${runs + 1} (commit ${commit}, weights ${weightsHash}).`,
);

function shipped(codebook: Codebook, statements = codebookStatements(test, codebook)): Outcome[] {
  return statements.map((s) => ({
    lang: s.lang,
    label: s.code,
    result: classifyWith(BUILTIN_MODELS, s.text, codebook),
  }));
}

function pooledSessions(source: typeof BUILTIN_MODELS, codebook: Codebook): Map<number, Outcome[]> {
  const pooled = new Map<number, Outcome[]>();
  for (let order = 0; order < SESSION_ORDERS; order++) {
    for (const [size, run] of sessionRuns(
      source,
      codebookStatements(test, codebook),
      codebook,
      SESSION_SIZES,
      100 + order,
    ))
      pooled.set(size, [...(pooled.get(size) ?? []), ...run]);
  }
  return pooled;
}

/**
 * Own versions of a codebook (`fitModel`), as `npm run cv:classifier -- derived` simulates
 * them: each code in turn added to a model trained on the whole training part without it,
 * or dropped from the shipped model's codebook; against the same codebooks read by their
 * keywords alone. Thresholds as shipped.
 */
function ownVersions(codebook: Codebook): Map<string, Outcome[]> {
  const pooled = new Map<string, Outcome[]>();
  const add = (name: string, outcomes: readonly Outcome[]) =>
    pooled.set(name, [...(pooled.get(name) ?? []), ...outcomes]);
  const statements = codebookStatements(test, codebook);
  const threshold = BUILTIN_MODELS.model(codebook)?.model.threshold ?? 0;
  const own: Codebook = { ...codebook, id: 'eigen-1' };
  for (const code of codebook.codes) {
    const without: Codebook = { ...own, codes: codebook.codes.filter((c) => c.id !== code.id) };
    const learned = trainModel(
      codebookStatements(train, codebook).filter((s) => s.code !== code.id),
      without,
      vocabulary,
      optionsFor(codebook.id),
    );
    const source = modelSource({
      vocabulary: stored.vocabulary,
      models: [{ ...learned, codebook: codebook.id, threshold }],
    });
    for (const [size, run] of sessionRuns(source, statements, own, SESSION_SIZES, 100)) {
      add(`added, ${size} examples`, run);
      add(
        `  the added code's, ${size} ex.`,
        run.filter((o) => o.label === code.id),
      );
    }
    for (const [size, run] of sessionRuns(keywordsOnly, statements, own, SESSION_SIZES, 100))
      add(`added, keywords only, ${size} ex.`, run);
    const relabelled = statements.map((s) => (s.code === code.id ? { ...s, code: null } : s));
    add('dropped', outcomesOf(BUILTIN_MODELS, relabelled, without));
    add('dropped, keywords only', outcomesOf(keywordsOnly, relabelled, without));
  }
  return pooled;
}

for (const codebook of BUILTIN_CODEBOOKS) {
  const codes = codebook.codes.map((code) => code.id);
  const outcomes = shipped(codebook);
  const threshold = BUILTIN_MODELS.model(codebook)?.model.threshold ?? 0;
  console.log(`\n══ ${codebook.id} (threshold ${threshold.toFixed(3)}, chosen by cross-validation) ══`);
  // The shipped results are already thresholded: their code is the suggestion.
  console.log(formatFigures('all', figures(outcomes, 0)));
  for (const lang of ['nl', 'en'] as const)
    console.log(
      formatFigures(
        lang,
        figures(
          outcomes.filter((o) => o.lang === lang),
          0,
        ),
      ),
    );
  console.log(`\n${formatPerCode(outcomes, codes, 0)}`);
  console.log(`\n${formatConfusion(outcomes, codes, 0)}`);
  const curve = codebookStatements(test, codebook).map((s) => ({
    lang: s.lang,
    label: s.code,
    result: classifyWith(unthresholded, s.text, codebook),
  }));
  console.log(`\nprecision/coverage curve (same model, threshold varied)\n${formatCurve(curve)}`);
  console.log(
    `\nlearning in the session (${SESSION_ORDERS} simulated orders pooled; examples drawn from this test part, scored on the rest):`,
  );
  for (const [size, run] of pooledSessions(BUILTIN_MODELS, codebook))
    console.log(formatFigures(`  model, ${size} examples`, figures(run, 0)));
  for (const [size, run] of pooledSessions(keywordsOnly, codebook))
    console.log(formatFigures(`  as custom codebook, ${size} ex.`, figures(run, 0)));
  console.log('\nown versions (each code in turn added to a model that never learned it, or dropped):');
  for (const [name, run] of ownVersions(codebook)) console.log(formatFigures(`  ${name}`, figures(run, 0)));
}
