import { describe, expect, it } from 'vitest';
import {
  formatJoinCode,
  isValidJoinCode,
  JOIN_CODE_ALPHABET,
  joinCodeFromBytes,
  normalizeJoinCode,
} from '../../shared/protocol/joinCode';

describe('join codes', () => {
  it.each([
    ['acd-efh', 'ACDEFH'],
    [' ACD EFH ', 'ACDEFH'],
    ['acd.efh', 'ACDEFH'],
    ['ACDEFH', 'ACDEFH'],
  ])('reads %j as %s', (typed, code) => {
    expect(normalizeJoinCode(typed)).toBe(code);
    expect(isValidJoinCode(normalizeJoinCode(typed))).toBe(true);
  });

  it('has no characters that look alike on a projector', () => {
    for (const ch of '0O1IL2Z5S8BQG6') expect(JOIN_CODE_ALPHABET).not.toContain(ch);
  });

  it('rejects codes of the wrong length or with look-alikes', () => {
    for (const code of ['ACDEF', 'ACDEFHJ', 'ACDEF0', 'ACDEFO']) expect(isValidJoinCode(code)).toBe(false);
  });

  it('makes valid codes from any bytes and shows them in two groups', () => {
    const code = joinCodeFromBytes(new Uint8Array([0, 255, 17, 128, 64, 3]));
    expect(isValidJoinCode(code)).toBe(true);
    expect(formatJoinCode(code)).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
  });
});
