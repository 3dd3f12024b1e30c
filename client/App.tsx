import { type ComponentType, lazy, Suspense, useEffect, useState, useSyncExternalStore } from 'react';
import { LoadingScreen } from './components/LoadingScreen';
import { type EarlyScreen, earlyScreen } from './openEarly';
import { NotFoundPage } from './pages/NotFoundPage';
import { JoinPage } from './phone/JoinPage';
import { currentPathname, parseRoute, subscribeToLocation } from './routes';
// The join page is styled by the phone's stylesheet too: it stays in the first CSS file,
// not in the lazy phone chunk (or the join page would be drawn unstyled first).
import './phone/phone.css';

// The board and presenter carry React Flow and the QR encoder; phones never download them.
const BoardPage = lazy(() => import('./board/BoardPage'));
const PresenterPage = lazy(() => import('./presenter/PresenterPage'));
// The home page reads and merges session files (the export schemas, the merge): a
// facilitator's page, so phones, which start at the join page, never download it.
const HomePage = lazy(() => import('./pages/HomePage').then((m) => ({ default: m.HomePage })));

/**
 * The board's or presenter's page when openEarly.ts had it downloaded before React started
 * and main.tsx waited for it: drawn at once, not through Suspense. A Suspense fallback,
 * once shown, is kept for at least 300 ms by React, and the board's socket was adopted
 * only after that (bench/boardRender.ts --timeline: a visible part of a big map's first render).
 */
let loadedScreen: { page: 'board' | 'present'; Page: ComponentType<{ sessionId: string }> } | null = null;
/** Settles when the early screen code has arrived or failed (at once on other pages). */
export const screenCodeSettled: Promise<void> = earlyScreen
  ? earlyScreen.code.then(
      (module) => {
        loadedScreen = { page: (earlyScreen as EarlyScreen).page, Page: module.default };
      },
      () => undefined,
    )
  : Promise.resolve();

function ScreenRoute({ page, sessionId }: { page: 'board' | 'present'; sessionId: string }) {
  const [Loaded] = useState(() => (loadedScreen?.page === page ? loadedScreen.Page : null));
  if (Loaded) return <Loaded sessionId={sessionId} />;
  const Lazy = page === 'board' ? BoardPage : PresenterPage;
  return (
    <Suspense fallback={<LoadingScreen />}>
      <Lazy sessionId={sessionId} />
    </Suspense>
  );
}

// The phone page carries the document (Yjs), the socket and IndexedDB: about half of what a
// phone downloads. The join page needs none of it, so it is a chunk of its own that the join
// page fetches once it is on screen (while the participant types a name), instead of
// holding up the first paint on a slow connection. One promise, so it is fetched once; a
// failed fetch (the Wi-Fi dropped) is forgotten, so the next attempt tries again.
let phonePage: Promise<typeof import('./phone/PhonePage')> | null = null;
let loadedPhonePage: typeof import('./phone/PhonePage').PhonePage | null = null;
const loadPhonePage = () => {
  phonePage ??= import('./phone/PhonePage').then(
    (module) => {
      loadedPhonePage = module.PhonePage;
      keepForOffline();
      return module;
    },
    (error: unknown) => {
      phonePage = null;
      throw error;
    },
  );
  return phonePage;
};
const LazyPhonePage = lazy(() => loadPhonePage().then((module) => ({ default: module.PhonePage })));

/**
 * Joining from the join page finds the phone chunk already loaded: then it is drawn at once,
 * without a Suspense fallback (React holds a revealed fallback for up to 300 ms). Which of
 * the two is decided once per mount, so the page is never remounted.
 */
function PhoneRoute({ sessionId }: { sessionId: string }) {
  const [Loaded] = useState(() => loadedPhonePage);
  if (Loaded) return <Loaded sessionId={sessionId} />;
  return (
    <Suspense fallback={<LoadingScreen />}>
      <LazyPhonePage sessionId={sessionId} />
    </Suspense>
  );
}

/**
 * The service worker caches what the page had loaded when it became ready (see
 * phone/registerServiceWorker.ts). The phone chunk may still have been on its way then, so
 * it is handed over once more when it has arrived: a phone that reloads offline needs it.
 */
function keepForOffline(): void {
  if (!('serviceWorker' in navigator)) return;
  const { page } = parseRoute(location.pathname);
  if (page !== 'join' && page !== 'phone') return;
  // Never settles where no worker registers (plain http on a LAN address): nothing to keep then.
  void navigator.serviceWorker.ready.then((registration) => {
    const urls = performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => new URL(name).pathname.startsWith('/assets/'));
    registration.active?.postMessage({ type: 'cache-assets', urls: [...new Set(urls)] });
  });
}

export function App() {
  const pathname = useSyncExternalStore(subscribeToLocation, currentPathname);
  const route = parseRoute(pathname);
  const onJoinPage = route.page === 'join';
  useEffect(() => {
    if (onJoinPage) void loadPhonePage().catch(() => undefined);
  }, [onJoinPage]);

  switch (route.page) {
    case 'home':
      return (
        <Suspense fallback={<LoadingScreen />}>
          <HomePage />
        </Suspense>
      );
    case 'join':
      return <JoinPage key={route.code} initialCode={route.code} />;
    case 'phone':
      return <PhoneRoute key={route.sessionId} sessionId={route.sessionId} />;
    case 'board':
    case 'present':
      return (
        <ScreenRoute key={`${route.page}:${route.sessionId}`} page={route.page} sessionId={route.sessionId} />
      );
    case 'not-found':
      return <NotFoundPage />;
  }
}
