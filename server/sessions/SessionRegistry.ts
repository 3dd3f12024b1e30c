import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { joinCodeFromBytes } from '../../shared/session/joinCode';
import { randomId } from '../../shared/util/randomId';
import type { Db } from '../storage/database';

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

/** 18 random bytes = 144 bits, written as 24 URL-safe characters. */
const newSecret = (): string => randomBytes(18).toString('base64url');
const hash = (secret: string): Buffer => createHash('sha256').update(secret).digest();

function sameHash(stored: string, secret: string): boolean {
  const expected = Buffer.from(stored, 'hex');
  const actual = hash(secret);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * Sessions and the identities that may enter them. Facilitator keys and participant
 * secrets are stored only as hashes: a stolen database file lets nobody act in a session.
 */
export class SessionRegistry {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      insert: db.prepare(
        'insert into sessions (id, join_code, facilitator_key_hash, viewer_key, title, created_at) values (?, ?, ?, ?, ?, ?)',
      ),
      byId: db.prepare<[string], Row>('select * from sessions where id = ?'),
      byCode: db.prepare<[string], Row>('select * from sessions where join_code = ?'),
      count: db.prepare<[], { n: number }>('select count(*) as n from sessions'),
      deleteParticipants: db.prepare<[string]>('delete from participants where session_id = ?'),
      deleteSession: db.prepare<[string]>('delete from sessions where id = ?'),
      insertParticipant: db.prepare(
        'insert into participants (id, session_id, secret_hash, name, created_at) values (?, ?, ?, ?, ?)',
      ),
      participant: db.prepare<[string, string], { id: string; secret_hash: string; name: string }>(
        'select id, secret_hash, name from participants where id = ? and session_id = ?',
      ),
    };
  }

  create(
    title: string,
    now = Date.now(),
  ): { session: SessionRecord; facilitatorKey: string; viewerKey: string } {
    const facilitatorKey = newSecret();
    const viewerKey = newSecret();
    for (let attempt = 0; ; attempt++) {
      const session = {
        id: randomId(12),
        joinCode: joinCodeFromBytes(randomBytes(8)),
        title,
        createdAt: now,
      };
      try {
        this.statements.insert.run(
          session.id,
          session.joinCode,
          hash(facilitatorKey).toString('hex'),
          viewerKey,
          title,
          now,
        );
        return { session, facilitatorKey, viewerKey };
      } catch (error) {
        // A join-code collision: draw again (a handful of tries even with millions of sessions).
        if (attempt >= 10 || !String(error).includes('UNIQUE')) throw error;
      }
    }
  }

  /** Removes a session and its participants (the document's rows are the store's). */
  delete(id: string): void {
    this.statements.deleteParticipants.run(id);
    this.statements.deleteSession.run(id);
  }

  get(id: string): SessionRecord | null {
    const row = this.statements.byId.get(id);
    return row ? toRecord(row) : null;
  }

  byJoinCode(code: string): SessionRecord | null {
    const row = this.statements.byCode.get(code);
    return row ? toRecord(row) : null;
  }

  /** The presenter key, for facilitators who want to share the presenter link again. */
  viewerKey(sessionId: string): string | null {
    return this.statements.byId.get(sessionId)?.viewer_key ?? null;
  }

  count(): number {
    return this.statements.count.get()?.n ?? 0;
  }

  /** The role a facilitator or presenter key grants in this session, or null. */
  roleForKey(sessionId: string, key: string): 'facilitator' | 'viewer' | null {
    const row = this.statements.byId.get(sessionId);
    if (!row || key.length === 0) return null;
    if (sameHash(row.facilitator_key_hash, key)) return 'facilitator';
    if (sameHash(hash(row.viewer_key).toString('hex'), key)) return 'viewer';
    return null;
  }

  addParticipant(
    sessionId: string,
    name: string,
    now = Date.now(),
  ): { participant: ParticipantRecord; secret: string } {
    const secret = newSecret();
    const participant = { id: `p-${randomId(12)}`, sessionId, name };
    this.statements.insertParticipant.run(participant.id, sessionId, hash(secret).toString('hex'), name, now);
    return { participant, secret };
  }

  /** The participant behind an id and secret, or null when either is wrong. */
  checkParticipant(sessionId: string, id: string, secret: string): ParticipantRecord | null {
    const row = this.statements.participant.get(id, sessionId);
    if (!row || !sameHash(row.secret_hash, secret)) return null;
    return { id: row.id, sessionId, name: row.name };
  }
}

interface Row {
  id: string;
  join_code: string;
  title: string;
  created_at: number;
  facilitator_key_hash: string;
  viewer_key: string;
}

const toRecord = (row: Row): SessionRecord => ({
  id: row.id,
  joinCode: row.join_code,
  title: row.title,
  createdAt: row.created_at,
});
