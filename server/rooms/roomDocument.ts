import * as Y from 'yjs';
import { changesOfTransaction, type DocChange } from '../../shared/doc/changes';
import { PriorState } from '../../shared/doc/priorState';
import type { StoredDoc } from '../storage/UpdateStore';

/**
 * A room's session document, with the record of what it held before the change being judged
 * (`PriorState`), replaced whole when the room reloads. Changes another instance stored
 * ('relay') go to `onRelayed` as they are applied; a client's change goes out from the room
 * once stored, and what a load reads ('storage') was never news.
 */
export class RoomDocument {
  doc = new Y.Doc();
  prior = new PriorState(this.doc);

  constructor(private readonly onRelayed: (update: Uint8Array, changes: DocChange[]) => void) {
    this.doc.on('update', this.listen);
  }

  /** The update of a relayed transaction, sent on with its changes once they are known. */
  private relayed: Uint8Array | null = null;

  private readonly listen = (update: Uint8Array, origin: unknown): void => {
    if (origin === 'relay') this.relayed = update;
  };

  /** Applies a stored state: 'storage' when loading (tells nobody), 'relay' when catching up (tells the clients). */
  applyStored(stored: StoredDoc, origin: 'storage' | 'relay'): void {
    this.transact(() => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(this.doc, update);
    }, origin);
  }

  /** Applies an update another instance stored. Throws when it cannot be decoded. */
  applyRelayed(update: Uint8Array): void {
    this.transact(() => Y.applyUpdate(this.doc, update), 'relay');
  }

  /** Starts over with `stored` as the whole document (after a change nobody may see). */
  replace(stored: StoredDoc): void {
    this.destroy();
    this.doc = new Y.Doc();
    this.prior = new PriorState(this.doc);
    this.doc.on('update', this.listen);
    this.applyStored(stored, 'storage');
  }

  destroy(): void {
    this.doc.off('update', this.listen);
    this.doc.destroy();
  }

  /** Runs `change` as one transaction; the prior state catches up after it. */
  private transact(change: () => void, origin: unknown): void {
    let changes: DocChange[] = [];
    this.doc.transact((transaction) => {
      change();
      changes = changesOfTransaction(this.doc, transaction);
    }, origin);
    this.prior.refresh(changes);
    const relayed = this.relayed;
    this.relayed = null;
    if (relayed) this.onRelayed(relayed, changes);
  }
}
