import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MESSAGE } from '../../shared/protocol/messageTypes';

/**
 * The y-websocket wire format, both ways, in one file: what the server writes next to what
 * it reads. A frame is a message type, then (for sync) a sync step, then a byte array.
 */

function encodeMessage(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1: the server's state vector, asking the client for what the server lacks. */
export const encodeSyncStep1 = (doc: Y.Doc): Uint8Array =>
  encodeMessage(MESSAGE.sync, (e) => syncProtocol.writeSyncStep1(e, doc));

/** Sync step 2: everything of `doc` that `stateVector` lacks, the answer to a client's step 1. */
export const encodeSyncStep2 = (doc: Y.Doc, stateVector: Uint8Array): Uint8Array =>
  encodeMessage(MESSAGE.sync, (e) => {
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector));
  });

/** A document update. */
export const encodeUpdate = (update: Uint8Array): Uint8Array =>
  encodeMessage(MESSAGE.sync, (e) => syncProtocol.writeUpdate(e, update));

/** An awareness update (y-protocols' encoding of some clients' states). */
export const encodeAwareness = (update: Uint8Array): Uint8Array =>
  encodeMessage(MESSAGE.awareness, (e) => encoding.writeVarUint8Array(e, update));

/** A frame from a client, read. */
export type ClientFrame =
  | { type: 'step1'; stateVector: Uint8Array }
  | { type: 'step2' | 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' }
  | { type: 'auth' };

const SYNC_STEPS: Record<number, 'step1' | 'step2' | 'update'> = {
  [syncProtocol.messageYjsSyncStep1]: 'step1',
  [syncProtocol.messageYjsSyncStep2]: 'step2',
  [syncProtocol.messageYjsUpdate]: 'update',
};

/** Reads one frame. Throws on anything that is not a y-websocket message. */
export function decodeFrame(data: Uint8Array): ClientFrame {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE.sync: {
      const kind = decoding.readVarUint(decoder);
      const step = SYNC_STEPS[kind];
      if (!step) throw new Error(`unknown sync message type ${kind}`);
      const bytes = decoding.readVarUint8Array(decoder);
      return step === 'step1' ? { type: 'step1', stateVector: bytes } : { type: step, update: bytes };
    }
    case MESSAGE.awareness:
      return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MESSAGE.queryAwareness:
      return { type: 'queryAwareness' };
    case MESSAGE.auth:
      return { type: 'auth' };
    default:
      throw new Error(`unknown message type ${type}`);
  }
}
