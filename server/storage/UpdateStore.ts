/**
 * Where a room's document lives between server runs: an append-only log of Yjs updates,
 * now and then compacted into one snapshot. SQLite is the embedded default
 * (`SqliteUpdateStore`, one server per file), PostgreSQL the store several instances share
 * (`PostgresUpdateStore`); `MemoryUpdateStore` is their twin for tests.
 *
 * The stores several instances can share keep the contract PostgreSQL needs when they
 * write at once (SQLite, with one writer, keeps it trivially, except that its compaction
 * takes the caller's document as complete, which with one writer it is, and keeps the log
 * rows for replay, loading only those above the snapshot's seq):
 * - a log row is either still in the log or absorbed by the snapshot, never neither: `load`
 *   returns every row still in the log, whatever its seq (in PostgreSQL a row with a lower
 *   seq can commit after a higher one, after a compaction up to that higher seq);
 * - `compact` merges the caller's state with the old snapshot and the rows it removes, so an
 *   update the caller's document has not received yet survives; it removes exactly the rows
 *   it read, and never runs twice at once for one room.
 * Applying an update twice is harmless in Yjs, so overlap between snapshot and log is fine.
 */
export interface StoredDoc {
  /** The compacted state, or null for a room that was never compacted. */
  snapshot: Uint8Array | null;
  /** Every update still in the log, oldest first; some may already be in the snapshot. */
  updates: Uint8Array[];
  /** The highest sequence number the snapshot or the updates above include (0 when none). */
  lastSeq: number;
}

export interface UpdateStore {
  load(room: string): Promise<StoredDoc>;
  /** Resolves once the update is durably stored (committed); returns its sequence number. */
  append(room: string, update: Uint8Array, at: number): Promise<number>;
  /**
   * Replaces the log rows up to `uptoSeq` that exist now by a snapshot of `snapshot`, the old
   * snapshot and those rows merged (the history keeps the rows: merged per minute in
   * PostgreSQL, as they are in SQLite). The
   * caller's `uptoSeq` comes from an append that has resolved, and `snapshot` holds every
   * update up to it.
   */
  compact(room: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
  /**
   * The room's whole history, oldest first: compacted updates (merged per minute, or each
   * at its own time where the store keeps them), then the log. Replaying all of them in order rebuilds the document; replaying a prefix shows it
   * as it was at that time.
   */
  history(room: string): Promise<Array<{ at: number; update: Uint8Array }>>;
  /** When the room was last written to (its newest update, stored or compacted), or null when never. */
  lastWrite(room: string): Promise<number | null>;
  /**
   * Removes everything stored of the room (log, snapshot, history) so that none of it can be
   * read back, from the database or from its files.
   */
  delete(room: string): Promise<void>;
  close(): Promise<void>;
}
