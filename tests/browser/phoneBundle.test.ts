import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { hasChromium } from '../helpers/chromium';
import { createSession } from './boardSeed';
import { serverAndChromium } from './serverAndChromium';

/**
 * Issue 5, point 6: the phone pages stay light. Every script Chromium requests while a
 * participant joins, adds, votes and opens the map (lazy chunks included) is summed,
 * gzipped; above 150 KB the test fails. Run after `npm run build` (npm test does), or on
 * its own: `npm run build && npx vitest run --project browser tests/browser/phoneBundle.test.ts`.
 */
const BUDGET_BYTES = 150 * 1024;

describe.skipIf(!hasChromium)('the phone pages’ JavaScript', () => {
  const env = serverAndChromium();

  it('is at most 150 KB gzipped across join, add, vote and map, with no board canvas code', async () => {
    const { joinCode } = await createSession(env.server().baseUrl, 'Bundel', null);
    const context = await env.browser().newContext({
      viewport: { width: 390, height: 844 },
      baseURL: env.server().baseUrl,
    });
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.add(request.url());
    });
    await page.goto(`/j/${joinCode}`);
    await page.getByRole('button', { name: 'Meedoen' }).click();
    await page.waitForURL(/\/s\/[a-z0-9]+\/phone$/);
    await page.getByRole('button', { name: 'Kaart' }).click();
    await page.getByRole('button', { name: 'Stemmen' }).click();
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await page.getByLabel('Wat is er veranderd?').waitFor();
    await context.close();

    let total = 0;
    const sizes: string[] = [];
    for (const url of scripts) {
      const body = Buffer.from(await (await fetch(url)).arrayBuffer());
      const gzipped = gzipSync(body, { level: 9 }).length;
      total += gzipped;
      sizes.push(`${new URL(url).pathname}: ${(gzipped / 1024).toFixed(1)} KB gz`);
      expect(body.toString(), `${url} is board canvas code`).not.toContain('react-flow__');
    }
    console.log(
      `phone JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (${total} of ${BUDGET_BYTES} bytes)\n  ${sizes.join('\n  ')}`,
    );
    expect(scripts.size).toBeGreaterThan(0);
    expect(total, sizes.join('\n')).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
