import { hasGaps } from '../../shared/doc/yjsInternals';
import { StorageError } from '../storage/StorageHealth';
import type { StoredDoc } from '../storage/UpdateStore';
import type { RoomDocument } from './roomDocument';
import type { RoomOptions } from './roomTypes';
import type { Snapshots } from './snapshots';

/**
 * Every time a room reads its document from storage: the first load, a reread when relay
 * frames may have been lost, and a fresh start after a change nobody may see.
 */
export class RoomReads {
  constructor(
    private readonly name: string,
    private readonly options: RoomOptions,
    private readonly document: RoomDocument,
    private readonly snapshots: Snapshots,
  ) {}

  /** The first load: nobody has seen anything yet. */
  async load(): Promise<void> {
    const stored = await this.options.store.load(this.name);
    this.apply(stored, 'storage');
    this.snapshots.loaded(stored.updates.length, stored.lastSeq);
  }

  /** Rereads storage into the document (what it lacks reaches the clients as relayed changes). */
  async reread(stillOpen: () => boolean): Promise<void> {
    const stored = await this.options.store.load(this.name);
    if (!stillOpen()) return;
    this.apply(stored, 'relay');
    if (hasGaps(this.document.doc))
      this.options.log.error(`room=${this.name} still has gaps after rereading storage`);
  }

  /**
   * Starts the document over from storage. False when storage cannot be read: the room must
   * close (an outage is logged once, by StorageHealth; anything else here is news).
   */
  async replace(): Promise<boolean> {
    let stored: StoredDoc;
    try {
      stored = await this.options.store.load(this.name);
    } catch (error) {
      if (!(error instanceof StorageError))
        this.options.log.error(`room=${this.name} could not reload from storage, closing the room: ${error}`);
      return false;
    }
    this.document.replace(stored);
    this.snapshots.lastSeq = Math.max(this.snapshots.lastSeq, stored.lastSeq);
    return true;
  }

  private apply(stored: StoredDoc, origin: 'storage' | 'relay'): void {
    this.document.applyStored(stored, origin);
    this.snapshots.lastSeq = Math.max(this.snapshots.lastSeq, stored.lastSeq);
  }
}
