import { readStored, removeStored, writeStored } from '../util/storage';

/**
 * Ripple content saved just before a phone throws its local document away (after the
 * server refused one of its updates), so nothing typed is lost even if the page reloads
 * before the content is written into the fresh document. Parsed again on the way back
 * in: `addRipple` / `editRipple` validate every field.
 */
export interface RescuedRipple {
  id: string;
  /** Waiting, or changed on this phone since the last sure send: restore even if the server lacks it. */
  local: boolean;
  fields: Record<string, unknown> & { text: string };
}

const key = (sessionId: string, participantId: string) => `kringen:rescue:${sessionId}:${participantId}`;

function parseRescued(value: unknown): RescuedRipple[] | null {
  if (!Array.isArray(value)) return null;
  return value.filter(
    (item): item is RescuedRipple =>
      !!item &&
      typeof item === 'object' &&
      typeof (item as RescuedRipple).id === 'string' &&
      typeof (item as RescuedRipple).local === 'boolean' &&
      !!(item as RescuedRipple).fields &&
      typeof (item as RescuedRipple).fields.text === 'string',
  );
}

export function loadRescued(sessionId: string, participantId: string): RescuedRipple[] {
  return readStored(key(sessionId, participantId), parseRescued) ?? [];
}

export function saveRescued(sessionId: string, participantId: string, ripples: RescuedRipple[]): void {
  // Merge with an earlier rescue that was not written back yet.
  const byId = new Map(loadRescued(sessionId, participantId).map((r) => [r.id, r]));
  for (const ripple of ripples) byId.set(ripple.id, ripple);
  writeStored(key(sessionId, participantId), [...byId.values()]);
}

export function clearRescued(sessionId: string, participantId: string): void {
  removeStored(key(sessionId, participantId));
}
