import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, FRAME, type FrameType } from '../../server/cluster/relayFrame';

const frameTypes = Object.values(FRAME) as FrameType[];

describe('relay frames', () => {
  it('round-trip', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...frameTypes), fc.uint8Array(), (from, type, payload) => {
        expect(decodeFrame(encodeFrame({ from, type, payload }))).toEqual({ from, type, payload });
      }),
    );
  });

  it('anything else on the channel is ignored, never thrown', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const frame = decodeFrame(bytes);
        if (frame) expect(frameTypes).toContain(frame.type);
      }),
    );
    expect(
      decodeFrame(encodeFrame({ from: 'x', type: 9 as FrameType, payload: new Uint8Array() })),
    ).toBeNull();
    expect(
      decodeFrame(new Uint8Array([...encodeFrame({ from: 'x', type: 0, payload: new Uint8Array([1]) }), 7])),
    ).toBeNull();
  });
});
