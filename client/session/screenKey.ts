import { asString, readStored, writeStored } from '../util/storage';

/**
 * The facilitator and presenter keys arrive in the URL fragment (`#key=…`), which
 * browsers never send to a server. We remember them per session so a reload of the bare
 * URL works, and take them out of the address bar: the board is on a projector, and a
 * key on the wall is a key in every phone camera.
 */
export type KeyedScreen = 'board' | 'present';

const storageKey = (screen: KeyedScreen, sessionId: string) => `kringen:key:${screen}:${sessionId}`;

export function rememberScreenKey(screen: KeyedScreen, sessionId: string, key: string): void {
  writeStored(storageKey(screen, sessionId), key);
}

/** Reads `#key=` (remembering it and clearing it from the address bar), else the remembered key. */
export function takeScreenKey(screen: KeyedScreen, sessionId: string): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('key');
  if (fromHash) {
    rememberScreenKey(screen, sessionId, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  const stored = readStored(storageKey(screen, sessionId), asString);
  // The presenter screen on the facilitator's own laptop may borrow the board's key; it never writes.
  if (!stored && screen === 'present') return readStored(storageKey('board', sessionId), asString);
  return stored;
}

/** Links only the creating browser knows: the server keeps hashes of the keys, not the keys. */
export interface ShareLinks {
  boardUrl: string;
  presenterUrl: string;
}

const linksKey = (sessionId: string) => `kringen:links:${sessionId}`;

export function rememberShareLinks(sessionId: string, links: ShareLinks): void {
  writeStored(linksKey(sessionId), links);
}

export function readShareLinks(sessionId: string): ShareLinks | null {
  return readStored(linksKey(sessionId), (value) => {
    if (!value || typeof value !== 'object') return null;
    const { boardUrl, presenterUrl } = value as Record<string, unknown>;
    return typeof boardUrl === 'string' && typeof presenterUrl === 'string'
      ? { boardUrl, presenterUrl }
      : null;
  });
}
