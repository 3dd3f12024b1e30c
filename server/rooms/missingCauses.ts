import * as Y from 'yjs';

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

/**
 * Whether applying `update` to `doc` would leave part of it waiting: a change whose causes
 * (earlier changes of the same client, the neighbours it was typed between, the map it
 * belongs to, or the content it deletes) are neither in the document nor in the update.
 * It answers what Yjs would find when integrating (`Item#getMissing`, the delete set read
 * after the structs), without touching the document, so the server can decide before it
 * applies anything. Throws when the update cannot be decoded.
 */
export function hasMissingCauses(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  // Per client, the clock up to which content is known: the document's state, extended by
  // the update's own structs as their causes become known.
  const known = new Map<number, number>();
  const knownOf = (client: number) => known.get(client) ?? Y.getState(doc.store, client);
  const isKnown = (id: Y.ID | null, client: number) =>
    id === null || id.client === client || id.clock < knownOf(id.client);

  const queues = new Map<number, Struct[]>();
  for (const struct of structs) {
    const queue = queues.get(struct.id.client);
    if (queue) queue.push(struct);
    else queues.set(struct.id.client, [struct]);
  }
  for (const queue of queues.values()) queue.sort((a, b) => a.id.clock - b.id.clock);

  // Structs of one client can wait on another client's structs in the same update: go
  // round until nothing more can be placed.
  const next = new Map<number, number>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const [client, queue] of queues) {
      let index = next.get(client) ?? 0;
      while (index < queue.length) {
        const struct = queue[index] as Struct;
        const clock = knownOf(client);
        if (struct.id.clock + struct.length <= clock) {
          index++;
          continue;
        }
        if (struct.id.clock > clock || struct instanceof Y.Skip) break;
        if (struct instanceof Y.Item) {
          const parent = struct.parent instanceof Y.ID ? struct.parent : null;
          if (
            !isKnown(struct.origin, client) ||
            !isKnown(struct.rightOrigin, client) ||
            !isKnown(parent, client)
          )
            break;
        }
        known.set(client, struct.id.clock + struct.length);
        index++;
        progress = true;
      }
      next.set(client, index);
    }
  }
  for (const [client, queue] of queues) {
    // Skips only mark ranges the update leaves out; anything real left over would wait.
    if (queue.slice(next.get(client) ?? 0).some((struct) => !(struct instanceof Y.Skip))) return true;
  }
  for (const [client, deletes] of ds.clients) {
    const clock = knownOf(client);
    if (deletes.some((item) => item.clock + item.len > clock)) return true;
  }
  return false;
}
