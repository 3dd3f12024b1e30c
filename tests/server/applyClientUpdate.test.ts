import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyClientUpdate, type ClientUpdate } from '../../server/rooms/applyClientUpdate';
import { MemoryUpdateStore } from '../../server/storage/MemoryUpdateStore';
import { addRipple, initSession } from '../../shared/doc/commands';
import { PriorState } from '../../shared/doc/priorState';
import { readRipple } from '../../shared/doc/read';
import { hasGaps } from '../../shared/doc/yjsInternals';
import type { Actor } from '../../shared/model/ripple';
import { boss as facilitator, ans as phone } from '../helpers/people';

/** The update path's judging step on its own: a document, a store, no sockets. */
const quota = { maxRippleText: 500, maxRipples: 100, maxLinks: 100 };

/** The room's document and a client's copy of it, in sync. */
function room() {
  const doc = new Y.Doc();
  initSession(doc, { title: 'Proef' });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
  const store = new MemoryUpdateStore();
  // The session as created: stored first, as the API does.
  void store.append('r', Y.encodeStateAsUpdate(doc), 0);
  const input = (actor: Actor, update: Uint8Array): ClientUpdate => ({
    doc,
    prior: new PriorState(doc),
    actor,
    change: update,
    quota,
    origin: { actor },
    store,
    room: 'r',
    now: 1000,
  });
  /** What `change` does to the client's copy, as one update. */
  const changeOnClient = (change: (client: Y.Doc) => void) => {
    const before = Y.encodeStateVector(client);
    change(client);
    return Y.encodeStateAsUpdate(client, before);
  };
  return { doc, client, store, input, changeOnClient };
}

describe('applyClientUpdate', () => {
  it('stores an allowed change with the server’s suggested code in the same update', async () => {
    const { doc, store, input, changeOnClient } = room();
    const update = changeOnClient((c) =>
      addRipple(c, phone, { text: 'Bewoners ontmoeten elkaar nu wekelijks in het buurthuis' }, { id: 'r1' }),
    );
    const outcome = await applyClientUpdate(input(phone, update));
    expect(outcome).toMatchObject({ kind: 'stored', followedUp: true, seq: 2 });
    const suggested = readRipple(doc, 'r1')?.suggestedCode;
    expect(suggested).not.toBeNull();
    // What was stored is the client's ripple and the suggestion together.
    const stored = new Y.Doc();
    for (const u of (await store.load('r')).updates) Y.applyUpdate(stored, u);
    expect(readRipple(stored, 'r1')?.suggestedCode).toBe(suggested);
  });

  it('refuses a change the sender’s role may not make, and stores nothing', async () => {
    const { store, input, changeOnClient } = room();
    const update = changeOnClient((c) =>
      addRipple(c, facilitator, { text: 'Op de kaart gezet' }, { id: 'r1' }),
    );
    // Sent by a phone: a ripple in the facilitator's name.
    const outcome = await applyClientUpdate(input(phone, update));
    expect(outcome).toMatchObject({ kind: 'refused', name: 'forbidden' });
    expect((await store.load('r')).updates).toHaveLength(1);
  });

  it('reports gaps when the update builds on changes the server never received', async () => {
    const { doc, store, input, changeOnClient } = room();
    changeOnClient((c) => addRipple(c, phone, { text: 'Eerste' }, { id: 'r1' }));
    const second = changeOnClient((c) => addRipple(c, phone, { text: 'Tweede' }, { id: 'r2' }));
    const outcome = await applyClientUpdate(input(phone, second));
    expect(outcome).toEqual({ kind: 'gaps' });
    expect(hasGaps(doc)).toBe(true);
    expect((await store.load('r')).updates).toHaveLength(1);
  });

  it('reports a store failure with its error, after the change was judged allowed', async () => {
    const { store, input, changeOnClient } = room();
    store.failNext = true;
    const update = changeOnClient((c) => addRipple(c, phone, { text: 'Schijf vol' }, { id: 'r1' }));
    const outcome = await applyClientUpdate(input(phone, update));
    expect(outcome.kind).toBe('unstored');
    expect(outcome.kind === 'unstored' && String(outcome.error)).toContain('simulated storage failure');
  });

  it('stores nothing for an update the document already holds, and refuses bytes that are no update', async () => {
    const { doc, input } = room();
    expect(await applyClientUpdate(input(phone, Y.encodeStateAsUpdate(doc)))).toEqual({ kind: 'nothing' });
    expect(await applyClientUpdate(input(phone, new Uint8Array([1, 2, 3])))).toMatchObject({
      kind: 'refused',
      name: 'malformed',
    });
  });
});
