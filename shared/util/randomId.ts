// `shared/` compiles without DOM or Node typings; both provide Web Crypto on globalThis.
declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random id of `length` characters from [a-z0-9] (16 characters ≈ 82 bits). */
export function randomId(length = 16): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = '';
  // The slight modulo bias is harmless for ids; secrets are made by the server's own crypto.
  for (const byte of bytes) out += ALPHABET[byte % 36];
  return out;
}
