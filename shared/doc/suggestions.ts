import type * as Y from 'yjs';
import { type CodedExample, suggestCode } from '../classifier';
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
 * where it differs from what is stored. Returns how many ripples changed. The session's
 * confirmed codes are the classifier's examples: after a few confirmations the
 * next ripples' suggestions speak the session's own vocabulary. Ripples already suggested
 * keep their suggestion until their text changes, so a confirmation costs no re-run.
 *
 * @example
 * updateSuggestions(doc, ['r1']); // r1.suggestedCode = suggestCode(r1.text, codebook, confirmedExamples(doc))
 */
export function updateSuggestions(
  doc: Y.Doc,
  rippleIds: readonly string[],
  meta: Pick<SessionMeta, 'codebook' | 'customCodebooks'> = readMeta(doc),
): number {
  const codebook = sessionCodebook(meta);
  const examples = rippleIds.length > 0 ? confirmedExamples(doc) : [];
  const writes: Array<{ map: Y.Map<unknown>; code: string | null }> = [];
  for (const id of rippleIds) {
    const ripple = readRipple(doc, id);
    const map = roots(doc).ripples.get(id);
    if (!ripple || !map || ripple.code !== null) continue;
    const code = suggestCode(ripple.text, codebook, examples);
    if (code !== ripple.suggestedCode) writes.push({ map, code });
  }
  if (writes.length > 0) {
    doc.transact(() => {
      for (const { map, code } of writes) map.set('suggestedCode', code);
    }, SUGGESTION_ORIGIN);
  }
  return writes.length;
}

/**
 * The session's ripples with a confirmed code, as classifier examples. Read straight from
 * the ripple maps (no full parse: the server runs this per batch of new ripples), and the
 * same array is returned while nothing changed, so the classifier's index of it is reused.
 */
export function confirmedExamples(doc: Y.Doc): readonly CodedExample[] {
  const examples: CodedExample[] = [];
  const signature: string[] = [];
  for (const [id, map] of roots(doc).ripples) {
    const code = map.get('code');
    const text = map.get('text');
    if (typeof code !== 'string' || code === '' || typeof text !== 'string' || text.trim() === '') continue;
    examples.push({ text, code });
    signature.push(`${id}\u0000${code}\u0000${text}`);
  }
  const key = signature.join('\u0001');
  const cached = examplesCache.get(doc);
  if (cached && cached.key === key) return cached.examples;
  examplesCache.set(doc, { key, examples });
  return examples;
}

const examplesCache = new WeakMap<Y.Doc, { key: string; examples: readonly CodedExample[] }>();
