import * as Y from 'yjs';
import { maySendChanges, receivesWholeSession } from '../../shared/doc/permissions';
import { writeEntry } from '../../shared/doc/phoneView';
import { CLOSE, type CloseName } from '../../shared/protocol/closeCodes';
import { StorageError } from '../storage/StorageHealth';
import { applyClientUpdate } from './applyClientUpdate';
import type { UpdateFanout } from './fanout';
import type { PhoneClaim, PhoneViews } from './phoneViews';
import type { RoomDocument } from './roomDocument';
import type { RoomOptions, RoomPeer } from './roomTypes';
import type { Snapshots } from './snapshots';
import { StepTwoWait } from './stepTwoWait';

/** A Yjs update with no structs and no deletions: two zero counts. */
const EMPTY_UPDATE_BYTES = 2;

/** What the update path needs of its room. */
export interface PathRoom {
  readonly name: string;
  readonly options: RoomOptions;
  /** Whether other instances write to this room too (a relay is configured). */
  readonly relayed: boolean;
  destroyed(): boolean;
  readonly document: RoomDocument;
  readonly views: PhoneViews;
  readonly fanout: UpdateFanout;
  readonly snapshots: Snapshots;
  now(): number;
  /** Starts over from storage; `judged`'s view is left as it is (see Room). */
  reload(seen?: Uint8Array, judged?: RoomPeer): Promise<void>;
  /** Reads storage into the document: what other instances stored and this one never heard. */
  reread(): Promise<void>;
}

/**
 * A client's update, from the frame to the fanout: a phone's through its view (PhoneViews),
 * anyone else's as it is; then `applyClientUpdate` (apply, gaps, rules, limits, suggestions,
 * store), and what its outcome asks: send it on, wait for the client's step 2, reload, refuse.
 * Runs inside the room's queue.
 */
export class UpdatePath {
  private readonly refused = new WeakSet<RoomPeer>();
  private readonly stepTwo = new StepTwoWait();

  constructor(private readonly room: PathRoom) {}

  /**
   * A document update from a client (sync step 2 or an update message). Refused updates
   * close the connection: once a server drops one update of a client, Yjs keeps all the
   * client's later updates pending, so it must start over with a fresh document.
   *
   * A reconnecting client may send a new change before its sync step 2, which carries what
   * that change builds on (it typed while the server restarted, or its instance died). Such
   * an update waits for the client's step 2 instead of being refused.
   */
  async receive(peer: RoomPeer, update: Uint8Array, kind: 'step2' | 'update'): Promise<void> {
    // A presenter screen's update never reaches its view, which other presenters share.
    if (!maySendChanges(peer.actor)) return this.refuse(peer, 'forbidden', 'this screen can only watch');
    if (!receivesWholeSession(peer.actor)) return this.receivePhoneUpdate(peer, update, kind);
    if (kind === 'update' && this.stepTwo.has(peer)) {
      // Later updates of a peer wait behind the one already waiting, untried: they may build
      // on it, and each try that finds a gap costs a reload from storage, which a client
      // must not be able to repeat at will.
      if (this.room.destroyed() || this.refused.has(peer) || this.stepTwo.hold(peer, update)) return;
      return this.refuse(peer, 'invalid', 'update depends on changes the server never received');
    }
    await this.checkAndApply(peer, update, false);
    if (kind !== 'step2') return;
    for (const later of this.stepTwo.release(peer) ?? []) await this.checkAndApply(peer, later, false);
  }

  /**
   * A phone's update goes to its view; what it changed there (its claims) is written into the
   * document as the server and judged like any client's change. A refused claim closes the
   * phone's connections and forgets its view: the phone starts over, as with a refused update.
   */
  private async receivePhoneUpdate(
    peer: RoomPeer,
    update: Uint8Array,
    kind: 'step2' | 'update',
  ): Promise<void> {
    if (this.room.destroyed() || this.refused.has(peer)) return;
    // A phone coming back (its step 2) may bring a ripple that an instance which died stored
    // but never relayed. Read first, its claim meets that ripple instead of writing it again
    // beside it: two maps under one key, of which Yjs keeps one, and the other's later changes
    // (the facilitator accepting it) vanish with it. A step 2 that brings nothing (a new
    // phone, or one back to the view it left) has no claims to meet anything.
    if (kind === 'step2' && this.room.relayed && update.byteLength > EMPTY_UPDATE_BYTES)
      await this.room.reread().catch((error: unknown) => {
        this.room.options.log.warn(`room=${this.room.name} could not reread storage for a phone: ${error}`);
      });
    if (this.room.destroyed() || this.refused.has(peer)) return;
    const read = this.room.views.receive(peer, update, kind);
    if (read.kind !== 'claims')
      return this.refusePhone(peer, read.kind === 'malformed' ? 'malformed' : 'invalid', read.detail);
    if (read.claims.length === 0) return;
    const claims: readonly PhoneClaim[] = read.claims;
    await this.checkAndApply(
      peer,
      (doc) => {
        for (const { entry, value } of claims) writeEntry(doc, entry, value);
      },
      false,
    );
  }

  private refusePhone(peer: RoomPeer, name: CloseName, detail: string): void {
    this.refuse(peer, name, detail);
    this.room.views.drop(peer.actor.id, (other) => {
      if (other !== peer) this.refuse(other, name, detail);
    });
  }

  private async checkAndApply(
    peer: RoomPeer,
    update: Uint8Array | ((doc: Y.Doc) => void),
    reread: boolean,
  ): Promise<void> {
    // A peer that left still counts: what it sent before closing was received and is kept.
    // A refused peer's later updates build on the refused one, so they are dropped.
    if (this.room.destroyed() || this.refused.has(peer)) return;
    // What the clients have seen, for a reload in a relayed room to send them what it brings.
    const seen = this.room.relayed ? Y.encodeStateVector(this.room.document.doc) : undefined;
    const outcome = await applyClientUpdate({
      doc: this.room.document.doc,
      prior: this.room.document.prior,
      actor: peer.actor,
      change: update,
      quota: this.room.options.quota,
      origin: peer,
      store: this.room.options.store,
      room: this.room.name,
      now: this.room.now(),
    });
    switch (outcome.kind) {
      case 'nothing':
        return;
      case 'gaps':
        // The document holds what came before the gap, which nobody may see: start over
        // from storage. With other instances, the missing causes may be stored but not yet
        // relayed here (or lost with an instance that died): the reload reads them, and the
        // update is tried once more. Otherwise it waits for the client's sync step 2.
        await this.room.reload(seen, peer);
        if (this.room.destroyed()) return;
        if (this.room.relayed && !reread) return this.checkAndApply(peer, update, true);
        if (typeof update !== 'function' && this.stepTwo.hold(peer, update)) return;
        return this.refuse(peer, 'invalid', 'update depends on changes the server never received');
      case 'refused':
        await this.room.reload(seen, peer);
        if (this.room.destroyed()) return;
        // With other instances this room may be behind storage (a relay frame lost), and the
        // client may be sending back what others stored, which it heard first: a reconnecting
        // phone's step 2 holds other people's ripples. Judged once more against storage.
        if (this.room.relayed && !reread && outcome.name !== 'malformed')
          return this.checkAndApply(peer, update, true);
        return this.refusePhone(peer, outcome.name, outcome.detail);
      case 'unstored':
        // An outage is logged once, by StorageHealth; anything else here is news.
        if (!(outcome.error instanceof StorageError))
          this.room.options.log.error(
            `room=${this.room.name} ${peer.label} storage failed, update not applied: ${outcome.error}`,
          );
        await this.room.reload(undefined, peer);
        return this.refusePhone(peer, 'storageFailed', 'the update could not be stored');
      case 'stored':
        if (this.room.destroyed()) return;
        // With a follow-up the sender gets the message too: it holds the server's suggestion.
        this.room.fanout.send(outcome.update, outcome.followedUp ? null : peer, true);
        // After a reload (`reread`) the judged phone's view has not seen what it brought.
        if (reread) this.room.views.sessionReplaced();
        else this.room.views.sessionChanged(outcome.changes);
        this.room.snapshots.appendedAs(outcome.seq);
    }
  }

  private refuse(peer: RoomPeer, name: CloseName, detail: string): void {
    // A storage failure was logged where it happened, once per outage, not once per client.
    if (name !== 'storageFailed')
      this.room.options.log.warn(
        `room=${this.room.name} ${peer.label} refused (${CLOSE[name].reason}): ${detail}`,
      );
    this.refused.add(peer);
    peer.close(name, detail);
  }
}
