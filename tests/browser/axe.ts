import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

/**
 * axe-core with the WCAG 2.0–2.2 A and AA rules on `page` (or only the element `within`
 * selects); returns the violations, readable.
 * The page's context needs `bypassCSP: true`: axe is injected as a script, which the app's
 * CSP (script-src 'self') would block.
 */
export async function axe(page: Page, within?: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (selector) => {
    const result = await (
      window as unknown as {
        axe: { run: (ctx: unknown, options: unknown) => Promise<{ violations: unknown[] }> };
      }
    ).axe.run(selector ? document.querySelector(selector) : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations as { id: string; nodes: { target: string[] }[] }[];
  }, within ?? null);
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
