import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core (browser downloads are blocked here).
 * Where no Chromium is installed the browser tests skip loudly; in CI they are required.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

if (!hasChromium) {
  if (process.env.CI) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: browser tests are required in CI (apt-get install chromium).`,
    );
  }
  console.warn(
    `\n*** Chromium not found at ${CHROMIUM_PATH}: BROWSER TESTS SKIPPED. Install it (apt-get install chromium) or set CHROMIUM_PATH. ***\n`,
  );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}
