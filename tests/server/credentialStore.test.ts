import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CredentialStore } from '../../server/credentials/CredentialStore';
import { PostgresCredentialStore } from '../../server/credentials/PostgresCredentialStore';
import { SqliteCredentialStore } from '../../server/credentials/SqliteCredentialStore';
import { openDatabase } from '../../server/storage/database';
import { hasPostgres, postgresForThisFile } from '../helpers/postgres';

/** Join codes the next sessions draw, to force a collision; random once empty. */
const forcedCodes = vi.hoisted(() => [] as string[]);
vi.mock('../../shared/protocol/joinCode', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../shared/protocol/joinCode')>();
  return {
    ...actual,
    joinCodeFromBytes: (bytes: Uint8Array) => forcedCodes.shift() ?? actual.joinCodeFromBytes(bytes),
  };
});

const postgres = postgresForThisFile();

interface Opened {
  sessions: CredentialStore;
  /** Every stored value of both tables, to look for secrets in the clear. */
  dump(): Promise<string>;
  close(): Promise<void>;
}

const backends: Array<{ name: string; available: boolean; open(): Promise<Opened> }> = [
  {
    name: 'SQLite',
    available: true,
    open: async () => {
      const db = openDatabase(':memory:');
      return {
        sessions: new SqliteCredentialStore(db),
        dump: async () =>
          JSON.stringify([
            db.prepare('select * from sessions').all(),
            db.prepare('select * from participants').all(),
          ]),
        close: async () => {
          db.close();
        },
      };
    },
  },
  {
    name: 'PostgreSQL',
    available: hasPostgres,
    open: async () => {
      const pool = await postgres.pool();
      return {
        sessions: new PostgresCredentialStore(pool),
        dump: async () =>
          JSON.stringify([
            (await pool.query('select * from sessions')).rows,
            (await pool.query('select * from participants')).rows,
          ]),
        close: () => pool.end(),
      };
    },
  },
];

describe.each(backends)('the $name credential store', (backend) => {
  let opened: Opened;
  let sessions: CredentialStore;
  beforeAll(async () => {
    if (!backend.available) return;
    opened = await backend.open();
    sessions = opened.sessions;
  });
  afterAll(() => opened?.close());

  it.skipIf(!backend.available)('creates sessions and finds them by id and join code', async () => {
    const before = await sessions.count();
    const { session, facilitatorKey, viewerKey } = await sessions.create('Buurtkracht', 1_700_000_000_000);
    expect(session).toMatchObject({ title: 'Buurtkracht', createdAt: 1_700_000_000_000 });
    expect(facilitatorKey).not.toBe(viewerKey);
    expect(await sessions.get(session.id)).toEqual(session);
    expect(await sessions.byJoinCode(session.joinCode)).toEqual(session);
    expect(await sessions.get('nosuchsession')).toBeNull();
    expect(await sessions.byJoinCode('AAAAAA')).toBeNull();
    expect(await sessions.viewerKey(session.id)).toBe(viewerKey);
    expect(await sessions.count()).toBe(before + 1);
  });

  it.skipIf(!backend.available)('draws another join code when one is taken', async () => {
    forcedCodes.push('ACDEFH', 'ACDEFH', 'JKMNPR');
    const first = await sessions.create('Eerste');
    const second = await sessions.create('Tweede');
    expect(first.session.joinCode).toBe('ACDEFH');
    expect(second.session.joinCode).toBe('JKMNPR');
    expect((await sessions.byJoinCode('JKMNPR'))?.id).toBe(second.session.id);
  });

  it.skipIf(!backend.available)(
    'a renewed facilitator key replaces the old one, which stops working',
    async () => {
      const { session, facilitatorKey, viewerKey } = await sessions.create('Gelekt');
      const renewed = await sessions.renewFacilitatorKey(session.id);
      if (!renewed) throw new Error('no new key');
      expect(renewed).not.toBe(facilitatorKey);
      expect(await sessions.roleForKey(session.id, renewed)).toBe('facilitator');
      expect(await sessions.roleForKey(session.id, facilitatorKey)).toBeNull();
      expect(await sessions.roleForKey(session.id, viewerKey)).toBe('viewer');
      expect(await opened.dump()).not.toContain(renewed);
      expect(await sessions.renewFacilitatorKey('nosuchsession')).toBeNull();
    },
  );

  it.skipIf(!backend.available)('grants the role of the key, and nothing for a wrong one', async () => {
    const { session, facilitatorKey, viewerKey } = await sessions.create('Rollen');
    const other = await sessions.create('Andere');
    expect(await sessions.roleForKey(session.id, facilitatorKey)).toBe('facilitator');
    expect(await sessions.roleForKey(session.id, viewerKey)).toBe('viewer');
    expect(await sessions.roleForKey(session.id, `${facilitatorKey}x`)).toBeNull();
    expect(await sessions.roleForKey(session.id, '')).toBeNull();
    expect(await sessions.roleForKey(session.id, other.facilitatorKey)).toBeNull();
    expect(await sessions.roleForKey('nosuchsession', facilitatorKey)).toBeNull();
  });

  it.skipIf(!backend.available)('knows participants by id and secret only', async () => {
    const { session } = await sessions.create('Deelnemers');
    const other = await sessions.create('Andere');
    const { participant, secret } = await sessions.addParticipant(session.id, 'Ans');
    expect(participant).toMatchObject({ sessionId: session.id, name: 'Ans' });
    expect(await sessions.checkParticipant(session.id, participant.id, secret)).toEqual(participant);
    expect(await sessions.checkParticipant(session.id, participant.id, `${secret}x`)).toBeNull();
    expect(await sessions.checkParticipant(session.id, participant.id, '')).toBeNull();
    expect(await sessions.checkParticipant(other.session.id, participant.id, secret)).toBeNull();
    expect(await sessions.checkParticipant(session.id, 'p-nobody', secret)).toBeNull();
  });

  it.skipIf(!backend.available)(
    'stores facilitator keys and participant secrets only as hashes',
    async () => {
      const { session, facilitatorKey } = await sessions.create('Geheim');
      const { secret } = await sessions.addParticipant(session.id, 'Bert');
      const dump = await opened.dump();
      expect(dump).toContain(session.id);
      expect(dump).not.toContain(facilitatorKey);
      expect(dump).not.toContain(secret);
    },
  );

  it.skipIf(!backend.available)('deletes a session with its participants', async () => {
    const { session, facilitatorKey } = await sessions.create('Weg');
    const { participant, secret } = await sessions.addParticipant(session.id, 'Cor');
    const before = await sessions.count();
    await sessions.delete(session.id);
    expect(await sessions.count()).toBe(before - 1);
    expect(await sessions.get(session.id)).toBeNull();
    expect(await sessions.roleForKey(session.id, facilitatorKey)).toBeNull();
    expect(await sessions.checkParticipant(session.id, participant.id, secret)).toBeNull();
  });
});
