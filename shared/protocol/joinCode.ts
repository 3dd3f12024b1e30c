/**
 * Join codes are read off a projector and typed on a phone: six characters from an
 * alphabet without look-alikes (no 0/O/Q, 1/I/L, 2/Z, 5/S, 6/G, 8/B), shown as "ABC-DEF".
 * 22^6 ≈ 113 million codes; guessing is rate-limited by the server.
 */
export const JOIN_CODE_ALPHABET = 'ACDEFHJKMNPRTUVWXY3479';
export const JOIN_CODE_LENGTH = 6;

/** Upper-cases and drops spaces, dashes and dots, so "abc def", "ABC-DEF" and "abc.def" are one code. */
export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-.–_]/g, '');
}

export function isValidJoinCode(code: string): boolean {
  if (code.length !== JOIN_CODE_LENGTH) return false;
  for (const ch of code) if (!JOIN_CODE_ALPHABET.includes(ch)) return false;
  return true;
}

/**
 * What is wrong with a typed (normalised) code, to explain it to the person typing it:
 * its length, or the first character no join code has. Null for a well-formed code.
 *
 * @example
 * joinCodeProblem('ACDEF'); // { kind: 'length', length: 5 }
 */
export function joinCodeProblem(
  code: string,
): { kind: 'length'; length: number } | { kind: 'character'; character: string } | null {
  const characters = [...code];
  if (characters.length !== JOIN_CODE_LENGTH) return { kind: 'length', length: characters.length };
  const wrong = characters.find((ch) => !JOIN_CODE_ALPHABET.includes(ch));
  return wrong ? { kind: 'character', character: wrong } : null;
}

/** "ACDEFG" → "ACD-EFG", for display. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 3)}-${code.slice(3)}`;
}

/** A join code from random bytes (the caller supplies them, so this stays pure). */
export function joinCodeFromBytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++)
    out += JOIN_CODE_ALPHABET[(bytes[i] ?? 0) % JOIN_CODE_ALPHABET.length];
  return out;
}
