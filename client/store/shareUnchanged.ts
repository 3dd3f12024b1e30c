import type { SessionView } from '../../shared/doc/viewModel';
import { sameValue } from '../../shared/util/sameValue';

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
