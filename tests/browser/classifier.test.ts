import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Classification, classifyRipple } from '../../shared/classifier';
import { hasChromium, launchChromium } from '../helpers/chromium';
import { DEV_CORPUS, HELDOUT_CORPUS } from '../shared/classifier/corpus';

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
];

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
  let browser: Browser | undefined;
  let bundle = '';

  beforeAll(async () => {
    bundle = await bundleClassifier();
    console.log(`classifier browser bundle: ${(bundle.length / 1024).toFixed(0)} KiB minified`);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('gives exactly the results Node gives for every corpus text', async () => {
    if (!browser) throw new Error('Chromium did not start');
    const page = await browser.newPage();
    await page.goto('about:blank');
    await page.addScriptTag({ content: bundle });
    const inBrowser = await page.evaluate((texts) => {
      const api = (globalThis as unknown as { KringenClassifier: { classifyRipple: (t: string) => unknown } })
        .KringenClassifier;
      return texts.map((text) => api.classifyRipple(text));
    }, TEXTS);
    const inNode: Classification[] = TEXTS.map((text) => classifyRipple(text));
    expect(inBrowser).toEqual(inNode);
    await page.close();
  });
});
