/**
 * Trains the built-in codebooks' models on the training part of the corpus and writes
 * shared/classifier/weights.generated.ts (issue 23). The threshold of each model comes
 * from 5-fold cross-validation on the same training part; the test part is never read.
 *
 * Run: npm run train:classifier
 */
import { writeFileSync } from 'node:fs';
import { BUILTIN_CODEBOOKS } from '../../shared/codebooks';
import { buildWeights, weightsModule } from './buildWeights';
import { loadCorpus } from './corpusFiles';

const weights = buildWeights(loadCorpus('train.corpus.json'), BUILTIN_CODEBOOKS);
const path = new URL('../../shared/classifier/weights.generated.ts', import.meta.url).pathname;
const module = weightsModule(weights);
writeFileSync(path, module);
for (const model of weights.models) {
  console.log(
    `${model.codebook.padEnd(20)} threshold ${model.threshold.toFixed(3)}  ${Object.keys(model.weights).length} features`,
  );
}
console.log(`wrote ${path} (${(module.length / 1024).toFixed(0)} KiB)`);
