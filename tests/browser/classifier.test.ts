import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../scripts/classifier/corpusFiles';
import { type Classification, type CodedExample, classifyRipple } from '../../shared/classifier';
import { BUILTIN_CODEBOOKS } from '../../shared/codebooks';
import { hasChromium } from '../helpers/chromium';
import { DEV_CORPUS, HELDOUT_CORPUS } from '../shared/classifier/corpus';
import { chromiumAlone } from './serverAndChromium';

/**
 * The classifier must give the phone, the board and the server the same suggestion: this
 * bundles `shared/classifier` the way a browser gets it and compares every corpus result
 * with Node's.
 */
const TEXTS = [
  ...DEV_CORPUS.map((item) => item.text),
  ...HELDOUT_CORPUS.map((item) => item.text),
  '',
  '🎉 Wensen opgehaald 🏘️',
  '<b>inloopochtend</b>',
  'e\u0301e\u0301n gedeelde visie',
  ...loadCorpus('train.corpus.json').map((item) => item.text),
];
/** Confirmed codes of a session, to check that learning from examples is identical too. */
const EXAMPLES: CodedExample[] = loadCorpus('train.corpus.json')
  .filter((item) => item.codebook === 'working-elements' && item.code !== null)
  .slice(0, 30)
  .map((item) => ({ text: item.text, code: item.code ?? '' }));

async function bundleClassifier(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: {
        entry: fileURLToPath(new URL('../../shared/classifier/index.ts', import.meta.url)),
        name: 'KringenClassifier',
        formats: ['iife'],
        fileName: 'classifier',
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  for (const file of outputs.flatMap((output) => output.output)) if (file.type === 'chunk') return file.code;
  throw new Error('vite produced no JavaScript chunk');
}

describe.skipIf(!hasChromium)('classifier in Chromium', () => {
  const env = chromiumAlone();
  let bundle = '';

  beforeAll(async () => {
    bundle = await bundleClassifier();
    console.log(`classifier browser bundle: ${(bundle.length / 1024).toFixed(0)} KiB minified`);
  });

  it('gives exactly the results Node gives for every corpus text', async () => {
    const page = await env.browser().newPage();
    await page.goto('about:blank');
    await page.addScriptTag({ content: bundle });
    const inBrowser = await page.evaluate(
      ({ texts, codebooks, examples }) => {
        type Classify = (t: string, c?: unknown, e?: unknown) => unknown;
        const api = (globalThis as unknown as { KringenClassifier: { classifyRipple: Classify } })
          .KringenClassifier;
        return [
          ...texts.map((text) => api.classifyRipple(text)),
          ...codebooks.flatMap((codebook) =>
            texts.slice(0, 300).map((text) => api.classifyRipple(text, codebook)),
          ),
          ...texts.slice(0, 300).map((text) => api.classifyRipple(text, codebooks[0], examples)),
        ];
      },
      { texts: TEXTS, codebooks: BUILTIN_CODEBOOKS, examples: EXAMPLES },
    );
    const inNode: Classification[] = [
      ...TEXTS.map((text) => classifyRipple(text)),
      ...BUILTIN_CODEBOOKS.flatMap((codebook) =>
        TEXTS.slice(0, 300).map((text) => classifyRipple(text, codebook)),
      ),
      ...TEXTS.slice(0, 300).map((text) => classifyRipple(text, BUILTIN_CODEBOOKS[0], EXAMPLES)),
    ];
    expect(inBrowser).toEqual(inNode);
    await page.close();
  });
});
