/*
 * Kringen's service worker, for phones only (registered on /join, /j/… and /s/…/phone).
 * Its one job: a phone that reloads while the Wi-Fi is gone still gets the page, so the
 * ripple it typed (kept in IndexedDB) is not stranded behind a "no internet" screen.
 *
 * - Hashed files under /assets/ never change: cache-first (and cached as they are fetched;
 *   the page also sends us the list of what it already loaded, see client/main.tsx).
 * - Page navigations: network-first, so a new version shows as soon as there is a
 *   connection; the last good copy of the app shell (every route serves the same
 *   index.html) is the fallback when offline.
 * - Everything else (/api, /ws): not touched.
 */
const CACHE = 'kringen-v1';
const SHELL = '/__shell';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        fetch('/', { cache: 'no-cache' }).then((res) => (res.ok ? cache.put(SHELL, res) : undefined)),
      )
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  const urls = event.data && event.data.type === 'cache-assets' ? event.data.urls : null;
  if (!Array.isArray(urls)) return;
  const own = urls.filter((url) => typeof url === 'string' && new URL(url).pathname.startsWith('/assets/'));
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(own))
      .catch(() => undefined),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((res) => {
          if (res.ok) {
            const copy = res.clone();
            event.waitUntil(caches.open(CACHE).then((cache) => cache.put(SHELL, copy)));
          }
          return res;
        })
        .catch(() => caches.match(SHELL).then((cached) => cached || Response.error())),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ||
          fetch(request).then((res) => {
            if (res.ok) {
              const copy = res.clone();
              event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
            }
            return res;
          }),
      ),
    );
  }
});
