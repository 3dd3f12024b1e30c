import { readFileSync } from 'node:fs';
import type { CorpusItem } from './evaluate';

const load = (name: string): CorpusItem[] =>
  JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as CorpusItem[];

/** The part lexicons were tuned on. */
export const DEV_CORPUS = load('dev.corpus.json');
/** Written first, in another voice, and never tuned on. */
export const HELDOUT_CORPUS = load('heldout.corpus.json');
