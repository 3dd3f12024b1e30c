import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

/**
 * Refreshes the README's pictures in docs/screenshots/: builds the client, then runs the
 * visual check (every layout on a 1280×800 board and a 1920×1080 projector, Dutch and
 * English) and the picture exports with SCREENSHOTS set, so each test saves what it
 * checked. The pictures are the tests' own views: a picture that looks wrong fails too.
 *
 *   npm run screenshots
 */
const DIR = 'docs/screenshots';
mkdirSync(DIR, { recursive: true });
execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
execFileSync(
  'npx',
  [
    'vitest',
    'run',
    '--project',
    'browser',
    'tests/browser/mapAsRoomSeesIt.test.ts',
    'tests/browser/exportPictures.test.ts',
  ],
  { stdio: 'inherit', env: { ...process.env, SCREENSHOTS: DIR } },
);
