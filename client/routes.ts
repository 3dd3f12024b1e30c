/**
 * The client's routes, parsed from `location.pathname`. No router library: five routes
 * do not need one, and the phone's bundle stays small.
 */
export type Route =
  | { page: 'home' }
  | { page: 'join'; code: string }
  | { page: 'phone'; sessionId: string }
  | { page: 'board'; sessionId: string }
  | { page: 'present'; sessionId: string }
  | { page: 'not-found' };

const SESSION_ID = '([a-z0-9]{1,64})';
const SESSION_PAGES: Record<string, 'phone' | 'board' | 'present'> = {
  phone: 'phone',
  board: 'board',
  present: 'present',
};

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { page: 'home' };
  if (path === '/join') return { page: 'join', code: '' };
  const join = /^\/j\/([^/]{1,40})$/.exec(path);
  if (join?.[1]) return { page: 'join', code: safeDecode(join[1]) };
  const session = new RegExp(`^/s/${SESSION_ID}/(phone|board|present)$`).exec(path);
  const sessionId = session?.[1];
  const page = session?.[2] ? SESSION_PAGES[session[2]] : undefined;
  if (sessionId && page) return { page, sessionId };
  return { page: 'not-found' };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export const sessionPath = (sessionId: string, page: 'phone' | 'board' | 'present'): string =>
  `/s/${sessionId}/${page}`;

/** `/s/<id>/board?setup`: the board opens with the set-up panel (right after creating a session). */
export const SETUP_PARAM = 'setup';

/** Whether the address asks for `param`; takes it out of the address bar, so a reload does not ask again. */
export function takeSearchParam(param: string): boolean {
  const params = new URLSearchParams(location.search);
  if (!params.has(param)) return false;
  params.delete(param);
  const search = params.toString();
  history.replaceState(null, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
  return true;
}

const NAVIGATE_EVENT = 'kringen:navigate';

/** Moves to another route without a page load. */
export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** For `useSyncExternalStore`: calls `listener` whenever the path changes. */
export function subscribeToLocation(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATE_EVENT, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATE_EVENT, listener);
  };
}

export const currentPathname = (): string => location.pathname;
