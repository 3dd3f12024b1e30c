import * as Y from 'yjs';
import type { StoredDoc } from '../../server/storage/UpdateStore';

/** A document whose every change comes back as the Yjs update a client would send. */
export function writer(): { doc: Y.Doc; set(key: string, value?: string): Uint8Array } {
  const doc = new Y.Doc();
  return {
    doc,
    set(key, value = key) {
      const parts: Uint8Array[] = [];
      const capture = (update: Uint8Array) => parts.push(update);
      doc.on('update', capture);
      doc.getMap('items').set(key, value);
      doc.off('update', capture);
      return Y.mergeUpdates(parts);
    },
  };
}

/** The `items` map of a document rebuilt from updates (a snapshot, then the log). */
export function itemsOf(updates: ReadonlyArray<Uint8Array | null>): Record<string, unknown> {
  const doc = new Y.Doc();
  for (const update of updates) if (update) Y.applyUpdate(doc, update);
  const items = doc.getMap('items').toJSON();
  doc.destroy();
  return items;
}

export const itemsOfStored = (stored: StoredDoc) => itemsOf([stored.snapshot, ...stored.updates]);

/** `{ k0: 'k0', k1: 'k1', … }`: what a writer that set these keys holds. */
export const keys = (...names: string[]) => Object.fromEntries(names.map((name) => [name, name]));
