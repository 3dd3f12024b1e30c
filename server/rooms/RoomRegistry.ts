import { ignoreFrames, noRelay, type RelayChannel, type RoomRelay } from '../cluster/RoomRelay';
import { beforeDeadline } from '../deadline';
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
  /** Sessions being deleted or deleted: their rooms never load again. */
  private readonly deleted = new Set<string>();

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
    if (this.deleted.has(name)) throw new Error(`room=${name} belongs to a deleted session`);
    this.cancelIdle(name);
    const pendingUnload = this.unloading.get(name);
    if (pendingUnload) await pendingUnload;
    let room = this.loading.get(name);
    // A room that closed itself (storage failed while it reloaded) is loaded anew.
    if (
      room &&
      (await room.then(
        (r) => r.isDestroyed,
        () => false,
      )) &&
      this.loading.get(name) === room
    ) {
      this.loading.delete(name);
      room = undefined;
    }
    room ??= this.loading.get(name);
    if (!room) {
      const { store, log, compactEvery, phoneBatchMs, quota, relay } = this.options;
      room = Room.load(name, { store, log, compactEvery, phoneBatchMs, quota, ...(relay ? { relay } : {}) });
      this.loading.set(name, room);
      room.catch(() => this.loading.delete(name));
    }
    return room;
  }

  /**
   * Closes the room of a session that is being deleted, here and on the other instances:
   * its clients are told (a final close), updates still in its queue are dropped, and it
   * never loads again. `undo` lets it load again, for a deletion that failed.
   */
  async evict(name: string): Promise<{ undo(): void }> {
    this.deleted.add(name);
    this.cancelIdle(name);
    const loading = this.loading.get(name);
    const room = loading ? await loading.catch(() => null) : null;
    if (room) {
      await room.enqueue(() => room.closeDeleted());
      if (this.loading.get(name) === loading) this.loading.delete(name);
    } else {
      // Not open here; other instances may have it open.
      await this.tellOthers(name, (channel) => channel.publishDeleted());
    }
    return { undo: () => this.deleted.delete(name) };
  }

  /** True while someone is connected to the room on this instance. */
  async inUse(name: string): Promise<boolean> {
    const loading = this.loading.get(name);
    const room = loading ? await loading.catch(() => null) : null;
    return room !== null && room.peers.size > 0;
  }

  /**
   * Closes every facilitator connection to the room, here and on the other instances (after
   * the facilitator key was renewed: a board opened with the old key must not keep its rights).
   */
  async closeFacilitators(name: string): Promise<void> {
    const loading = this.loading.get(name);
    const room = loading ? await loading.catch(() => null) : null;
    if (room) {
      room.closeFacilitators();
      return;
    }
    // Not open here; other instances may have it open.
    await this.tellOthers(name, (channel) => channel.publishKeyRenewed());
  }

  /** Publishes on a room's relay channel without opening the room here. */
  private async tellOthers(name: string, publish: (channel: RelayChannel) => void): Promise<void> {
    const channel = await (this.options.relay ?? noRelay).open(name, ignoreFrames);
    publish(channel);
    await channel.close();
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
   * in the same minute, and compactions all at once (each merging the room's log into its
   * history) raised the server's peak memory under load (bench/README.md).
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
        await room.snapshots.settled();
        if (room.peers.size > 0) return;
        this.loading.delete(name);
        room.destroy();
      })
      .catch(() => undefined)
      .finally(() => this.unloading.delete(name));
    this.unloading.set(name, done);
    await done;
  }

  /**
   * Writes every room's snapshot and drops the rooms, connected or not (at shutdown, after
   * the sockets are closed), until `deadline` (a Date.now() time). A snapshot that cannot be
   * written in time loses nothing: every update is in the log already, and the next load
   * reads it from there. Returns the rooms whose snapshot was not written, and why.
   */
  async closeAll(deadline = Number.POSITIVE_INFINITY): Promise<Array<{ room: string; reason: string }>> {
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    const unwritten: Array<{ room: string; reason: string }> = [];
    const pending = [...this.loading.entries()];
    this.loading.clear();
    await beforeDeadline(Promise.allSettled([...this.unloading.values()]), deadline);
    for (const [name, loading] of pending) {
      const outcome = await beforeDeadline(
        loading.then(
          (room) => room.enqueue(() => room.snapshots.compact()).finally(() => room.destroy()),
          // A room that never loaded holds nothing that storage lacks.
          () => undefined,
        ),
        deadline,
      );
      if (!outcome.ok) unwritten.push({ room: name, reason: outcome.error });
    }
    return unwritten;
  }
}
