import { describe, expect, it } from 'vitest';
import { WARM_UP_RIPPLES, warmUp } from '../../server/rooms/warmUp';
import { MemoryUpdateStore } from '../../server/storage/MemoryUpdateStore';
import { startTestServer } from '../helpers/testServer';

describe('warm-up at start', () => {
  it('takes every made-up ripple through the checks, as a room takes a real one', async () => {
    // Were they refused, the start would only warm up the refusal.
    expect(await warmUp()).toEqual({
      ripples: WARM_UP_RIPPLES,
      accepted: Math.ceil(WARM_UP_RIPPLES / 3),
      suggested: WARM_UP_RIPPLES,
    });
  });

  it('stores nothing and leaves no room behind', async () => {
    const store = new MemoryUpdateStore();
    const server = await startTestServer({}, { store });
    try {
      expect((await store.load('warm-up')).updates).toHaveLength(0);
      expect(server.rooms.size).toBe(0);
    } finally {
      await server.dispose();
    }
  });
});
