/**
 * The short number a phone shows during the interviews, so two people can pair themselves by
 * typing the other's: four digits from the participant id (FNV-1a), the same on every screen.
 * Phones never learn who else is in the room, so the number is how one finds another; two
 * people sharing a number in one room is unlikely at room sizes (and the second to join is
 * refused, not paired wrongly).
 *
 * @example
 * participantNumber('p-ans'); // e.g. '4821'
 */
export function participantNumber(participantId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < participantId.length; i++) {
    hash ^= participantId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return String(1000 + (hash % 9000));
}
