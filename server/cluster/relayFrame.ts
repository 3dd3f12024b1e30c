import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** What one relay frame carries between instances. */
export const FRAME = {
  update: 0,
  awareness: 1,
  hello: 2,
  resync: 3,
  deleted: 4,
  keyRenewed: 5,
} as const;

export type FrameType = (typeof FRAME)[keyof typeof FRAME];

export interface RelayFrame {
  /** The instance that sent it: an instance drops its own frames when Redis echoes them back. */
  from: string;
  type: FrameType;
  payload: Uint8Array;
}

export function encodeFrame(frame: RelayFrame): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, frame.from);
  encoding.writeVarUint(encoder, frame.type);
  encoding.writeVarUint8Array(encoder, frame.payload);
  return encoding.toUint8Array(encoder);
}

/** Null for anything that is not a frame we know: Redis is shared infrastructure, trust nothing in it. */
export function decodeFrame(data: Uint8Array): RelayFrame | null {
  try {
    const decoder = decoding.createDecoder(data);
    const from = decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (decoding.hasContent(decoder) || !Object.values(FRAME).includes(type as FrameType)) return null;
    return { from, type: type as FrameType, payload };
  } catch {
    return null;
  }
}
