import { randomBytes } from 'node:crypto';
import { joinCodeFromBytes } from '../../shared/protocol/joinCode';
import { randomId } from '../../shared/util/randomId';
import type { CredentialStore, KeyRole, ParticipantRecord, SessionRecord } from './CredentialStore';
import { hashSecret, matchesHash, newSecret } from './secrets';

/** A `sessions` table row, as every backend stores it. */
export interface SessionRow {
  id: string;
  joinCode: string;
  facilitatorKeyHash: string;
  /** The presenter key only lets a screen watch; it is kept so the facilitator can share it again. */
  viewerKey: string;
  title: string;
  createdAt: number;
}

/** A `participants` table row. */
export interface ParticipantRow {
  id: string;
  sessionId: string;
  secretHash: string;
  name: string;
  createdAt: number;
}

/**
 * The rules every session store follows (hashing, join-code redraws, constant-time checks),
 * written once; a backend only moves rows.
 */
export abstract class HashedCredentialStore implements CredentialStore {
  /** Stores a new session; false when its id or join code is taken, so the caller draws again. */
  protected abstract insertSession(row: SessionRow): Promise<boolean>;
  protected abstract sessionRow(column: 'id' | 'joinCode', value: string): Promise<SessionRow | null>;
  /** Replaces a session's facilitator key hash; false when there is no such session. */
  protected abstract updateFacilitatorKeyHash(sessionId: string, hash: string): Promise<boolean>;
  protected abstract insertParticipant(row: ParticipantRow): Promise<void>;
  protected abstract participantRow(sessionId: string, id: string): Promise<ParticipantRow | null>;
  abstract delete(id: string): Promise<void>;
  abstract count(): Promise<number>;
  protected abstract sessionRows(): Promise<SessionRow[]>;

  async list(): Promise<SessionRecord[]> {
    return (await this.sessionRows()).map(toRecord);
  }

  async create(title: string, now = Date.now()) {
    const facilitatorKey = newSecret();
    const viewerKey = newSecret();
    // A join-code collision: draw again (a handful of tries even with millions of sessions).
    for (let attempt = 0; attempt <= 10; attempt++) {
      const session: SessionRecord = {
        id: randomId(12),
        joinCode: joinCodeFromBytes(randomBytes(8)),
        title,
        createdAt: now,
      };
      const facilitatorKeyHash = hashSecret(facilitatorKey);
      if (await this.insertSession({ ...session, facilitatorKeyHash, viewerKey })) {
        return { session, facilitatorKey, viewerKey };
      }
    }
    throw new Error('no free join code after 11 draws');
  }

  async get(id: string): Promise<SessionRecord | null> {
    const row = await this.sessionRow('id', id);
    return row ? toRecord(row) : null;
  }

  async byJoinCode(code: string): Promise<SessionRecord | null> {
    const row = await this.sessionRow('joinCode', code);
    return row ? toRecord(row) : null;
  }

  async renewFacilitatorKey(sessionId: string): Promise<string | null> {
    const key = newSecret();
    return (await this.updateFacilitatorKeyHash(sessionId, hashSecret(key))) ? key : null;
  }

  async viewerKey(sessionId: string): Promise<string | null> {
    return (await this.sessionRow('id', sessionId))?.viewerKey ?? null;
  }

  async roleForKey(sessionId: string, key: string): Promise<KeyRole | null> {
    if (key.length === 0) return null;
    const row = await this.sessionRow('id', sessionId);
    if (!row) return null;
    if (matchesHash(row.facilitatorKeyHash, key)) return 'facilitator';
    if (matchesHash(hashSecret(row.viewerKey), key)) return 'viewer';
    return null;
  }

  async addParticipant(sessionId: string, name: string, now = Date.now()) {
    const secret = newSecret();
    const participant: ParticipantRecord = { id: `p-${randomId(12)}`, sessionId, name };
    await this.insertParticipant({ ...participant, secretHash: hashSecret(secret), createdAt: now });
    return { participant, secret };
  }

  async checkParticipant(sessionId: string, id: string, secret: string): Promise<ParticipantRecord | null> {
    const row = await this.participantRow(sessionId, id);
    if (!row || !matchesHash(row.secretHash, secret)) return null;
    return { id: row.id, sessionId, name: row.name };
  }
}

const toRecord = (row: SessionRow): SessionRecord => ({
  id: row.id,
  joinCode: row.joinCode,
  title: row.title,
  createdAt: row.createdAt,
});
