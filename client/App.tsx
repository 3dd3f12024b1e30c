import { lazy, Suspense, useSyncExternalStore } from 'react';
import { LoadingScreen } from './components/LoadingScreen';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { JoinPage } from './phone/JoinPage';
import { PhonePage } from './phone/PhonePage';
import { currentPathname, parseRoute, subscribeToLocation } from './routes';

// The board and presenter carry React Flow and the QR encoder; phones never download them.
const BoardPage = lazy(() => import('./board/BoardPage'));
const PresenterPage = lazy(() => import('./presenter/PresenterPage'));

export function App() {
  const pathname = useSyncExternalStore(subscribeToLocation, currentPathname);
  const route = parseRoute(pathname);
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'join':
      return <JoinPage key={route.code} initialCode={route.code} />;
    case 'phone':
      return <PhonePage key={route.sessionId} sessionId={route.sessionId} />;
    case 'board':
      return (
        <Suspense fallback={<LoadingScreen />}>
          <BoardPage key={route.sessionId} sessionId={route.sessionId} />
        </Suspense>
      );
    case 'present':
      return (
        <Suspense fallback={<LoadingScreen />}>
          <PresenterPage key={route.sessionId} sessionId={route.sessionId} />
        </Suspense>
      );
    case 'not-found':
      return <NotFoundPage />;
  }
}
