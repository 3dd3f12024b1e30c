import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 18 random bytes = 144 bits, written as 24 URL-safe characters. */
export const newSecret = (): string => randomBytes(18).toString('base64url');

const digest = (secret: string): Buffer => createHash('sha256').update(secret).digest();

/** What the database keeps instead of a key or secret: its sha256, in hex. */
export const hashSecret = (secret: string): string => digest(secret).toString('hex');

/** Whether `secret` hashes to `storedHash`, compared in constant time so timing leaks nothing of it. */
export function matchesHash(storedHash: string, secret: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = digest(secret);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
