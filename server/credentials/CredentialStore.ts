/**
 * Sessions and the identities that may enter them, behind an async interface so several
 * server instances can share one database. `SqliteCredentialStore` is the embedded default,
 * `PostgresCredentialStore` the shared one; both keep facilitator keys and participant
 * secrets only as hashes, so a stolen database lets nobody act in a session.
 */
export interface SessionRecord {
  id: string;
  joinCode: string;
  title: string;
  createdAt: number;
}

export interface ParticipantRecord {
  id: string;
  sessionId: string;
  name: string;
}

export type KeyRole = 'facilitator' | 'viewer';

export interface CredentialStore {
  /** A new session with a fresh join code (redrawn on a collision) and fresh keys, returned once in the clear. */
  create(
    title: string,
    now?: number,
  ): Promise<{ session: SessionRecord; facilitatorKey: string; viewerKey: string }>;
  /** Removes a session and its participants (the document's rows are the update store's). */
  delete(id: string): Promise<void>;
  get(id: string): Promise<SessionRecord | null>;
  byJoinCode(code: string): Promise<SessionRecord | null>;
  /**
   * A new facilitator key for a leaked board link; the old key stops working at once.
   * Returned once in the clear (null when there is no such session).
   */
  renewFacilitatorKey(sessionId: string): Promise<string | null>;
  /** The presenter key, for facilitators who want to share the presenter link again. */
  viewerKey(sessionId: string): Promise<string | null>;
  count(): Promise<number>;
  /** Every session, oldest first (for the retention sweep). */
  list(): Promise<SessionRecord[]>;
  /** The role a facilitator or presenter key grants in this session, or null. */
  roleForKey(sessionId: string, key: string): Promise<KeyRole | null>;
  addParticipant(
    sessionId: string,
    name: string,
    now?: number,
  ): Promise<{ participant: ParticipantRecord; secret: string }>;
  /** The participant behind an id and secret, or null when either is wrong. */
  checkParticipant(sessionId: string, id: string, secret: string): Promise<ParticipantRecord | null>;
}
