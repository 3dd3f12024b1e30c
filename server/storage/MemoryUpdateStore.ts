import type { StoredDoc, UpdateStore } from './UpdateStore';

/** The in-memory twin of the SQLite store, for tests. `failNext` makes the next append fail, like a full disk. */
export class MemoryUpdateStore implements UpdateStore {
  private readonly rooms = new Map<
    string,
    { snapshot: Uint8Array | null; log: { seq: number; update: Uint8Array }[] }
  >();
  private seq = 0;
  failNext = false;

  private room(name: string) {
    let room = this.rooms.get(name);
    if (!room) {
      room = { snapshot: null, log: [] };
      this.rooms.set(name, room);
    }
    return room;
  }

  async load(name: string): Promise<StoredDoc> {
    const room = this.room(name);
    return {
      snapshot: room.snapshot,
      updates: room.log.map((entry) => entry.update),
      lastSeq: room.log.at(-1)?.seq ?? 0,
    };
  }

  async append(name: string, update: Uint8Array, _at?: number): Promise<number> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('simulated storage failure');
    }
    const seq = ++this.seq;
    this.room(name).log.push({ seq, update });
    return seq;
  }

  async compact(name: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    const room = this.room(name);
    room.snapshot = snapshot;
    room.log = room.log.filter((entry) => entry.seq > uptoSeq);
  }

  async close(): Promise<void> {}
}
