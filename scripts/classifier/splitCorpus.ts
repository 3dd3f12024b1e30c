/**
 * Splits the written corpus (tests/shared/classifier/corpus/source/*.txt) once into a
 * training part and a frozen test part (issue 23): a seeded random 20 % per codebook, code
 * and language, so every code has test figures. Refuses to overwrite an existing test part:
 * the test part is frozen before any tuning, and new statements go to `train-only/`.
 *
 * Run: node --import tsx scripts/classifier/splitCorpus.ts
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type CorpusStatement, corpusPath, parseSourceFile, random } from './corpusFiles';

const SEED = 23;
const TEST_SHARE = 0.2;

const sourceDir = corpusPath('source');
const statements: CorpusStatement[] = [];
const seen = new Set<string>();
for (const file of readdirSync(sourceDir).sort()) {
  if (!file.endsWith('.txt')) continue;
  for (const statement of parseSourceFile(file, readFileSync(`${sourceDir}/${file}`, 'utf8'))) {
    if (seen.has(statement.text)) continue;
    seen.add(statement.text);
    statements.push(statement);
  }
}

if (existsSync(corpusPath('test.corpus.json'))) {
  throw new Error('the test part is frozen: add new statements to train-only/ instead of re-splitting');
}

const next = random(SEED);
const groups = new Map<string, CorpusStatement[]>();
for (const item of statements) {
  const key = `${item.codebook}/${item.code}/${item.lang}`;
  groups.set(key, [...(groups.get(key) ?? []), item]);
}
const train: CorpusStatement[] = [];
const test: CorpusStatement[] = [];
for (const [, group] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
  const shuffled = group.map((item) => ({ item, r: next() })).sort((a, b) => a.r - b.r);
  const testCount = Math.round(group.length * TEST_SHARE);
  shuffled.forEach(({ item }, i) => {
    (i < testCount ? test : train).push(item);
  });
}
const write = (name: string, items: CorpusStatement[]) =>
  writeFileSync(corpusPath(name), `${JSON.stringify(items, null, 1)}\n`);
write('train.corpus.json', train);
write('test.corpus.json', test);
console.log(`seed ${SEED}: ${statements.length} statements → train ${train.length}, test ${test.length}`);
