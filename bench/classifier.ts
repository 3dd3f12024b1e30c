/**
 * Classifications per second on the issue-3 corpus (issues 3 and 23 ask for ≥ 20,000 in
 * Node): classifyRipple (the board: evidence and valence), suggestCode (the server), and
 * suggestCode with 30 confirmed session examples.
 * Run: node --import tsx bench/classifier.ts
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { type CodedExample, classifyRipple, suggestCode } from '../shared/classifier';
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
/**
 * Per wall-clock second and per CPU second of this process: on a machine shared with other
 * work the wall-clock rate drops with the load, the CPU-time rate much less.
 */
const runFor = (ms: number, classify: (text: string) => number): { wall: number; cpu: number } => {
  let count = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  while (performance.now() - start < ms) {
    for (const text of texts) sink += classify(text);
    count += texts.length;
  }
  const cpu = process.cpuUsage(cpuStart);
  return {
    wall: count / ((performance.now() - start) / 1000),
    cpu: count / ((cpu.user + cpu.system) / 1e6),
  };
};
const middle = (values: number[]): number => values.sort((a, b) => a - b)[1] ?? 0;
const median = (classify: (text: string) => number): { wall: number; cpu: number } => {
  runFor(500, classify); // warm-up for the JIT
  const runs = [runFor(1000, classify), runFor(1000, classify), runFor(1000, classify)];
  return { wall: middle(runs.map((r) => r.wall)), cpu: middle(runs.map((r) => r.cpu)) };
};
const examples: CodedExample[] = texts
  .slice(0, 30)
  .map((text) => ({ text, code: classifyRipple(text, WORKING_ELEMENTS).ranked[0]?.code ?? 'needs' }));
const rates = {
  classifyRipple: median((text) => classifyRipple(text, WORKING_ELEMENTS).ranked.length),
  suggestCode: median((text) => (suggestCode(text, WORKING_ELEMENTS) ?? '').length + 1),
  'suggestCode, 30 examples': median(
    (text) => (suggestCode(text, WORKING_ELEMENTS, examples) ?? '').length + 1,
  ),
};

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`classifyRipple on ${texts.length} corpus ripples (working elements)`);
console.log(
  `machine: ${cpu}, ${os.cpus().length} cores, Node ${process.version}, ${os.platform()} ${os.arch()}`,
);
console.log(`first pass (cold caches, builds the index): ${coldMs.toFixed(1)} ms`);
console.log(
  `load average: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`,
);
for (const [name, rate] of Object.entries(rates)) {
  const wall = Math.round(rate.wall).toLocaleString('en');
  const cpuRate = Math.round(rate.cpu).toLocaleString('en');
  console.log(
    `warm, ${name}: ${wall} classifications/second, ${cpuRate} per CPU second (medians of 3 × 1 s)`,
  );
}
if (sink === 0) console.log('unreachable');
