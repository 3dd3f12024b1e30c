import { hasGaps } from '../../shared/doc/yjsInternals';
import type { RelayChannel, RelayHandlers } from '../cluster/RoomRelay';
import type { Logger } from '../log';
import type { AwarenessFanout } from './awarenessFanout';
import type { RoomDocument } from './roomDocument';
import type { RoomReads } from './roomReads';

/** What a room is to the frames other instances send it. */
export interface RelayedRoom {
  readonly name: string;
  readonly isDestroyed: boolean;
  enqueue<T>(task: () => Promise<T> | T): Promise<T>;
  catchUp(): Promise<void>;
  closeDeleted(tellOthers: boolean): void;
  closeFacilitators(tellOthers: boolean): void;
}

export interface RelayedParts {
  document: RoomDocument;
  presence: AwarenessFanout;
  reads: RoomReads;
  channel: () => RelayChannel | null;
  log: Logger;
}

/** How a room answers each relay frame (server/cluster/relayFrame.ts). */
export function relayHandlersFor(room: RelayedRoom, parts: RelayedParts): RelayHandlers {
  const { document, presence, reads, channel, log } = parts;
  const open = () => !room.isDestroyed;
  return {
    update: (update) => {
      void room.enqueue(async () => {
        if (!open()) return;
        try {
          document.applyRelayed(update);
        } catch (error) {
          log.warn(`room=${room.name} undecodable relayed update: ${error}`);
        }
        // A frame arrived whose causes never did (lost while Redis was away): storage has
        // them. Reread now, inside this task, so no client update is checked against a gap.
        if (hasGaps(document.doc)) await reads.reread(open);
      });
    },
    awareness: (update) => {
      if (open()) presence.receiveRelayed(update);
    },
    hello: () => {
      const states = open() ? presence.ownStates() : null;
      if (states) channel()?.publishAwareness(states);
    },
    resync: () => void room.catchUp(),
    // Told by the instance that deleted it, so not told again.
    deleted: () => void room.enqueue(() => room.closeDeleted(false)),
    keyRenewed: () => room.closeFacilitators(false),
  };
}
