import type { Db } from '../storage/database';
import { HashedCredentialStore, type ParticipantRow, type SessionRow } from './HashedCredentialStore';

const SESSION_COLUMNS =
  'id, join_code as joinCode, facilitator_key_hash as facilitatorKeyHash, viewer_key as viewerKey, title, created_at as createdAt';

const UNIQUE_VIOLATIONS = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/** Sessions in the embedded SQLite file. better-sqlite3 is synchronous: each promise is settled on return. */
export class SqliteCredentialStore extends HashedCredentialStore {
  private readonly statements;

  constructor(private readonly db: Db) {
    super();
    this.statements = {
      insert: db.prepare<[string, string, string, string, string, number]>(
        'insert into sessions (id, join_code, facilitator_key_hash, viewer_key, title, created_at) values (?, ?, ?, ?, ?, ?)',
      ),
      byId: db.prepare<[string], SessionRow>(`select ${SESSION_COLUMNS} from sessions where id = ?`),
      byCode: db.prepare<[string], SessionRow>(`select ${SESSION_COLUMNS} from sessions where join_code = ?`),
      updateKey: db.prepare<[string, string]>('update sessions set facilitator_key_hash = ? where id = ?'),
      count: db.prepare<[], { n: number }>('select count(*) as n from sessions'),
      all: db.prepare<[], SessionRow>(`select ${SESSION_COLUMNS} from sessions order by created_at`),
      deleteParticipants: db.prepare<[string]>('delete from participants where session_id = ?'),
      deleteSession: db.prepare<[string]>('delete from sessions where id = ?'),
      insertParticipant: db.prepare<[string, string, string, string, number]>(
        'insert into participants (id, session_id, secret_hash, name, created_at) values (?, ?, ?, ?, ?)',
      ),
      participant: db.prepare<[string, string], ParticipantRow>(
        'select id, session_id as sessionId, secret_hash as secretHash, name, created_at as createdAt from participants where id = ? and session_id = ?',
      ),
    };
  }

  protected async insertSession(row: SessionRow): Promise<boolean> {
    try {
      this.statements.insert.run(
        row.id,
        row.joinCode,
        row.facilitatorKeyHash,
        row.viewerKey,
        row.title,
        row.createdAt,
      );
      return true;
    } catch (error) {
      if (UNIQUE_VIOLATIONS.has((error as { code?: string }).code ?? '')) return false;
      throw error;
    }
  }

  protected async sessionRow(column: 'id' | 'joinCode', value: string): Promise<SessionRow | null> {
    return (column === 'id' ? this.statements.byId : this.statements.byCode).get(value) ?? null;
  }

  protected async sessionRows(): Promise<SessionRow[]> {
    return this.statements.all.all();
  }

  protected async updateFacilitatorKeyHash(sessionId: string, hash: string): Promise<boolean> {
    return this.statements.updateKey.run(hash, sessionId).changes > 0;
  }

  protected async insertParticipant(row: ParticipantRow): Promise<void> {
    this.statements.insertParticipant.run(row.id, row.sessionId, row.secretHash, row.name, row.createdAt);
  }

  protected async participantRow(sessionId: string, id: string): Promise<ParticipantRow | null> {
    return this.statements.participant.get(id, sessionId) ?? null;
  }

  async delete(id: string): Promise<void> {
    this.db.transaction(() => {
      this.statements.deleteParticipants.run(id);
      this.statements.deleteSession.run(id);
    })();
  }

  async count(): Promise<number> {
    return this.statements.count.get()?.n ?? 0;
  }
}
