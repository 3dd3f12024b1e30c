import type { Pool } from 'pg';
import { HashedCredentialStore, type ParticipantRow, type SessionRow } from './HashedCredentialStore';

const SESSION_COLUMNS =
  'id, join_code as "joinCode", facilitator_key_hash as "facilitatorKeyHash", viewer_key as "viewerKey", title, created_at as "createdAt"';

/** PostgreSQL's code for a unique constraint violation. */
const UNIQUE_VIOLATION = '23505';

/** bigint columns arrive as strings; times in ms stay far below 2^53. */
const withTime = <T extends { createdAt: number | string }>(row: T): T & { createdAt: number } => ({
  ...row,
  createdAt: Number(row.createdAt),
});

/** Sessions in the PostgreSQL database every instance shares. The pool belongs to the caller. */
export class PostgresCredentialStore extends HashedCredentialStore {
  constructor(private readonly pool: Pool) {
    super();
  }

  protected async insertSession(row: SessionRow): Promise<boolean> {
    try {
      await this.pool.query(
        'insert into sessions (id, join_code, facilitator_key_hash, viewer_key, title, created_at) values ($1, $2, $3, $4, $5, $6)',
        [row.id, row.joinCode, row.facilitatorKeyHash, row.viewerKey, row.title, row.createdAt],
      );
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return false;
      throw error;
    }
  }

  protected async sessionRow(column: 'id' | 'joinCode', value: string): Promise<SessionRow | null> {
    const where = column === 'id' ? 'id' : 'join_code';
    const { rows } = await this.pool.query<SessionRow>(
      `select ${SESSION_COLUMNS} from sessions where ${where} = $1`,
      [value],
    );
    return rows[0] ? withTime(rows[0]) : null;
  }

  protected async sessionRows(): Promise<SessionRow[]> {
    const { rows } = await this.pool.query<SessionRow>(
      `select ${SESSION_COLUMNS} from sessions order by created_at`,
    );
    return rows.map(withTime);
  }

  protected async updateFacilitatorKeyHash(sessionId: string, hash: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'update sessions set facilitator_key_hash = $1 where id = $2',
      [hash, sessionId],
    );
    return (rowCount ?? 0) > 0;
  }

  protected async insertParticipant(row: ParticipantRow): Promise<void> {
    await this.pool.query(
      'insert into participants (id, session_id, secret_hash, name, created_at) values ($1, $2, $3, $4, $5)',
      [row.id, row.sessionId, row.secretHash, row.name, row.createdAt],
    );
  }

  protected async participantRow(sessionId: string, id: string): Promise<ParticipantRow | null> {
    const { rows } = await this.pool.query<ParticipantRow>(
      'select id, session_id as "sessionId", secret_hash as "secretHash", name, created_at as "createdAt" from participants where id = $1 and session_id = $2',
      [id, sessionId],
    );
    return rows[0] ? withTime(rows[0]) : null;
  }

  /** One statement, so the session and its participants go together or not at all. */
  async delete(id: string): Promise<void> {
    await this.pool.query(
      'with gone as (delete from participants where session_id = $1) delete from sessions where id = $1',
      [id],
    );
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>('select count(*) as n from sessions');
    return Number(rows[0]?.n ?? 0);
  }
}
