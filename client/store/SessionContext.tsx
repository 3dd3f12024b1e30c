import { createContext, useContext } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { useStore } from 'zustand';
import type { Actor } from '../../shared/model/ripple';
import type { DocState, DocStore } from './docStore';

/** One open session as components see it: the document to run commands on, who acts, and the store. */
export interface SessionHandle {
  doc: Y.Doc;
  actor: Actor;
  store: DocStore;
  /** Presence (board and presenter only). */
  awareness?: Awareness;
}

export const SessionContext = createContext<SessionHandle | null>(null);

export function useSessionHandle(): SessionHandle {
  const handle = useContext(SessionContext);
  if (!handle) throw new Error('Kringen: useSessionHandle must be used inside a <SessionContext> provider.');
  return handle;
}

/** Reads a slice of the open session's store. */
export function useSession<T>(selector: (state: DocState) => T): T {
  return useStore(useSessionHandle().store, selector);
}
