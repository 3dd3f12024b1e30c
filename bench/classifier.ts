/**
 * Classifications per second on the evaluation corpus (issue 3 asks for ≥ 20,000 in Node).
 * Run: node --import tsx bench/classifier.ts
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { classifyRipple } from '../shared/classifier';
import { WORKING_ELEMENTS } from '../shared/codebooks';

const load = (name: string): string[] =>
  (
    JSON.parse(readFileSync(new URL(`../tests/shared/classifier/${name}`, import.meta.url), 'utf8')) as {
      text: string;
    }[]
  ).map((item) => item.text);
const texts = [...load('dev.corpus.json'), ...load('heldout.corpus.json')];

// The first pass pays for building the lexicon index and filling the stem caches.
const coldStart = performance.now();
for (const text of texts) classifyRipple(text, WORKING_ELEMENTS);
const coldMs = performance.now() - coldStart;

let sink = 0;
const runFor = (ms: number): number => {
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (const text of texts) sink += classifyRipple(text, WORKING_ELEMENTS).ranked.length;
    count += texts.length;
  }
  return count / ((performance.now() - start) / 1000);
};
runFor(500); // warm-up for the JIT
const rates = [runFor(1000), runFor(1000), runFor(1000)].sort((a, b) => a - b);

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`classifyRipple on ${texts.length} corpus ripples (working elements)`);
console.log(
  `machine: ${cpu}, ${os.cpus().length} cores, Node ${process.version}, ${os.platform()} ${os.arch()}`,
);
console.log(`first pass (cold caches, builds the index): ${coldMs.toFixed(1)} ms`);
console.log(
  `warm: ${Math.round(rates[1] ?? 0).toLocaleString('en')} classifications/second (median of 3 × 1 s)`,
);
if (sink === 0) console.log('unreachable');
