/**
 * Where a room's document lives between server runs: an append-only log of Yjs updates,
 * now and then compacted into one snapshot. SQLite is the embedded default
 * (`SqliteUpdateStore`); `MemoryUpdateStore` is its twin for tests; PostgreSQL can follow
 * behind the same interface.
 */
export interface StoredDoc {
  /** The compacted state, or null for a room that was never compacted. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** The sequence number of the last update included above (0 when none). */
  lastSeq: number;
}

export interface UpdateStore {
  load(room: string): Promise<StoredDoc>;
  /** Resolves once the update is durably stored; returns its sequence number. */
  append(room: string, update: Uint8Array, at: number): Promise<number>;
  /** Replaces every update up to `uptoSeq` by `snapshot` (the history keeps them, merged per minute). */
  compact(room: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
  /**
   * The room's whole history, oldest first: compacted updates merged per minute, then the
   * log. Replaying all of them in order rebuilds the document; replaying a prefix shows it
   * as it was at that time.
   */
  history(room: string): Promise<Array<{ at: number; update: Uint8Array }>>;
  close(): Promise<void>;
}
