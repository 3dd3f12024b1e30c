import * as v from 'valibot';
import * as Y from 'yjs';
import type { Link, Ripple, SessionMeta, Vote } from '../model/ripple';
import { parseLink, parseRipple, SessionMetaSchema } from './parse';
import { roots, SCHEMA_VERSION } from './schema';

const META_FIELDS = SessionMetaSchema.entries as Record<keyof SessionMeta, v.GenericSchema>;

/** Meta values a document falls back to for keys it does not hold (yet). */
export const DEFAULT_META: SessionMeta = {
  schemaVersion: SCHEMA_VERSION,
  title: '',
  programme: '',
  language: 'nl',
  createdAt: 0,
  spanStart: null,
  spanEnd: null,
  phases: [],
  codebook: 'working-elements',
  secondCodebook: 'borging',
  customCodebooks: [],
  moderation: true,
  prompt: '',
  layout: 'free',
  votingOpen: false,
  votesRevealed: false,
  dotsPerParticipant: 3,
  sessionPhase: 'mapping',
  timelineLanes: 'order',
  promptCard: [],
  promptCardShown: false,
};

/**
 * The session meta; a key that is missing or invalid falls back to its default, so a
 * document from an older version (or a half-written one) still opens.
 */
export function readMeta(doc: Y.Doc): SessionMeta {
  const stored = roots(doc).meta.toJSON() as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...DEFAULT_META };
  // Key by key against its own schema: the meta schema has no rules across fields, and a
  // whole-object parse per key made this the server's fourth-hottest function under load.
  for (const key of Object.keys(DEFAULT_META) as (keyof SessionMeta)[]) {
    if (key in stored && v.safeParse(META_FIELDS[key], stored[key]).success) merged[key] = stored[key];
  }
  return merged as unknown as SessionMeta;
}

/**
 * A ripple as stored, or null when the id is unknown or the stored content is invalid. In a
 * phone's view another participant's ripple is a plain value (`readRippleEntry`); the
 * session's rules refuse anything but a Y.Map (permissions.ts).
 */
export function readRipple(doc: Y.Doc, id: string): Ripple | null {
  return readRippleEntry(roots(doc).ripples.get(id));
}

/** One entry of the ripples map as a ripple, or null when it is not a valid one. */
export function readRippleMap(map: unknown): Ripple | null {
  if (!(map instanceof Y.Map)) return null;
  const parsed = parseRipple(map.toJSON());
  return parsed.ok ? parsed.value : null;
}

/**
 * One entry of the ripples map as a screen draws it: a Y.Map as the session stores ripples,
 * or a plain value as a phone's view holds another participant's (shared/doc/phoneView.ts).
 * Only for reading: the session itself takes maps alone (`checkRippleEntry` in permissions.ts).
 */
export function readRippleEntry(entry: unknown): Ripple | null {
  if (entry instanceof Y.Map) return readRippleMap(entry);
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return null;
  const parsed = parseRipple(entry);
  return parsed.ok ? parsed.value : null;
}

export function readRipples(doc: Y.Doc): Ripple[] {
  const out: Ripple[] = [];
  for (const id of roots(doc).ripples.keys()) {
    const ripple = readRipple(doc, id);
    if (ripple) out.push(ripple);
  }
  return out;
}

export function readLinks(doc: Y.Doc): Link[] {
  const out: Link[] = [];
  for (const value of roots(doc).links.values()) {
    const parsed = parseLink(value);
    if (parsed.ok) out.push(parsed.value);
  }
  return out;
}

export function parseVoteKey(key: string): { voterId: string; slot: number } | null {
  const at = key.lastIndexOf(':');
  if (at <= 0) return null;
  const slot = Number(key.slice(at + 1));
  if (!Number.isInteger(slot) || slot < 0) return null;
  return { voterId: key.slice(0, at), slot };
}

export function readVotes(doc: Y.Doc): Vote[] {
  const out: Vote[] = [];
  for (const [key, rippleId] of roots(doc).votes.entries()) {
    const parsedKey = parseVoteKey(key);
    if (parsedKey && typeof rippleId === 'string') out.push({ ...parsedKey, rippleId });
  }
  return out;
}

/** The lowest dot slot `voterId` has not used yet: where their next dot goes. */
export function nextFreeSlot(doc: Y.Doc, voterId: string): number {
  const used = new Set(
    readVotes(doc)
      .filter((v) => v.voterId === voterId)
      .map((v) => v.slot),
  );
  let slot = 0;
  while (used.has(slot)) slot++;
  return slot;
}
