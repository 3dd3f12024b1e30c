import type { Actor } from '../../shared/model/ripple';
import type { CloseName } from '../../shared/protocol/closeCodes';
import type { RoomRelay } from '../cluster/RoomRelay';
import type { Logger } from '../log';
import type { UpdateStore } from '../storage/UpdateStore';
import type { RoomQuota } from './checkQuota';

/** A connection as a room sees it. */
export interface RoomPeer {
  readonly actor: Actor;
  /** The name the server knows for this connection (a phone's join name), or null (facilitators name themselves). */
  readonly name: string | null;
  readonly label: string;
  send(message: Uint8Array): void;
  close(name: CloseName, detail: string): void;
  /** Awareness client ids this connection speaks for, removed when it leaves. */
  readonly awarenessIds: Set<number>;
}

export interface RoomOptions {
  store: UpdateStore;
  quota: RoomQuota;
  log: Logger;
  /** Compact the log into a snapshot after this many appended updates. */
  compactEvery: number;
  /** Other instances serving the same sessions (none by default). */
  relay?: RoomRelay;
  /** How long stored changes wait to go out to the phones together, in ms (0: at once); see UpdateFanout. */
  phoneBatchMs?: number;
  now?: () => number;
}
