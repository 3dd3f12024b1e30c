import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addRipple,
  castVote,
  editRipple,
  openVoting,
  revealVotes,
  setRippleStatus,
} from '../../shared/doc/commands';
import { SOMEONE } from '../../shared/doc/phoneView';
import { readRipple, readRipples, readVotes } from '../../shared/doc/read';
import { boss } from '../helpers/people';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { connectClient, type TestClient, waitFor } from '../helpers/yClient';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ phoneBatchMs: 0 });
});
afterAll(() => server.dispose());

/** Everything a client's document holds, deleted content included, as text. */
const everything = (client: TestClient) => Buffer.from(Y.encodeStateAsUpdate(client.doc)).toString('latin1');

describe('a phone (and a presenter screen) receives only what it may see', () => {
  let clients: TestClient[] = [];
  afterAll(() => {
    for (const c of clients) c.destroy();
  });

  it("holds the map and its own ripples: no one else's waiting or hidden ripple, no hidden name, no one's id, no dots before the reveal", async () => {
    const session = await server.createSession();
    const [ans, bert] = [
      await server.join(session.joinCode, 'Ans'),
      await server.join(session.joinCode, 'Bert'),
    ];
    const board = connectClient(server.wsUrl, session.id, { key: session.facilitatorKey });
    const presenter = connectClient(server.wsUrl, session.id, { key: session.viewerKey });
    const phoneAns = connectClient(server.wsUrl, session.id, { pid: ans.participantId, secret: ans.secret });
    const phoneBert = connectClient(server.wsUrl, session.id, {
      pid: bert.participantId,
      secret: bert.secret,
    });
    clients = [board, presenter, phoneAns, phoneBert];
    await Promise.all(clients.map((c) => c.synced));
    const asAns = { role: 'participant' as const, id: ans.participantId };
    const asBert = { role: 'participant' as const, id: bert.participantId };

    addRipple(phoneAns.doc, asAns, { text: 'Mijn eigen wachtende rimpel' }, { id: 'ans-waiting' });
    addRipple(
      phoneBert.doc,
      asBert,
      { text: 'Bert wacht nog', authorName: 'Bertus Wachtmans', showAuthor: true },
      { id: 'bert-waiting' },
    );
    addRipple(
      phoneBert.doc,
      asBert,
      { text: 'De buurtkamer is nu elke dag open', authorName: 'Bertus Anoniemus', showAuthor: false },
      { id: 'bert-anonymous' },
    );
    addRipple(phoneBert.doc, asBert, { text: 'Een zin die verborgen wordt' }, { id: 'bert-hidden' });
    await waitFor(() => readRipples(board.doc).length === 4, 3000, 'four ripples on the board');
    setRippleStatus(board.doc, boss, 'bert-anonymous', 'accepted');
    setRippleStatus(board.doc, boss, 'bert-hidden', 'accepted');
    await waitFor(() => readRipple(phoneAns.doc, 'bert-hidden') !== null, 3000, 'the accepted ripple on Ans');
    setRippleStatus(board.doc, boss, 'bert-hidden', 'hidden');
    openVoting(board.doc, boss, 2);
    await waitFor(
      () => readRipple(phoneAns.doc, 'bert-hidden') === null,
      3000,
      'the hidden one gone from Ans',
    );
    await waitFor(
      () => readRipple(phoneBert.doc, 'bert-anonymous')?.status === 'accepted',
      3000,
      'Bert sees the map',
    );
    await waitFor(() => readMeta(phoneBert).votingOpen, 3000, 'voting open on Bert');
    expect(castVote(phoneBert.doc, asBert, 'bert-anonymous').ok).toBe(true);
    await waitFor(() => readVotes(board.doc).length === 1, 3000, "Bert's dot on the board");

    // Ans: the map (Bert's anonymous ripple, without his name or id) and her own.
    await waitFor(() => readMeta(phoneAns).votingOpen, 3000, 'voting open on Ans');
    expect(
      readRipples(phoneAns.doc)
        .map((r) => r.id)
        .sort(),
    ).toEqual(['ans-waiting', 'bert-anonymous']);
    const anonymous = readRipple(phoneAns.doc, 'bert-anonymous');
    expect(anonymous).toMatchObject({
      text: 'De buurtkamer is nu elke dag open',
      authorId: SOMEONE,
      authorName: '',
    });
    expect(readRipple(phoneAns.doc, 'ans-waiting')).toMatchObject({
      authorId: ans.participantId,
      status: 'pending',
    });
    expect(readVotes(phoneAns.doc)).toEqual([]);
    const held = everything(phoneAns);
    for (const secret of ['Bert wacht nog', 'Bertus', 'verborgen wordt', bert.participantId, 'Bert'])
      expect(held, `Ans's document holds "${secret}"`).not.toContain(secret);
    // The presenter screen (and what its key exports) is the map as the room sees it.
    await waitFor(
      () => readRipple(presenter.doc, 'bert-anonymous') !== null,
      3000,
      'the map on the presenter',
    );
    const exported = await fetch(`${server.url}/api/sessions/${session.id}/export.json`, {
      headers: { 'x-kringen-key': session.viewerKey },
    }).then((response) => response.text());
    for (const [what, held] of [
      ['presenter', everything(presenter)],
      ["presenter's export", exported],
    ]) {
      for (const secret of [
        'Bert wacht nog',
        'Mijn eigen wachtende',
        'Bertus',
        'verborgen wordt',
        bert.participantId,
      ])
        expect(held, `the ${what} holds "${secret}"`).not.toContain(secret);
    }
    expect(readRipples(presenter.doc).map((r) => r.id)).toEqual(['bert-anonymous']);
    expect(readVotes(presenter.doc)).toEqual([]);
    expect(JSON.parse(exported).votes).toEqual([]);

    // Bert sees his own ripples whatever their status, and his own dot.
    expect(
      readRipples(phoneBert.doc)
        .map((r) => r.id)
        .sort(),
    ).toEqual(['bert-anonymous', 'bert-hidden', 'bert-waiting']);
    expect(readVotes(phoneBert.doc)).toHaveLength(1);

    // After the reveal, everyone's dots reach every phone.
    revealVotes(board.doc, boss);
    await waitFor(() => readVotes(phoneAns.doc).length === 1, 3000, "Bert's dot on Ans after the reveal");
    await waitFor(
      () => readVotes(presenter.doc).length === 1,
      3000,
      "Bert's dot on the presenter after the reveal",
    );
    expect(readVotes(phoneAns.doc)[0]?.rippleId).toBe('bert-anonymous');

    // The phones keep working through their views: Ans edits her waiting ripple.
    expect(editRipple(phoneAns.doc, asAns, 'ans-waiting', { text: 'Mijn eigen rimpel, aangevuld' }).ok).toBe(
      true,
    );
    await waitFor(
      () => readRipple(board.doc, 'ans-waiting')?.text === 'Mijn eigen rimpel, aangevuld',
      3000,
      'the edit on the board',
    );
  });
});

function readMeta(client: TestClient) {
  return { votingOpen: client.doc.getMap('meta').get('votingOpen') === true };
}
