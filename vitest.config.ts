import { defineConfig } from 'vitest/config';

/**
 * Three projects, mirroring the architecture:
 * - unit: pure `shared/` code, fast, no I/O
 * - integration: a real server on a free port with real `y-websocket` clients
 * - browser: real headless Chromium through playwright-core against the built client
 */
export default defineConfig({
  test: {
    reporters: ['default', './tests/helpers/summaryReporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/shared/**/*.test.ts', 'tests/client/**/*.test.ts', 'tests/scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          // The fuzzer measures memory before and after; it needs to force a collection.
          execArgv: ['--expose-gc'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
