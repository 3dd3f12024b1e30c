import { asString, readStored, removeStored, writeStored } from '../util/storage';

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

/** The key `takeScreenKey` will return, leaving the address bar and storage as they are. */
export function peekScreenKey(screen: KeyedScreen, sessionId: string): string | null {
  return (
    new URLSearchParams(location.hash.slice(1)).get('key') ??
    readStored(storageKey(screen, sessionId), asString)
  );
}

/** Reads `#key=` (remembering it and clearing it from the address bar), else the remembered key. */
export function takeScreenKey(screen: KeyedScreen, sessionId: string): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('key');
  if (fromHash) {
    rememberScreenKey(screen, sessionId, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return readStored(storageKey(screen, sessionId), asString);
}

/** Forgets the board and presenter keys this device remembers for a session. */
export function forgetScreenKeys(sessionId: string): void {
  removeStored(storageKey('board', sessionId));
  removeStored(storageKey('present', sessionId));
}

/** The board's address with its key, for opening this board on another device. */
export function facilitatorLink(sessionId: string, key: string): string {
  return `${location.origin}/s/${sessionId}/board#key=${key}`;
}
