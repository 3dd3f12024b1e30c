import { readStored, removeStored, writeStored } from '../util/storage';

/**
 * When this phone made its oldest change the server has not surely received yet, or null
 * when everything went out. Kept in localStorage so a page reloaded while offline still
 * knows that something waits to be sent (the change itself waits in IndexedDB).
 */
const key = (sessionId: string, participantId: string) => `kringen:unsent:${sessionId}:${participantId}`;

const asTime = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

export function loadUnsentSince(sessionId: string, participantId: string): number | null {
  return readStored(key(sessionId, participantId), asTime);
}

export function saveUnsentSince(sessionId: string, participantId: string, since: number | null): void {
  if (since === null) removeStored(key(sessionId, participantId));
  else writeStored(key(sessionId, participantId), since);
}
