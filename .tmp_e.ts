import { readFileSync } from 'node:fs';
import { evaluate, formatEvaluation } from './tests/shared/classifier/evaluate';
import { WORKING_ELEMENTS } from './shared/codebooks';
const dev = JSON.parse(readFileSync('tests/shared/classifier/heldout.corpus.json', 'utf8'));
const e = evaluate(dev, WORKING_ELEMENTS);
console.log(formatEvaluation('held-out', e));
for (const err of e.errors) console.log(err.expected, '->', err.got, '|', err.text);
