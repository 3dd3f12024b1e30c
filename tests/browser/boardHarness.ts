import type { Page } from 'playwright-core';
import { onTestFailed } from 'vitest';
import type { ServerProcessOptions } from '../helpers/serverProcess';
import type { TestClient } from '../helpers/yClient';
import { createSession, facilitatorClient, type SeededSession } from './boardSeed';
import { type ServerAndChromium, serverAndChromium } from './serverAndChromium';

export interface BoardHarness extends ServerAndChromium {
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
 * The board tests' `serverAndChromium` (one real server and one Chromium for the tests of a
 * `describe` block, closed after them with every context and client the tests opened),
 * with seeded sessions and open board pages. Call it inside the `describe`.
 */
export function boardHarness(options: ServerProcessOptions = {}): BoardHarness {
  const env = serverAndChromium(options);
  return {
    ...env,
    async seeded(title, build) {
      const session = await createSession(env.server().baseUrl, title);
      const client = env.track(await facilitatorClient(env.server().baseUrl, session));
      build(client);
      return { session, client };
    },
    async open(path, viewport = { width: 1280, height: 800 }, locale = 'nl-NL') {
      const context = await env.context({ viewport, baseURL: env.server().baseUrl, locale });
      const page = await context.newPage();
      await page.goto(path);
      return page;
    },
    logServerOnFailure() {
      onTestFailed(() => console.error(`--- server output ---\n${env.server().output()}`));
    },
  };
}
