import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hasMissingCauses } from '../../server/rooms/missingCauses';

/** Whether Yjs itself leaves part of `update` waiting when it is applied to a copy of `doc`. */
function yjsLeavesPending(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  Y.applyUpdate(copy, update);
  return copy.store.pendingStructs !== null || copy.store.pendingDs !== null;
}

type Edit =
  | { kind: 'set'; client: number; key: string; value: number }
  | { kind: 'nested'; client: number; key: string; field: string; value: number }
  | { kind: 'delete'; client: number; key: string }
  | { kind: 'insert'; client: number; at: number; value: number }
  | { kind: 'remove'; client: number; at: number }
  | { kind: 'sync'; from: number; to: number };

const client = fc.integer({ min: 0, max: 2 });
const key = fc.constantFrom('a', 'b', 'c');
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), client, key, value: fc.integer() }),
  fc.record({
    kind: fc.constant('nested' as const),
    client,
    key,
    field: fc.constantFrom('x', 'y'),
    value: fc.integer(),
  }),
  fc.record({ kind: fc.constant('delete' as const), client, key }),
  fc.record({ kind: fc.constant('insert' as const), client, at: fc.nat(5), value: fc.integer() }),
  fc.record({ kind: fc.constant('remove' as const), client, at: fc.nat(5) }),
  fc.record({ kind: fc.constant('sync' as const), from: client, to: client }),
);

/** Three clients edit and sometimes sync; returns every update they produced, in order. */
function history(edits: Edit[]): Uint8Array[] {
  const docs = [0, 1, 2].map(() => new Y.Doc());
  const updates: Uint8Array[] = [];
  for (const doc of docs)
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'sync') updates.push(update);
    });
  for (const e of edits) {
    if (e.kind === 'sync') {
      const [from, to] = [docs[e.from] as Y.Doc, docs[e.to] as Y.Doc];
      Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'sync');
      continue;
    }
    const doc = docs[e.client] as Y.Doc;
    const map = doc.getMap('m');
    const list = doc.getArray<number>('l');
    if (e.kind === 'set') map.set(e.key, e.value);
    if (e.kind === 'nested') {
      const inner = map.get(e.key);
      if (inner instanceof Y.Map) inner.set(e.field, e.value);
      else map.set(e.key, new Y.Map([[e.field, e.value]]));
    }
    if (e.kind === 'delete') map.delete(e.key);
    if (e.kind === 'insert') list.insert(Math.min(e.at, list.length), [e.value]);
    if (e.kind === 'remove' && list.length > 0) list.delete(Math.min(e.at, list.length - 1));
  }
  // Merged updates too: what a reconnecting client's sync step 2 looks like.
  for (const doc of docs) updates.push(Y.encodeStateAsUpdate(doc));
  return updates;
}

describe('hasMissingCauses', () => {
  it('agrees with Yjs on every update, whatever arrived before it', () => {
    fc.assert(
      fc.property(
        fc.array(edit, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (edits, picks) => {
          const updates = history(edits);
          const server = new Y.Doc();
          for (const pick of picks) {
            const update = updates[pick % updates.length] as Uint8Array;
            const predicted = hasMissingCauses(server, update);
            expect(predicted).toBe(yjsLeavesPending(server, update));
            if (!predicted) Y.applyUpdate(server, update);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds a change whose neighbour is missing, and is satisfied once it arrives', () => {
    const a = new Y.Doc();
    const first: Uint8Array[] = [];
    a.on('update', (update: Uint8Array) => first.push(update));
    a.getArray('l').insert(0, ['eerste']);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const later: Uint8Array[] = [];
    b.on('update', (update: Uint8Array) => later.push(update));
    b.getArray('l').insert(1, ['tweede']);
    b.getArray('l').delete(0);

    const server = new Y.Doc();
    expect(hasMissingCauses(server, later[0] as Uint8Array)).toBe(true);
    expect(hasMissingCauses(server, later[1] as Uint8Array)).toBe(true);
    Y.applyUpdate(server, first[0] as Uint8Array);
    expect(hasMissingCauses(server, later[0] as Uint8Array)).toBe(false);
  });

  it('finds a field set in a map the server has never seen', () => {
    const a = new Y.Doc();
    a.getMap('ripples').set('r1', new Y.Map([['text', 'Buurtkamer']]));
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const sv = Y.encodeStateVector(b);
    (b.getMap('ripples').get('r1') as Y.Map<unknown>).set('when', '2026-03');
    const fieldOnly = Y.encodeStateAsUpdate(b, sv);

    const server = new Y.Doc();
    expect(hasMissingCauses(server, fieldOnly)).toBe(true);
    expect(yjsLeavesPending(server, fieldOnly)).toBe(true);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
    expect(hasMissingCauses(server, fieldOnly)).toBe(false);
  });

  it('throws on bytes that are not an update', () => {
    expect(() => hasMissingCauses(new Y.Doc(), new Uint8Array([7, 7, 7, 7]))).toThrow();
  });
});
