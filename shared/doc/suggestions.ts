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
  examples: () => readonly CodedExample[] = () => confirmedExamples(doc),
): number {
  if (rippleIds.length === 0) return 0;
  const codebook = sessionCodebook(meta);
  const given = examples();
  const writes: Array<{ map: Y.Map<unknown>; code: string | null }> = [];
  for (const id of rippleIds) {
    const ripple = readRipple(doc, id);
    const map = roots(doc).ripples.get(id);
    if (!ripple || !map || ripple.code !== null) continue;
    const code = suggestCode(ripple.text, codebook, given);
    if (code !== ripple.suggestedCode) writes.push({ map, code });
  }
  if (writes.length > 0) {
    doc.transact(() => {
      for (const { map, code } of writes) map.set('suggestedCode', code);
    }, SUGGESTION_ORIGIN);
  }
  return writes.length;
}

/** A ripple map as a classifier example: its text and confirmed code, or null when it has none. */
export function exampleOf(map: Y.Map<unknown> | undefined): CodedExample | null {
  const code = map?.get('code');
  const text = map?.get('text');
  if (typeof code !== 'string' || code === '' || typeof text !== 'string' || text.trim() === '') return null;
  return { text, code };
}

/**
 * The session's ripples with a confirmed code, as classifier examples, read from every
 * ripple map. The server keeps the same list up to date instead (`PriorState.examples`):
 * reading every ripple per new ripple grows with the session.
 */
export function confirmedExamples(doc: Y.Doc): readonly CodedExample[] {
  const examples: CodedExample[] = [];
  for (const map of roots(doc).ripples.values()) {
    const example = exampleOf(map);
    if (example) examples.push(example);
  }
  return examples;
}
