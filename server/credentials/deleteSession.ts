import type { RoomRegistry } from '../rooms/RoomRegistry';
import type { UpdateStore } from '../storage/UpdateStore';
import type { CredentialStore } from './CredentialStore';

export interface DeleteDeps {
  sessions: CredentialStore;
  store: UpdateStore;
  rooms: RoomRegistry;
}

/**
 * Deletes everything stored about a session: its room is closed first (here and on other
 * instances, so nothing is written after), then its document (log, snapshot, history), then
 * the session row and its participants, the last step because without the row nobody can
 * ask again. A deletion that fails midway leaves the session as it was, to be deleted again.
 */
export async function deleteSession({ sessions, store, rooms }: DeleteDeps, id: string): Promise<void> {
  const eviction = await rooms.evict(id);
  try {
    await store.delete(id);
    await sessions.delete(id);
  } catch (error) {
    eviction.undo();
    throw error;
  }
}
