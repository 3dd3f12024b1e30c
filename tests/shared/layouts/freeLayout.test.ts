import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freeLayout, resolveOverlaps } from '../../../shared/layouts';
import { arbitraryRipples, firstOverlap, ripple } from './builders';

describe('freeLayout', () => {
  it('keeps a placed card where the facilitator put it and gives unplaced ones free cells', () => {
    const positions = freeLayout([ripple('a', { position: { x: 40, y: 80 } }), ripple('b'), ripple('c')]);
    expect(positions.get('a')).toEqual({ x: 40, y: 80 });
    expect(firstOverlap(positions)).toBeNull();
  });

  it('nudges a card dropped on top of another just below it', () => {
    const positions = resolveOverlaps([
      ['a', { x: 0, y: 0 }],
      ['b', { x: 10, y: 10 }],
    ]);
    expect(positions.get('a')).toEqual({ x: 0, y: 0 });
    expect(positions.get('b')?.x).toBe(10);
    expect(firstOverlap(positions)).toBeNull();
  });

  it('never lets two cards overlap, however they were dropped (property)', () => {
    fc.assert(
      fc.property(arbitraryRipples, (ripples) => {
        const positions = freeLayout(ripples);
        expect(positions.size).toBe(ripples.length);
        expect(firstOverlap(positions)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('lays out a thousand stacked cards quickly', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ripple(`r${i}`, { position: { x: 0, y: 0 } }));
    // CPU time, not wall time: on a busy machine (CI) the wall clock also counts other work.
    const started = process.cpuUsage();
    const positions = freeLayout(many);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
    expect(positions.size).toBe(1000);
  });
});
