import type { Redis } from 'ioredis';
import { RateLimiter } from './RateLimiter';

/** A per-key limit, counted on this instance or across all of them. */
export interface Limiter {
  /** Whether the key is still under its limit, without counting a hit. */
  allows(key: string): Promise<boolean>;
  /** Counts a hit; false when the key is over its limit. */
  hit(key: string): Promise<boolean>;
}

export function localLimiter(limit: number, windowMs: number): Limiter {
  const limiter = new RateLimiter(limit, windowMs);
  return {
    allows: async (key) => limiter.allows(key),
    hit: async (key) => limiter.hit(key),
  };
}

/**
 * The same fixed-window limit, counted in Redis so that it holds across instances: without
 * it a join-code guesser behind a balancer gets the limit once per instance. While Redis is
 * unreachable the local count applies, so the limit never simply switches off.
 */
export function redisLimiter(redis: Redis, name: string, limit: number, windowMs: number): Limiter {
  const fallback = new RateLimiter(limit, windowMs);
  const keyFor = (key: string) => `kringen:limit:${name}:${key}:${Math.floor(Date.now() / windowMs)}`;
  return {
    async allows(key) {
      try {
        const count = Number((await redis.get(keyFor(key))) ?? 0);
        return count < limit && fallback.allows(key);
      } catch {
        return fallback.allows(key);
      }
    },
    async hit(key) {
      const local = fallback.hit(key);
      try {
        const redisKey = keyFor(key);
        const [[, count] = [null, 0]] =
          (await redis
            .multi()
            .incr(redisKey)
            .pexpire(redisKey, windowMs * 2)
            .exec()) ?? [];
        return Number(count) <= limit && local;
      } catch {
        return local;
      }
    },
  };
}
