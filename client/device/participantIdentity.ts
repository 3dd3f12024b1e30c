import { normalizeJoinCode } from '../../shared/protocol/joinCode';
import { asString, readStored, removeStored, writeStored } from '../util/storage';

/**
 * A phone's identity in one session. Kept in localStorage, so a reload, a dropped
 * connection or coming back later keeps the same person (and their own ripples).
 */
export interface ParticipantIdentity {
  participantId: string;
  secret: string;
  name: string;
  /** The session's title when we joined, so a page started offline can still show it. */
  title?: string;
}

const identityKey = (sessionId: string) => `kringen:participant:${sessionId}`;
const codeKey = (code: string) => `kringen:code:${normalizeJoinCode(code)}`;

function parseIdentity(value: unknown): ParticipantIdentity | null {
  if (!value || typeof value !== 'object') return null;
  const { participantId, secret, name, title } = value as Record<string, unknown>;
  if (typeof participantId !== 'string' || typeof secret !== 'string') return null;
  return {
    participantId,
    secret,
    name: typeof name === 'string' ? name : '',
    ...(typeof title === 'string' ? { title } : {}),
  };
}

export function loadIdentity(sessionId: string): ParticipantIdentity | null {
  return readStored(identityKey(sessionId), parseIdentity);
}

export function saveIdentity(sessionId: string, identity: ParticipantIdentity): void {
  writeStored(identityKey(sessionId), identity);
}

export function forgetIdentity(sessionId: string): void {
  removeStored(identityKey(sessionId));
}

/** Remembers which session a join code led to, so opening the same code again skips the join step. */
export function rememberJoinCode(code: string, sessionId: string): void {
  writeStored(codeKey(code), sessionId);
}

export function sessionForJoinCode(code: string): string | null {
  return readStored(codeKey(code), asString);
}
