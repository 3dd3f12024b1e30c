import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../helpers/chromium';
import { type ServerProcess, type ServerProcessOptions, startServerProcess } from '../helpers/serverProcess';
import type { TestClient } from '../helpers/yClient';

/** What `serverAndChromium` gives a test file: its server, its Chromium, and cleanup of what the tests open. */
export type ServerAndChromium = ReturnType<typeof serverAndChromium>;

/**
 * The real server and one Chromium for the calling test file, started before its tests and
 * stopped after them, with what the tests opened (clients, browser contexts) closed first.
 * Call it inside a `describe.skipIf(!hasChromium)`.
 */
export function serverAndChromium(options: ServerProcessOptions = {}) {
  return forTheFile(options);
}

/**
 * One Chromium for the calling test file, for tests that need no server (a page of their
 * own, `about:blank`); started before its tests, closed after them with its contexts.
 */
export function chromiumAlone() {
  const { browser, context } = forTheFile(null);
  return { browser, context };
}

/** The file's Chromium, and its server unless `options` is null. */
function forTheFile(options: ServerProcessOptions | null) {
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  const clients: TestClient[] = [];
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    if (options) server = await startServerProcess(options);
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the server and Chromium start in beforeAll');
    return value;
  };
  return {
    server: () => started(server),
    browser: () => started(browser),
    /** Destroys `client` after the file's tests. */
    track<T extends TestClient>(client: T): T {
      clients.push(client);
      return client;
    },
    /** A new browser context, closed after the file's tests. */
    async context(...args: Parameters<Browser['newContext']>): Promise<BrowserContext> {
      const context = await started(browser).newContext(...args);
      contexts.push(context);
      return context;
    },
  };
}
