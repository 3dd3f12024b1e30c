import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, onTestFailed } from 'vitest';
import { launchChromium } from '../helpers/chromium';
import { type ServerProcess, startServerProcess } from '../helpers/serverProcess';
import type { TestClient } from '../helpers/yClient';
import { createSession, facilitatorClient, type SeededSession } from './boardSeed';

export interface BoardHarness {
  /** A session made through the API, filled by `build` through a connected facilitator client. */
  seeded(
    title: string,
    build: (client: TestClient) => void,
  ): Promise<{ session: SeededSession; client: TestClient }>;
  /** A fresh browser context (Dutch, 1280×800 unless told) with `path` open. */
  open(path: string, viewport?: { width: number; height: number }, locale?: string): Promise<Page>;
  /** Prints the server's output when the current test fails. */
  logServerOnFailure(): void;
}

/**
 * One real server and one Chromium for the tests of a `describe` block, started before
 * them and closed after them with every context and client the tests opened. Call it
 * inside the `describe`.
 */
export function boardHarness(): BoardHarness {
  let server: ServerProcess;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    for (const client of clients) client.destroy();
    await browser?.close();
    await server?.stop();
  });

  return {
    async seeded(title, build) {
      const session = await createSession(server.baseUrl, title);
      const client = await facilitatorClient(server.baseUrl, session);
      clients.push(client);
      build(client);
      return { session, client };
    },
    async open(path, viewport = { width: 1280, height: 800 }, locale = 'nl-NL') {
      const context = await browser.newContext({ viewport, baseURL: server.baseUrl, locale });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(path);
      return page;
    },
    logServerOnFailure() {
      onTestFailed(() => console.error(`--- server output ---\n${server.output()}`));
    },
  };
}
