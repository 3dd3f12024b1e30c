import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addRipple, editRipple, linkRipples, moveRipple, setRippleStatus } from '../../shared/doc/commands';
import { docToView } from '../../shared/doc/viewModel';
import { boss } from '../helpers/people';

/**
 * Three peers run random commands; their updates are delivered in a random order.
 * Afterwards every peer must show the same session.
 */
describe('convergence', () => {
  it('every peer ends with the same view, whatever the delivery order (seeded)', () => {
    const command = fc.record({
      peer: fc.integer({ min: 0, max: 2 }),
      op: fc.constantFrom('add', 'edit', 'link', 'move', 'accept'),
      a: fc.integer({ min: 0, max: 5 }),
      b: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(
        fc.array(command, { minLength: 1, maxLength: 40 }),
        fc.infiniteStream(fc.nat()),
        (ops, random) => {
          const peers = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
          const inFlight: Array<{ to: number; update: Uint8Array }> = [];
          peers.forEach((doc, from) => {
            doc.on('update', (update: Uint8Array, origin: unknown) => {
              if (origin === 'network') return;
              for (let to = 0; to < peers.length; to++) if (to !== from) inFlight.push({ to, update });
            });
          });
          const rand = random[Symbol.iterator]();
          for (const { peer, op, a, b } of ops) {
            const doc = peers[peer] as Y.Doc;
            if (op === 'add') addRipple(doc, boss, { text: `r${a}` }, { id: `r${a}-${peer}` });
            if (op === 'edit') editRipple(doc, boss, `r${a}-${peer}`, { text: `t${b}` });
            if (op === 'link') linkRipples(doc, boss, `r${a}-0`, `r${b}-1`);
            if (op === 'move') moveRipple(doc, boss, `r${a}-0`, { x: b, y: a });
            if (op === 'accept') setRippleStatus(doc, boss, `r${a}-${peer}`, 'accepted');
            // Deliver a random message now and then, in random order.
            if (inFlight.length > 0 && (rand.next().value as number) % 2 === 0) {
              const [msg] = inFlight.splice((rand.next().value as number) % inFlight.length, 1);
              if (msg) Y.applyUpdate(peers[msg.to] as Y.Doc, msg.update, 'network');
            }
          }
          while (inFlight.length > 0) {
            const [msg] = inFlight.splice((rand.next().value as number) % inFlight.length, 1);
            if (msg) Y.applyUpdate(peers[msg.to] as Y.Doc, msg.update, 'network');
          }
          const [first, ...rest] = peers.map((doc) => docToView(doc));
          for (const view of rest) expect(view).toEqual(first);
        },
      ),
      { seed: 42, numRuns: 150 },
    );
  });
});
