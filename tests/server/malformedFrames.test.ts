import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { addRipple } from '../../shared/doc/commands';
import { readRipple } from '../../shared/doc/read';
import { CLOSE } from '../../shared/protocol/closeCodes';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { connectClient, waitFor } from '../helpers/yClient';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ maxMessageBytes: 64 * 1024 });
});
afterAll(() => server.dispose());

/** Opens a raw socket as the facilitator, sends `frame`, and resolves with the close code. */
async function sendRaw(url: string, frame: Uint8Array | string): Promise<number> {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.send(frame);
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

describe('malformed input on the WebSocket', () => {
  it('closes only the offending connection with a clear log line; other rooms keep working', async () => {
    const victim = await server.createSession('Kapot');
    const bystander = await server.createSession('Gewoon door');
    const calm = connectClient(server.wsUrl, bystander.id, { key: bystander.facilitatorKey });
    const calmPeer = connectClient(server.wsUrl, bystander.id, { key: bystander.facilitatorKey });
    await Promise.all([calm.synced, calmPeer.synced]);
    const rawUrl = `${server.wsUrl}/${victim.id}?key=${victim.facilitatorKey}`;

    const random = new Uint8Array(512).map((_, i) => (i * 7919 + 13) % 256);
    const frames: Array<[string, Uint8Array | string, number]> = [
      ['random bytes', random, CLOSE.malformed.code],
      ['a truncated varint', new Uint8Array([0x80, 0x80]), CLOSE.malformed.code],
      [
        'a sync message whose length runs past the end',
        new Uint8Array([0, 2, 0xff, 0x01, 1, 2]),
        CLOSE.malformed.code,
      ],
      ['an unknown message type', new Uint8Array([42]), CLOSE.malformed.code],
      ['a garbage update', new Uint8Array([0, 2, 4, 1, 2, 3, 4]), CLOSE.malformed.code],
      ['a text frame', 'hello', CLOSE.malformed.code],
      ['an oversized frame', new Uint8Array(100 * 1024), CLOSE.tooLarge.code],
    ];
    for (const [what, frame, expected] of frames) {
      expect({ what, code: await sendRaw(rawUrl, frame) }).toEqual({ what, code: expected });
    }
    expect(
      server.logs.filter((l) => l.includes(`room=${victim.id}`) && l.includes('closed:')).length,
    ).toBeGreaterThanOrEqual(frames.length);

    // The bystander room never noticed, and the victim room still works for honest clients.
    expect(calm.provider.wsconnected && calmPeer.provider.wsconnected).toBe(true);
    addRipple(
      calm.doc,
      { role: 'facilitator', id: 'facilitator' },
      { text: 'Nog steeds hier' },
      { id: 'still' },
    );
    await waitFor(() => readRipple(calmPeer.doc, 'still') !== null, 3000, 'bystander sync');
    const honest = connectClient(server.wsUrl, victim.id, { key: victim.facilitatorKey });
    await honest.synced;
    expect(honest.doc.getMap('meta').get('title')).toBe('Kapot');
    for (const c of [calm, calmPeer, honest]) c.destroy();
  });

  it('drops frames far above the limit before buffering them', async () => {
    const session = await server.createSession();
    const code = await sendRaw(
      `${server.wsUrl}/${session.id}?key=${session.facilitatorKey}`,
      new Uint8Array(1024 * 1024),
    );
    expect(code).toBe(1009);
  });
});
