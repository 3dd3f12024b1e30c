import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { STOPWORDS_EN, STOPWORDS_NL } from '../../../shared/classifier/stopwords.generated';

const require = createRequire(import.meta.url);

describe('the generated stopword module', () => {
  it('is an exact copy of the nl and en lists of the installed stopwords-iso', () => {
    const all = require('stopwords-iso/stopwords-iso.json') as Record<string, string[]>;
    expect([...STOPWORDS_NL]).toEqual([...(all.nl ?? [])].sort());
    expect([...STOPWORDS_EN]).toEqual([...(all.en ?? [])].sort());
  });
});
