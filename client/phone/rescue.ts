import type * as Y from 'yjs';
import { addRipple, editRipple, type RippleInput } from '../../shared/doc/commands';
import { PARTICIPANT_CONTENT_FIELDS } from '../../shared/doc/permissions';
import { readRipple, readRipples } from '../../shared/doc/read';
import type { Actor, Ripple } from '../../shared/model/ripple';
import type { RescuedRipple } from '../device/rescuedRipples';

/**
 * Starting over after a refused update (close 4403/4422) without losing what was typed.
 *
 * Once the server drops one update, Yjs keeps every later update of that client pending,
 * so the phone must throw its document away (and its IndexedDB copy, or the refused
 * update comes back on the next load). Before that, `rescueOwnRipples` takes the content
 * of the participant's own ripples that may hold unsent typing; after the fresh document
 * has synced with the server, `restoreRipples` writes it back with the normal commands:
 *
 * - not on the server (never arrived): added again, with the same id, if it was waiting
 *   or changed on this phone (otherwise the facilitator removed it);
 * - on the server, still waiting: the phone's text is written over it (allowed while pending);
 * - on the server, already accepted or hidden, with other content: the phone's version is
 *   sent as a new ripple, because the facilitator already handled the old one;
 * - same content: nothing to do.
 */

/**
 * What else a start-over must keep, added by screens that hold more than ripples (the
 * interviews' drafts, client/interview/rescueDrafts.ts): each is called with the document
 * about to be thrown away. A set, so the phone's first bundle need not know those screens.
 */
export const startOverKeepers = new Set<(doc: Y.Doc) => void>();

function contentOf(ripple: Ripple): RescuedRipple['fields'] {
  const fields: Record<string, unknown> = {};
  for (const field of PARTICIPANT_CONTENT_FIELDS) fields[field] = ripple[field];
  return { ...fields, text: ripple.text };
}

/**
 * The content of every own ripple. Which of them hold typing the server lacks is only known
 * after the fresh sync (a refused edit may already show the facilitator's "accepted"), so
 * all are kept; `local` marks those that must come back even when the server has no such
 * ripple: waiting ones, and any changed since `unsentSince`.
 */
export function rescueOwnRipples(doc: Y.Doc, actor: Actor, unsentSince: number | null): RescuedRipple[] {
  return readRipples(doc)
    .filter((r) => r.authorId === actor.id)
    .map((r) => ({
      id: r.id,
      local: r.status === 'pending' || (unsentSince !== null && r.updatedAt >= unsentSince),
      fields: contentOf(r),
    }));
}

export type RestoreOutcome = { restored: number; resentAsNew: number };

/** Writes rescued content back into a document that has synced with the server. */
export function restoreRipples(doc: Y.Doc, actor: Actor, rescued: readonly RescuedRipple[]): RestoreOutcome {
  const outcome: RestoreOutcome = { restored: 0, resentAsNew: 0 };
  for (const { id, local, fields } of rescued) {
    const input = fields as unknown as RippleInput;
    const current = readRipple(doc, id);
    if (!current) {
      // Gone from the server and never changed here: the facilitator removed it; leave it so.
      if (!local) continue;
      const added = addRipple(doc, actor, input, { id });
      if (added.ok || addRipple(doc, actor, input).ok) outcome.restored++;
      continue;
    }
    if (JSON.stringify(contentOf(current)) === JSON.stringify({ ...contentOf(current), ...fields })) continue;
    if (current.authorId === actor.id && current.status === 'pending') {
      if (editRipple(doc, actor, id, input).ok) outcome.restored++;
    } else if (addRipple(doc, actor, input).ok) {
      outcome.resentAsNew++;
    }
  }
  return outcome;
}
