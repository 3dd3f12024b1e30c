import { afterAll, describe, expect, it } from 'vitest';
import { addRipple, editRipple } from '../../shared/doc/commands';
import { readRipple, readRipples } from '../../shared/doc/read';
import type { Actor } from '../../shared/model/ripple';
import { boss } from '../helpers/people';
import { postJson, type ServerProcess, startServerProcess } from '../helpers/serverProcess';
import { connectClient, sleep, type TestClient, waitFor } from '../helpers/yClient';

let server: ServerProcess | undefined;
afterAll(() => server?.stop());

describe('kill -9 in the middle of a load run', () => {
  it('loses nothing that any client saw applied', async () => {
    server = await startServerProcess({ env: { COMPACT_EVERY: '25' } });
    const wsUrl = `ws://127.0.0.1:${server.port}/ws`;
    const session = await postJson(server.baseUrl, '/api/sessions', { title: 'Crash' });
    const sessionId = session.id as string;
    const phones = await Promise.all(
      Array.from({ length: 6 }, () =>
        postJson(server?.baseUrl ?? '', '/api/join', { code: session.joinCode }),
      ),
    );
    const writers: Array<{ client: TestClient; actor: Actor }> = [
      { client: connectClient(wsUrl, sessionId, { key: session.facilitatorKey as string }), actor: boss },
      ...phones.map((p) => ({
        client: connectClient(wsUrl, sessionId, {
          pid: p.participantId as string,
          secret: p.secret as string,
        }),
        actor: { role: 'participant' as const, id: p.participantId as string },
      })),
    ];
    // The observer stands for "any client": what it saw applied must survive. A second board
    // sees everything (a presenter screen would see only the map).
    const observer = connectClient(wsUrl, sessionId, { key: session.facilitatorKey as string });
    await Promise.all([...writers.map((w) => w.client.synced), observer.synced]);

    let running = true;
    let counter = 0;
    const load = (async () => {
      while (running) {
        for (const { client, actor } of writers) {
          if (!client.provider.wsconnected) continue;
          const id = `r${counter++}`;
          addRipple(client.doc, actor, { text: `Rimpeling ${id}` }, { id });
          if (actor.role === 'facilitator' && counter % 3 === 0)
            editRipple(client.doc, actor, id, { story: 'bewerkt' });
        }
        await sleep(5);
      }
    })();

    await waitFor(() => readRipples(observer.doc).length > 150, 15_000, 'load to build up');
    await server.kill();
    running = false;
    await load;
    const seen = readRipples(observer.doc);
    const seenStories = seen.filter((r) => r.story === 'bewerkt').map((r) => r.id);
    expect(seen.length).toBeGreaterThan(150);

    await server.restart();
    const after = connectClient(wsUrl, sessionId, { key: session.facilitatorKey as string });
    await after.synced;
    const missing = seen.filter((r) => readRipple(after.doc, r.id) === null).map((r) => r.id);
    expect(missing).toEqual([]);
    for (const id of seenStories) expect(readRipple(after.doc, id)?.story).toBe('bewerkt');

    // The writers reconnect by themselves and their unacknowledged ripples arrive too.
    const written = new Set(writers.flatMap((w) => readRipples(w.client.doc).map((r) => r.id)));
    await waitFor(() => readRipples(after.doc).length >= written.size, 15_000, 'the writers to resend').catch(
      (error) => {
        // Say which ripples are missing, who holds them, and what the server said.
        const there = new Set(readRipples(after.doc).map((r) => r.id));
        const gone = [...written].filter((id) => !there.has(id));
        const holders = writers.map((w) =>
          readRipples(w.client.doc)
            .filter((r) => !there.has(r.id))
            .map((r) => r.id),
        );
        throw new Error(
          `${error}\nmissing on the server, per writer: ${JSON.stringify(holders)}; written before, now nowhere: ${JSON.stringify(gone)}\n${server?.output().slice(-3000)}`,
        );
      },
    );
    for (const c of [...writers.map((w) => w.client), observer, after]) c.destroy();
  }, 60_000);
});
