import type { SessionView } from '../../shared/doc/viewModel';

/**
 * Reuses the previous objects for ripples and links that did not change, so memoised
 * nodes and list items re-render only for what actually changed.
 */
export function shareUnchanged(prev: SessionView, next: SessionView): SessionView {
  const ripples = shareList(prev.ripples, next.ripples);
  const links = shareList(prev.links, next.links);
  const meta = sameValue(prev.meta, next.meta) ? prev.meta : next.meta;
  return { ...next, meta, ripples, links };
}

function shareList<T extends { id: string }>(prev: readonly T[], next: T[]): T[] {
  const byId = new Map(prev.map((item) => [item.id, item]));
  let changed = prev.length !== next.length;
  const out = next.map((item, index) => {
    const old = byId.get(item.id);
    if (old && sameValue(old, item)) {
      if (prev[index] !== old) changed = true;
      return old;
    }
    changed = true;
    return item;
  });
  return changed ? out : (prev as T[]);
}

/** Deep equality for the plain JSON values a view holds. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) =>
    sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
