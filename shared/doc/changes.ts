import type * as Y from 'yjs';
import { isSharedType, placeOf } from './yjsInternals';

/**
 * One key of one map that a transaction changed. `path` leads from a root type to the
 * changed map: `['ripples']` with key `r1` means ripple r1 was added, replaced or removed;
 * `['ripples', 'r1']` with key `text` means its text changed. A change to a type that is
 * not a map (text, array) has `key: null`.
 */
export interface DocChange {
  path: string[];
  key: string | null;
}

/** The path from the document root to `type`, or null when the type sits somewhere our schema never puts one. */
function pathOf(doc: Y.Doc, type: Y.AbstractType<unknown>): string[] | null {
  const path: string[] = [];
  let current: Y.AbstractType<unknown> = type;
  for (let place = placeOf(current); place !== null; place = placeOf(current)) {
    if (place.key === null) return null; // inside an array or text: not part of our schema
    path.unshift(place.key);
    if (!isSharedType(place.parent)) return null;
    current = place.parent;
  }
  for (const [name, root] of doc.share) {
    if (root === current) {
      path.unshift(name);
      return path;
    }
  }
  return null;
}

/**
 * What a transaction changed, as paths. Yjs reports only types that existed before the
 * transaction, so content created inside it shows up as the key that now holds it.
 * Unplaceable changes come back with path `['?']`, which no rule allows.
 */
export function changesOfTransaction(doc: Y.Doc, transaction: Y.Transaction): DocChange[] {
  const changes: DocChange[] = [];
  for (const [type, keys] of transaction.changed) {
    const path = pathOf(doc, type as Y.AbstractType<unknown>) ?? ['?'];
    for (const key of keys) changes.push({ path, key });
  }
  return changes;
}
