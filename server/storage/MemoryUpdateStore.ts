import { historyRows, mergeSnapshot } from './compaction';
import type { StoredDoc, UpdateStore } from './UpdateStore';

interface MemoryRoom {
  snapshot: Uint8Array | null;
  uptoSeq: number;
  log: { seq: number; at: number; update: Uint8Array }[];
  /** Compacted updates merged per minute, like the SQLite store's `history` table. */
  past: Map<number, Uint8Array>;
}

/** The in-memory twin of the SQLite store, for tests. `failNext` makes the next append fail, like a full disk. */
export class MemoryUpdateStore implements UpdateStore {
  private readonly rooms = new Map<string, MemoryRoom>();
  private seq = 0;
  failNext = false;

  private room(name: string) {
    let room = this.rooms.get(name);
    if (!room) {
      room = { snapshot: null, uptoSeq: 0, log: [], past: new Map() };
      this.rooms.set(name, room);
    }
    return room;
  }

  async load(name: string): Promise<StoredDoc> {
    const room = this.room(name);
    return {
      snapshot: room.snapshot,
      updates: room.log.map((entry) => entry.update),
      lastSeq: Math.max(room.uptoSeq, room.log.at(-1)?.seq ?? 0),
    };
  }

  async append(name: string, update: Uint8Array, at = 0): Promise<number> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('simulated storage failure');
    }
    const seq = ++this.seq;
    this.room(name).log.push({ seq, at, update });
    return seq;
  }

  async compact(name: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    const room = this.room(name);
    const removed = room.log.filter((entry) => entry.seq <= uptoSeq);
    for (const { minute, data } of historyRows(removed, (m) => room.past.get(m) ?? null)) {
      room.past.set(minute, data);
    }
    room.snapshot = mergeSnapshot([room.snapshot, snapshot, ...removed.map((entry) => entry.update)]);
    room.uptoSeq = Math.max(room.uptoSeq, uptoSeq);
    room.log = room.log.filter((entry) => !removed.includes(entry));
  }

  async history(name: string): Promise<Array<{ at: number; update: Uint8Array }>> {
    const room = this.room(name);
    const past = [...room.past].sort(([a], [b]) => a - b).map(([at, update]) => ({ at, update }));
    return [...past, ...room.log.map(({ at, update }) => ({ at, update }))];
  }

  async lastWrite(name: string): Promise<number | null> {
    const room = this.rooms.get(name);
    if (!room) return null;
    const times = [...room.past.keys(), ...room.log.map((entry) => entry.at)];
    return times.length > 0 ? Math.max(...times) : null;
  }

  async delete(name: string): Promise<void> {
    this.rooms.delete(name);
  }

  async close(): Promise<void> {}
}
