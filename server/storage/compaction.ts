import * as Y from 'yjs';

const MINUTE = 60_000;

/**
 * The new snapshot of a compaction: the caller's document state, the old snapshot and the
 * log rows being removed, applied to a fresh document. The caller's state alone is not
 * enough once several instances share a store: a row another instance stored, or a
 * snapshot it wrote, may not have reached the caller's document yet.
 */
export function mergeSnapshot(parts: ReadonlyArray<Uint8Array | null>): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const part of parts) if (part) Y.applyUpdate(doc, part);
  });
  const merged = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return merged;
}

export const minuteOf = (at: number): number => Math.floor(at / MINUTE) * MINUTE;

/**
 * The history rows a compaction writes: the removed updates merged per minute, each on top
 * of what that minute already held. `existing` looks up a minute's current row.
 */
export function historyRows(
  removed: ReadonlyArray<{ at: number; update: Uint8Array }>,
  existing: (minute: number) => Uint8Array | null,
): Array<{ minute: number; data: Uint8Array }> {
  const byMinute = new Map<number, Uint8Array[]>();
  for (const { at, update } of removed) {
    const minute = minuteOf(at);
    let list = byMinute.get(minute);
    if (!list) {
      const before = existing(minute);
      list = before ? [before] : [];
      byMinute.set(minute, list);
    }
    list.push(update);
  }
  return [...byMinute].map(([minute, updates]) => ({ minute, data: Y.mergeUpdates(updates) }));
}
