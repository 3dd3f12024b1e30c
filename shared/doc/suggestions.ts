import type * as Y from 'yjs';
import { suggestCode } from '../classifier';
import type { SessionMeta } from '../model/ripple';
import type { DocChange } from './changes';
import { SUGGESTION_ORIGIN } from './origins';
import { readMeta, readRipple, readRipples } from './read';
import { roots } from './schema';
import { sessionCodebook } from './sessionCodebook';

export { SUGGESTION_ORIGIN };

/** Meta keys whose change can change every suggestion. */
const CODEBOOK_KEYS = new Set(['codebook', 'customCodebooks']);

/**
 * Which ripples need a fresh suggestion after `changes`: new ripples, ripples whose text
 * changed, and — after a codebook change — every ripple. Ripples with a confirmed code
 * keep their last suggestion: the suggestion is history once a person has decided.
 */
export function ripplesToSuggest(doc: Y.Doc, changes: readonly DocChange[]): string[] {
  const ids = new Set<string>();
  for (const { path, key } of changes) {
    if (key === null) continue;
    if (path.length === 1 && path[0] === 'meta' && CODEBOOK_KEYS.has(key)) {
      return readRipples(doc).map((r) => r.id);
    }
    if (path.length === 1 && path[0] === 'ripples') ids.add(key);
    if (path.length === 2 && path[0] === 'ripples' && key === 'text' && path[1]) ids.add(path[1]);
  }
  return [...ids];
}

/**
 * Writes the classifier's suggestion into each listed ripple that has no confirmed code,
 * where it differs from what is stored. Returns how many ripples changed.
 *
 * @example
 * updateSuggestions(doc, ['r1']); // r1.suggestedCode = suggestCode(r1.text, codebook)
 */
export function updateSuggestions(
  doc: Y.Doc,
  rippleIds: readonly string[],
  meta: Pick<SessionMeta, 'codebook' | 'customCodebooks'> = readMeta(doc),
): number {
  const codebook = sessionCodebook(meta);
  const writes: Array<{ map: Y.Map<unknown>; code: string | null }> = [];
  for (const id of rippleIds) {
    const ripple = readRipple(doc, id);
    const map = roots(doc).ripples.get(id);
    if (!ripple || !map || ripple.code !== null) continue;
    const code = suggestCode(ripple.text, codebook);
    if (code !== ripple.suggestedCode) writes.push({ map, code });
  }
  if (writes.length > 0) {
    doc.transact(() => {
      for (const { map, code } of writes) map.set('suggestedCode', code);
    }, SUGGESTION_ORIGIN);
  }
  return writes.length;
}
