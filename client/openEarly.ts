/**
 * The first module the page runs. On the board and the presenter it starts what they wait
 * for before React and the rest of this bundle have even been evaluated: the download of
 * the screen's code (requested here a few hundred milliseconds before React would ask for
 * it; App's lazy import gets the same module) and the session's socket (sync/earlySocket.ts).
 * Imported for these side effects only, first in main.tsx, so it runs first.
 */
import type { ComponentType } from 'react';
import { peekScreenKey } from './device/screenKey';
import { parseRoute } from './routes';
import { openEarlySocket, sessionSocketUrl } from './sync/earlySocket';

/** The board's or the presenter's page, asked for before React starts (null on other pages). */
export interface EarlyScreen {
  page: 'board' | 'present';
  code: Promise<{ default: ComponentType<{ sessionId: string }> }>;
}

const route = parseRoute(location.pathname);
export const earlyScreen: EarlyScreen | null =
  route.page === 'board' || route.page === 'present'
    ? {
        page: route.page,
        code: route.page === 'board' ? import('./board/BoardPage') : import('./presenter/PresenterPage'),
      }
    : null;
if (route.page === 'board' || route.page === 'present') {
  const key = peekScreenKey(route.page, route.sessionId);
  if (key) openEarlySocket(sessionSocketUrl(route.sessionId, { key }));
}
// A failed download is App's to report, when its own import fails the same way.
earlyScreen?.code.catch(() => undefined);
