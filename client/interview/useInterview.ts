import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { roots } from '../../shared/doc/schema';
import { readDrafts, readInterview, readPairs } from '../../shared/interview/readInterview';
import type { Draft, InterviewSettings, Pair } from '../../shared/model/interview';

/** The interviews as screens read them: parsed from the document's three interview roots. */
export interface InterviewView {
  settings: InterviewSettings;
  pairs: Pair[];
  drafts: Draft[];
}

const snapshots = new WeakMap<
  Y.Doc,
  { view: InterviewView; subscribe: (listener: () => void) => () => void }
>();

/**
 * One read-only projection per document, renewed when one of the interview roots changes
 * (the rest of the document does not concern these screens).
 */
function projectionOf(doc: Y.Doc) {
  let entry = snapshots.get(doc);
  if (entry) return entry;
  const read = (): InterviewView => ({
    settings: readInterview(doc),
    pairs: readPairs(doc),
    drafts: readDrafts(doc),
  });
  const listeners = new Set<() => void>();
  const created = {
    view: read(),
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const { interview, pairs, drafts } = roots(doc);
  const refresh = () => {
    created.view = read();
    for (const listener of listeners) listener();
  };
  // Observers live as long as the document: one per document, removed with it.
  interview.observe(refresh);
  pairs.observe(refresh);
  drafts.observe(refresh);
  entry = created;
  snapshots.set(doc, entry);
  return entry;
}

export function useInterview(doc: Y.Doc): InterviewView {
  const projection = projectionOf(doc);
  return useSyncExternalStore(projection.subscribe, () => projection.view);
}
