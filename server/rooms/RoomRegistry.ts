import type { RoomRelay } from '../cluster/RoomRelay';
import type { Logger } from '../log';
import type { UpdateStore } from '../storage/UpdateStore';
import type { RoomQuota } from './checkQuota';
import { Room } from './Room';

export interface RoomRegistryOptions {
  store: UpdateStore;
  log: Logger;
  compactEvery: number;
  /** How long stored changes wait to go out to the phones together (Room's phoneBatchMs). */
  phoneBatchMs: number;
  quota: RoomQuota;
  /** How long a room with nobody in it stays in memory. */
  idleUnloadMs: number;
  /** Other instances serving the same sessions; absent for one instance alone. */
  relay?: RoomRelay;
}

/**
 * The rooms this server holds in memory. Loading and unloading are single-flight: all
 * connections that arrive while a room loads share one load, and a room that is being
 * unloaded is gone (its compaction under way finished) before anyone can load it again.
 */
export class RoomRegistry {
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly options: RoomRegistryOptions) {
    // After the relay lost frames, every room in memory rereads storage.
    options.relay?.onResync(() => {
      for (const loading of this.loading.values()) {
        loading.then((room) => room.catchUp()).catch(() => undefined);
      }
    });
  }

  get size(): number {
    return this.loading.size;
  }

  async open(name: string): Promise<Room> {
    this.cancelIdle(name);
    const pendingUnload = this.unloading.get(name);
    if (pendingUnload) await pendingUnload;
    let room = this.loading.get(name);
    if (!room) {
      const { store, log, compactEvery, phoneBatchMs, quota, relay } = this.options;
      room = Room.load(name, { store, log, compactEvery, phoneBatchMs, quota, ...(relay ? { relay } : {}) });
      this.loading.set(name, room);
      room.catch(() => this.loading.delete(name));
    }
    return room;
  }

  /**
   * Closes every facilitator connection to a room this server holds (after the facilitator
   * key was renewed: a board opened with the old key must not keep its rights). On other
   * instances such boards keep their connection until it next drops.
   */
  async closeFacilitators(name: string, detail: string): Promise<void> {
    const room = await this.loading.get(name)?.catch(() => null);
    for (const peer of room?.peers ?? [])
      if (peer.actor.role === 'facilitator') peer.close('keyRenewed', detail);
  }

  /** Called when a connection leaves: a room left empty unloads after the idle delay. */
  release(room: Room): void {
    if (room.peers.size > 0) return;
    this.cancelIdle(room.name);
    const timer = setTimeout(() => void this.unload(room.name), this.options.idleUnloadMs);
    timer.unref();
    this.idleTimers.set(room.name, timer);
  }

  private cancelIdle(name: string): void {
    const timer = this.idleTimers.get(name);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(name);
  }

  /**
   * Drops a room from memory, unless someone joined meanwhile. Nothing needs saving: every
   * update is in the log before anyone sees it. The log is compacted when it reaches
   * COMPACT_EVERY, as in a loaded room, not here: when a workshop ends, every room empties
   * in the same minute, and 50 compactions at once (each merging the room's log into its
   * history) took the server 40 MB over its peak under load (bench/load, 25 Nov).
   */
  async unload(name: string): Promise<void> {
    this.idleTimers.delete(name);
    const loading = this.loading.get(name);
    if (!loading || this.unloading.has(name)) return;
    const room = await loading;
    if (room.peers.size > 0 || this.loading.get(name) !== loading) return;
    // In the room's queue, so updates received before everyone left are stored first, and
    // after a compaction under way, so the next load reads what it wrote.
    const done = room
      .enqueue(async () => {
        await room.compaction();
        if (room.peers.size > 0) return;
        this.loading.delete(name);
        room.destroy();
      })
      .catch(() => undefined)
      .finally(() => this.unloading.delete(name));
    this.unloading.set(name, done);
    await done;
  }

  /** Saves and drops every room, connected or not (used at shutdown, after the sockets are closed). */
  async closeAll(): Promise<void> {
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    await Promise.all([...this.unloading.values()]);
    const rooms = await Promise.allSettled([...this.loading.values()]);
    this.loading.clear();
    for (const result of rooms) {
      if (result.status !== 'fulfilled') continue;
      const room = result.value;
      await room
        .enqueue(() => room.compact())
        .catch((error) =>
          this.options.log.error(`room=${room.name} compaction at shutdown failed: ${error}`),
        );
      room.destroy();
    }
  }
}
