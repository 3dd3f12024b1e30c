import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRipple, editRipple, linkRipples } from '../../shared/doc/commands';
import { readLinks, readRipple } from '../../shared/doc/read';
import { boss as facilitator } from '../helpers/people';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { connectClient, waitFor } from '../helpers/yClient';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

describe('two facilitators on stock y-websocket clients', () => {
  it('converge on concurrent edits to the same ripple and on links', async () => {
    const session = await server.createSession();
    const a = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    const b = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await Promise.all([a.synced, b.synced]);

    const first = addRipple(
      a.doc,
      facilitator,
      { text: 'Er is een inloopochtend in het buurthuis' },
      { id: 'r1' },
    );
    const second = addRipple(b.doc, facilitator, { text: 'De wijkagent komt elke week langs' }, { id: 'r2' });
    expect(first.ok && second.ok).toBe(true);
    await waitFor(
      () => readRipple(a.doc, 'r2') !== null && readRipple(b.doc, 'r1') !== null,
      3000,
      'both ripples',
    );

    // Both edit r1 at once, and one links while the other edits.
    editRipple(a.doc, facilitator, 'r1', { text: 'Tekst van A' });
    editRipple(b.doc, facilitator, 'r1', { story: 'Verhaal van B' });
    linkRipples(b.doc, facilitator, 'r1', 'r2');
    await waitFor(
      () => readRipple(a.doc, 'r1')?.story === 'Verhaal van B' && readLinks(a.doc).length === 1,
      3000,
      'convergence',
    );
    await waitFor(() => readRipple(b.doc, 'r1')?.text === 'Tekst van A', 3000, 'text on b');
    expect(readRipple(a.doc, 'r1')).toEqual(readRipple(b.doc, 'r1'));

    // A third client that joins later gets the same state from the server alone.
    const c = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await c.synced;
    expect(readRipple(c.doc, 'r1')).toEqual(readRipple(a.doc, 'r1'));
    expect(readLinks(c.doc)).toEqual(readLinks(a.doc));
    for (const client of [a, b, c]) client.destroy();
  });

  it('echoes awareness to the sender too, so a lone client is not reconnected every 30 s', async () => {
    const session = await server.createSession();
    const lone = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    await lone.synced;
    let heard = 0;
    lone.provider.ws?.addEventListener('message', (event: MessageEvent) => {
      if (new Uint8Array(event.data as ArrayBuffer)[0] === 1) heard++;
    });
    lone.provider.awareness.setLocalStateField('user', { name: 'Begeleider' });
    await waitFor(() => heard > 0, 3000, 'awareness echo');
    lone.destroy();
  });
});
