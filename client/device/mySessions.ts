import { readStored, writeStored } from '../util/storage';
import { forgetScreenKeys } from './screenKey';

/**
 * "Mijn sessies": the sessions this device opened as facilitator, kept in this browser's
 * localStorage only — the server never learns which sessions belong together, and another
 * device has its own list.
 */
export interface MySession {
  id: string;
  title: string;
  /** When the session was created (its document's `createdAt`). */
  createdAt: number;
  /** Ripples on the map or waiting (hidden ones not counted). */
  ripples: number;
  closed: boolean;
  /** When this device last had the board open, for the order of the list. */
  openedAt: number;
}

const STORAGE_KEY = 'kringen:my-sessions';
/** Enough for years of sessions; the oldest fall off. */
const MAX_SESSIONS = 100;

function isMySession(value: unknown): value is MySession {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    typeof v.title === 'string' &&
    typeof v.createdAt === 'number' &&
    typeof v.ripples === 'number' &&
    typeof v.closed === 'boolean' &&
    typeof v.openedAt === 'number'
  );
}

const parseList = (value: unknown): MySession[] | null =>
  Array.isArray(value) ? value.filter(isMySession) : null;

/** Most recently opened first. */
export function listMySessions(): MySession[] {
  return (readStored(STORAGE_KEY, parseList) ?? []).sort((a, b) => b.openedAt - a.openedAt);
}

/** Adds or refreshes a session in this device's list. */
export function rememberMySession(entry: MySession): void {
  const others = listMySessions().filter((s) => s.id !== entry.id);
  writeStored(STORAGE_KEY, [entry, ...others].slice(0, MAX_SESSIONS));
}

/** Changes what the list shows for one session, if it is in the list. */
export function updateMySession(id: string, patch: Partial<Omit<MySession, 'id'>>): void {
  writeStored(
    STORAGE_KEY,
    listMySessions().map((s) => (s.id === id ? { ...s, ...patch } : s)),
  );
}

/** Takes a session off this device's list and forgets its keys here; the session itself stays. */
export function forgetMySession(id: string): void {
  writeStored(
    STORAGE_KEY,
    listMySessions().filter((s) => s.id !== id),
  );
  forgetScreenKeys(id);
}
