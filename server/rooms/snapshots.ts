import * as Y from 'yjs';
import type { Logger } from '../log';
import type { UpdateStore } from '../storage/UpdateStore';

/**
 * When a room writes its document as a snapshot: after about COMPACT_EVERY appended
 * updates, each room at a point of its own within ±25 % (rooms that started together would
 * otherwise all compact in the same second: a GC storm), beside the room's queue and never
 * two at once. A compaction writes the whole document (tens of ms for a big room in SQLite,
 * a round trip with PostgreSQL).
 */
export class Snapshots {
  /** The highest sequence number stored for the room: a snapshot covers the log up to it. */
  lastSeq = 0;
  private appended = 0;
  private readonly compactAt: number;
  private running: Promise<void> | null = null;

  constructor(
    private readonly room: string,
    private readonly doc: () => Y.Doc,
    private readonly store: UpdateStore,
    private readonly log: Logger,
    compactEvery: number,
  ) {
    this.compactAt = Math.max(1, Math.round(compactEvery * (0.75 + Math.random() * 0.5)));
  }

  /** What a load found: `updates` log rows not in a snapshot yet, up to `lastSeq`. */
  loaded(updates: number, lastSeq: number): void {
    this.appended = updates;
    this.lastSeq = Math.max(this.lastSeq, lastSeq);
  }

  /** An update was stored under `seq`: a compaction starts when the room reaches its point. */
  appendedAs(seq: number): void {
    this.lastSeq = seq;
    this.appended++;
    if (this.appended < this.compactAt || this.running) return;
    this.running = this.write()
      .catch((error) => this.log.error(`room=${this.room} compaction failed: ${error}`))
      .finally(() => {
        this.running = null;
      });
  }

  /**
   * Writes the whole document as one snapshot. Call it inside the room's queue, so the
   * snapshot holds only what is stored; it waits for a compaction already under way.
   */
  async compact(): Promise<void> {
    await this.running;
    await this.write();
  }

  /** Settles when the compaction under way, if any, has finished (whether or not it failed). */
  async settled(): Promise<void> {
    await this.running;
  }

  /** Takes the snapshot at once (everything stored so far), then hands it to storage. */
  private async write(): Promise<void> {
    const counted = this.appended;
    if (counted === 0) return;
    await this.store.compact(this.room, Y.encodeStateAsUpdate(this.doc()), this.lastSeq);
    this.appended -= counted;
  }
}
