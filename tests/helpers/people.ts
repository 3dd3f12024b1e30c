import * as Y from 'yjs';
import { initSession } from '../../shared/doc/commands';
import type { Actor, SessionMeta } from '../../shared/model/ripple';

/** The people of the shared/ tests: the facilitator, two participants, a presenter screen. */
export const boss: Actor = { role: 'facilitator', id: 'facilitator' };
export const ans: Actor = { role: 'participant', id: 'p-ans' };
export const bert: Actor = { role: 'participant', id: 'p-bert' };
/** Two more participants, for pairs and trios in the interviews. */
export const cor: Actor = { role: 'participant', id: 'p-cor' };
export const dirk: Actor = { role: 'participant', id: 'p-dirk' };
export const viewer: Actor = { role: 'viewer', id: 'viewer' };

/** A fresh session document ("Buurtkracht", created at time 1000), with `meta` on top. */
export function session(meta: Partial<SessionMeta> = {}): Y.Doc {
  const doc = new Y.Doc();
  initSession(doc, { title: 'Buurtkracht', ...meta }, 1000);
  return doc;
}
