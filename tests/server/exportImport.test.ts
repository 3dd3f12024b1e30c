import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRipple, linkRipples } from '../../shared/doc/commands';
import { readLinks, readRipples } from '../../shared/doc/read';
import type { SessionExport } from '../../shared/export/sessionExport';
import { boss } from '../helpers/people';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { connectClient, sleep, waitFor } from '../helpers/yClient';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

async function seeded() {
  const session = await server.createSession('Terugblik Gezond Dorp');
  const board = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
  await board.synced;
  for (let i = 0; i < 30; i++) addRipple(board.doc, boss, { text: `Rimpeling ${i} — één` }, { id: `r${i}` });
  for (let i = 1; i < 30; i++) linkRipples(board.doc, boss, `r${i - 1}`, `r${i}`);
  await sleep(100);
  board.destroy();
  return session;
}

const download = (path: string, key: string) =>
  fetch(`${server.url}${path}`, { headers: { 'x-kringen-key': key } });

describe('export and import over HTTP', () => {
  it('exports JSON and both CSV sheets for the facilitator and the presenter, not for strangers', async () => {
    const session = await seeded();
    const json = await download(`/api/sessions/${session.id}/export.json`, session.viewerKey);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toContain('terugblik-gezond-dorp.kringen.json');
    const data = (await json.json()) as SessionExport;
    expect(data.ripples).toHaveLength(30);
    expect(data.links).toHaveLength(29);
    const csv = await download(`/api/sessions/${session.id}/ripples.csv`, session.facilitatorKey);
    const text = await csv.text();
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(31);
    expect(text).toContain('één');
    const plain = await download(
      `/api/sessions/${session.id}/links.csv?dialect=rfc4180`,
      session.facilitatorKey,
    );
    expect((await plain.text()).startsWith('from,to')).toBe(true);
    expect((await download(`/api/sessions/${session.id}/export.json`, 'wrong')).status).toBe(401);
  });

  it('imports an export as a new session that holds the same map', async () => {
    const session = await seeded();
    const data = await (
      await download(`/api/sessions/${session.id}/export.json`, session.facilitatorKey)
    ).json();
    const res = await server.post('/api/sessions/import', data);
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; facilitatorKey: string };
    expect(created.id).not.toBe(session.id);
    const board = connectClient(server.wsUrl, created.id, { key: created.facilitatorKey });
    await board.synced;
    await waitFor(() => readRipples(board.doc).length === 30);
    expect(readLinks(board.doc)).toHaveLength(29);
    board.destroy();
  });

  it('refuses a corrupted file with the field named, and holds no partial session afterwards', async () => {
    const session = await seeded();
    const data = (await (
      await download(`/api/sessions/${session.id}/export.json`, session.facilitatorKey)
    ).json()) as {
      ripples: Array<Record<string, unknown>>;
    };
    (data.ripples[7] as Record<string, unknown>).status = 'misschien';
    const before = ((await (await fetch(`${server.url}/api/health`)).json()) as { sessions: number })
      .sessions;
    const res = await server.post('/api/sessions/import', data);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; message: string; issues: unknown[] };
    expect(body.error).toBe('invalid-import');
    expect(body.message).toMatch(/^ripples\[7\]\.status/);
    const after = ((await (await fetch(`${server.url}/api/health`)).json()) as { sessions: number }).sessions;
    expect(after).toBe(before);
    expect((await server.post('/api/sessions/import', '{"format": "kringen-session", "vers')).status).toBe(
      400,
    );
  });
});

describe('replay from the stored history', () => {
  it('shows fewer ripples at an earlier moment than now, and the growth as data', async () => {
    const session = await server.createSession('Groei');
    const board = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await board.synced;
    for (let i = 0; i < 5; i++) addRipple(board.doc, boss, { text: `Vroeg ${i}` }, { id: `early${i}` });
    await sleep(150);
    const moment = Date.now();
    await sleep(50);
    for (let i = 0; i < 7; i++) addRipple(board.doc, boss, { text: `Laat ${i}` }, { id: `late${i}` });
    await sleep(150);
    const then = (await (
      await download(`/api/sessions/${session.id}/export.json?at=${moment}`, session.facilitatorKey)
    ).json()) as SessionExport;
    const now = (await (
      await download(`/api/sessions/${session.id}/export.json`, session.facilitatorKey)
    ).json()) as SessionExport;
    expect(then.ripples.map((r) => r.id).sort()).toEqual(['early0', 'early1', 'early2', 'early3', 'early4']);
    expect(now.ripples).toHaveLength(12);
    const growth = (await (
      await download(`/api/sessions/${session.id}/growth.json`, session.facilitatorKey)
    ).json()) as {
      points: Array<{ ripples: number }>;
    };
    expect(growth.points.at(-1)?.ripples).toBe(12);
    const csv = await (
      await download(`/api/sessions/${session.id}/growth.csv?dialect=rfc4180`, session.facilitatorKey)
    ).text();
    expect(csv.split('\r\n')[0]).toBe('at,ripples,on_map,waiting,hidden,links,votes');
    board.destroy();
  });
});
