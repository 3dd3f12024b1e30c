import { parseRoute } from '../routes';

/**
 * Registers /sw.js (client/public/sw.js) on the phone's pages only: it lets a phone reload
 * the page without a connection. The board and presenter run on a laptop with a cable
 * and always get the newest code from the network.
 */
export function registerPhoneServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const { page } = parseRoute(location.pathname);
  if (page !== 'join' && page !== 'phone') return;
  navigator.serviceWorker
    .register('/sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      // What this page loaded before the worker took over, so the next offline start has it too.
      const urls = performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => new URL(name).pathname.startsWith('/assets/'));
      for (const script of document.querySelectorAll<HTMLScriptElement>('script[src]')) urls.push(script.src);
      for (const link of document.querySelectorAll<HTMLLinkElement>(
        'link[rel="stylesheet"],link[rel="modulepreload"]',
      ))
        urls.push(link.href);
      registration.active?.postMessage({ type: 'cache-assets', urls: [...new Set(urls)] });
    })
    .catch(() => {
      // No worker (e.g. http on a LAN address other than localhost): the page works online as before.
    });
}
