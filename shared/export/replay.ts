import * as Y from 'yjs';
import { readLinks, readRipples, readVotes } from '../doc/read';

/** One stored update and when the server stored it (ms since 1970). */
export interface HistoryEntry {
  at: number;
  update: Uint8Array;
}

/** How big the map was at one moment. */
export interface GrowthPoint {
  at: number;
  ripples: number;
  onMap: number;
  waiting: number;
  hidden: number;
  links: number;
  votes: number;
}

/**
 * The session as it was at `time`: every update stored up to then, applied in order.
 *
 * @example
 * const doc = docAt(history, Date.parse('2026-03-12T10:30:00Z'));
 */
export function docAt(history: readonly HistoryEntry[], time: number): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const entry of history) if (entry.at <= time) Y.applyUpdate(doc, entry.update);
  });
  return doc;
}

function measure(doc: Y.Doc, at: number): GrowthPoint {
  const ripples = readRipples(doc);
  return {
    at,
    ripples: ripples.length,
    onMap: ripples.filter((r) => r.status === 'accepted').length,
    waiting: ripples.filter((r) => r.status === 'pending').length,
    hidden: ripples.filter((r) => r.status === 'hidden').length,
    links: readLinks(doc).length,
    votes: readVotes(doc).length,
  };
}

/**
 * How the map grew: one point per `stepMs` (default: a minute) in which something was
 * stored, measured after all updates of that step.
 */
export function growthSeries(history: readonly HistoryEntry[], stepMs = 60_000): GrowthPoint[] {
  const doc = new Y.Doc();
  const points: GrowthPoint[] = [];
  const sorted = [...history].sort((a, b) => a.at - b.at);
  for (let i = 0; i < sorted.length; i++) {
    const entry = sorted[i] as HistoryEntry;
    Y.applyUpdate(doc, entry.update);
    const step = Math.floor(entry.at / stepMs) * stepMs;
    const next = sorted[i + 1];
    if (!next || Math.floor(next.at / stepMs) * stepMs !== step) points.push(measure(doc, step));
  }
  doc.destroy();
  return points;
}
